/**
 * Report SQL by text: a golden snapshot of every builder under one filter state (so a change
 * to any query shows up in review), and checks that every filter value arrives quoted.
 * The same builders are run on the fixture in reports.test.ts and numbers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters, mergeFilters } from '../../../src/reports/filters';
import { reportSql } from '../../../src/reports/run';
import { dataSpanSql, filterOptionsSql, toFilterOptions } from '../../../src/reports/options';
import { rowsToCsv, csvColumns } from '../../../src/reports/csv';

const f = mergeFilters(emptyFilters(), {
  from: '2019-01-01', to: '2019-12-31', neighborhoods: ['Five Points'], types: ["Dog's Barking"], sources: ['Phone'],
});

describe('reports/sql text', () => {
  it.each(REPORTS.map((r) => [r.id, r] as const))('%s matches its golden SQL', (_id, def) => {
    expect(reportSql(def, f)).toMatchSnapshot();
  });

  it.each(REPORTS.map((r) => [r.id, r] as const))('%s quotes every filter value', (_id, def) => {
    const sql = reportSql(def, f);
    expect(sql).not.toMatch(/Dog's/);
    if (sql.includes('Dog')) expect(sql).toContain(`'Dog''s Barking'`);
    if (!['forecast'].includes(def.id)) expect(sql).toContain(`DATE '2019-01-01'`);
    expect(sql).toContain(`'five-points'`);
  });

  it('hostile param values never reach the SQL', () => {
    const forecast = REPORTS.find((r) => r.id === 'forecast')!;
    expect(reportSql(forecast, f, { neighborhood: "x'; DROP TABLE service_requests; --" })).not.toContain('DROP');
    const res = REPORTS.find((r) => r.id === 'resolution-by')!;
    expect(reportSql(res, f, { dimension: 'nope' })).toBe(reportSql(res, f, { dimension: 'type' }));
  });

  it('filter options', () => {
    expect(filterOptionsSql()).toContain("coalesce(type, '(none)')");
    expect(dataSpanSql()).toContain('FROM daily_counts');
    const o = toFilterOptions(
      [
        { kind: 'type', dataset: 'service_requests', value: 'Pothole', n: 5 },
        { kind: 'source', dataset: 'service_requests', value: 'Phone', n: 3 },
      ],
      { first_day: '2019-01-01', last_day: '2019-12-31' },
    );
    expect(o).toEqual({ types: [{ dataset: 'service_requests', value: 'Pothole', n: 5 }], sources: [{ value: 'Phone', n: 3 }], firstDay: '2019-01-01', lastDay: '2019-12-31' });
  });
});

describe('reports/csv', () => {
  it('quotes what needs quoting and drops nested objects', () => {
    const rows = [
      { a: 'x,y', b: 1, geometry: { type: 'Point' } },
      { a: 'say "hi"', b: null, c: 'line\nbreak' },
    ];
    expect(csvColumns(rows)).toEqual(['a', 'b', 'c']);
    expect(rowsToCsv(rows)).toBe('a,b,c\r\n"x,y",1,\r\n"say ""hi""",,"line\nbreak"\r\n');
  });
});

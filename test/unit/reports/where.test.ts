/** The WHERE builder: exact text, and the same filters run on the fixture agree across tables. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFilters, mergeFilters } from '../../../src/reports/filters';
import { inList, whereSql } from '../../../src/reports/sql/where';
import { openFixtureDb } from './fixture';
import type { TestDb } from '../helpers/duckdb';

const f = mergeFilters(emptyFilters(), {
  from: '2022-03-01', to: '2022-12-31', neighborhoods: ['CBD', 'Baker'], types: ["Dog's Barking", '(none)', 'traffic-accident'], sources: ['Phone'],
});

describe('reports/sql/where (text)', () => {
  it('no filters → TRUE', () => {
    expect(whereSql(emptyFilters(), 'events')).toBe('TRUE');
  });

  it('daily_counts', () => {
    expect(whereSql(f, 'daily_counts')).toBe(
      `"day" >= DATE '2022-03-01' AND "day" <= DATE '2022-12-31' AND "neighborhood_slug" IN ('baker', 'cbd') AND ` +
        `("type" IN ('Dog''s Barking', 'traffic-accident') OR "type" IS NULL) AND ("dataset" <> 'service_requests' OR "source" IN ('Phone'))`,
    );
  });

  it('dataset tables, aliases, omissions and one-dataset restriction', () => {
    expect(whereSql(f, 'traffic_accidents', { omit: ['types', 'neighborhoods'] })).toBe(
      `"first_occurrence_at" >= DATE '2022-03-01' AND "first_occurrence_at" < DATE '2022-12-31' + INTERVAL 1 DAY`,
    );
    expect(whereSql(f, 'service_requests', { alias: 's', omit: ['dates', 'types'] })).toBe(
      `"s"."neighborhood_slug" IN ('baker', 'cbd') AND "s"."case_source" IN ('Phone')`,
    );
    expect(whereSql(f, 'daily_counts', { dataset: 'traffic_accidents', omit: ['dates', 'neighborhoods', 'types'] })).toBe(`"dataset" = 'traffic_accidents'`);
    const onlyAcc = mergeFilters(f, { datasets: ['traffic_accidents'] });
    expect(whereSql(onlyAcc, 'service_requests')).toBe('FALSE');
    expect(whereSql(onlyAcc, 'daily_counts', { dataset: 'service_requests' })).toBe('FALSE');
    expect(whereSql(onlyAcc, 'events', { omit: ['dates', 'neighborhoods', 'types', 'sources'] })).toBe(`"dataset" IN ('traffic_accidents')`);
  });

  it('inList', () => {
    expect(inList('t', ['(none)'])).toBe('t IS NULL');
    expect(inList('t', ['a'])).toBe(`t IN ('a')`);
  });
});

describe('reports/sql/where (run)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openFixtureDb();
  });
  afterAll(() => db.close());

  it.each([
    ['everything', f],
    ['no filter', emptyFilters()],
    ['accidents only', mergeFilters(f, { datasets: ['traffic_accidents'], types: [] })],
    ['a source', mergeFilters(emptyFilters(), { sources: ['Web', '(none)'] })],
  ] as const)('counts agree between daily_counts, events and the tables (%s)', async (_name, g) => {
    const count = async (sql: string) => Number((await db.query(sql))[0].n);
    const fromRollup = await count(`SELECT coalesce(sum(n), 0) AS n FROM daily_counts WHERE ${whereSql(g, 'daily_counts')}`);
    const fromView = await count(`SELECT count(*) AS n FROM events WHERE ${whereSql(g, 'events')}`);
    const fromTables =
      (await count(`SELECT count(*) AS n FROM service_requests WHERE ${whereSql(g, 'service_requests')}`)) +
      (await count(`SELECT count(*) AS n FROM traffic_accidents WHERE ${whereSql(g, 'traffic_accidents')}`));
    expect(fromView).toBe(fromRollup);
    expect(fromTables).toBe(fromRollup);
    expect(fromRollup).toBeGreaterThan(0);
  });
});

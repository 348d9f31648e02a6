/**
 * Report texts: counts carry thousands separators (regression: "(6026 earlier days…)") and
 * nouns agree with their counts (regression: "at lag 0 day(s)", "1 of 15 lags fall").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fmtCount } from '../../../src/reports/format';
import { MSG } from '../../../src/reports/messages';
import { getReport } from '../../../src/reports/registry';

describe('reports/format fmtCount', () => {
  it.each([
    [0, 'day', undefined, '0 days'],
    [1, 'day', undefined, '1 day'],
    [-1, 'day', undefined, '-1 day'],
    [-3, 'day', undefined, '-3 days'],
    [6026, 'earlier day', undefined, '6,026 earlier days'],
    [2, 'match', 'matches', '2 matches'],
  ] as const)('%d %s', (n, one, many, text) => {
    expect(fmtCount(n, one, many)).toBe(text);
  });
});

describe('report texts', () => {
  it('forecast: the days left out, with a separator and the right number', () => {
    const forecast = getReport('forecast')!;
    const meta = { kind: 'meta', neighborhood: 'Five Points', first_day: '2023-01-01', last_day: '2023-12-31', verdict: 'A verdict.' };
    expect(forecast.summarize!([{ ...meta, skipped_days: 6026 }], {})).toBe(
      "Five Points, 2023-01-01 to 2023-12-31: A verdict. (6,026 earlier days outside the data's last continuous stretch were left out.)",
    );
    expect(forecast.summarize!([{ ...meta, skipped_days: 1 }], {})).toContain("(1 earlier day outside the data's last continuous stretch was left out.)");
    expect(forecast.summarize!([{ ...meta, skipped_days: 0 }], {})).toBe('Five Points, 2023-01-01 to 2023-12-31: A verdict.');
  });

  it('monthly-by-type: events and months counted in words that fit', () => {
    const monthly = getReport('monthly-by-type')!;
    const row = (month: string, type: string, n: number) => ({ dataset: 'traffic_accidents', month, type, n });
    expect(monthly.summarize!([row('2024-01', 'traffic-accident', 1)], {})).toBe(
      'Traffic accidents: 1 event over 1 month; the most frequent type is "traffic-accident" (1).',
    );
    expect(monthly.summarize!([row('2024-01', 'traffic-accident', 1500), row('2024-02', 'traffic-accident', 20)], {})).toBe(
      'Traffic accidents: 1,520 events over 2 months; the most frequent type is "traffic-accident" (1,520).',
    );
  });

  it('backlog: the median age and the open requests agree with their counts (regression: "a median age of 1 days")', () => {
    const backlog = getReport('backlog')!;
    const total = (n: number, median: number) => ({ kind: 'total', n, median_age_days: median, as_of: '2024-06-30 12:00' });
    expect(backlog.summarize!([total(1, 0.6)], {})).toBe(
      '1 request was open as of 2024-06-30 12:00, with a median age of 1 day; 0 had been open more than 3 months.',
    );
    expect(backlog.summarize!([total(1234, 12.2), { kind: 'bucket', bucket: 5, n: 40 }, { kind: 'bucket', bucket: 6, n: 2 }], {})).toBe(
      '1,234 requests were open as of 2024-06-30 12:00, with a median age of 12 days; 42 had been open more than 3 months.',
    );
  });

  it('boundary counts carry separators', () => {
    expect(MSG.storedBoundaries('blocks.geojson', 1200, 1534, [])).toBe('Stored blocks.geojson: 1,200 of 1,534 features matched a neighborhood.');
    expect(MSG.placedByBoundaries(1234)).toBe('1,234 stored records without a neighborhood now have one, from their coordinates.');
    const choropleth = getReport('choropleth')!;
    const rows = Array.from({ length: 1200 }, (_, i) => ({ slug: i < 1100 ? `s${i}` : null, neighborhood: `N${i}`, value: i }));
    expect(choropleth.summarize!(rows, {})).toBe(
      '1,100 of 1,200 boundary features matched a neighborhood (100 unmatched, shown grey); the highest count is N1099 (1,099).',
    );
  });

  it('no report text says "(s)"', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    // "day(s) ", "month(s)`"…, not code such as `Math.sqrt(s);`.
    const hits = files(fileURLToPath(new URL('../../../src/reports', import.meta.url))).filter((f) => /[a-z]\(s\)(?=[\s.,:!?'"`])/.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });
});

/**
 * Year over year: a month without data inside a year's months is a gap in its line, not a
 * segment bridging it (regression: a year with data in Jan and Dec only was one line Jan→Dec);
 * a year keeps its color whichever other years are shown (regression: the colors were the
 * years' places in the legend, so a date filter recolored every line).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';
import { emptyFilters } from '../../../src/reports/filters';
import type { Row } from '../../../src/reports/types';
import { ROLLUPS_SQL, openEmptyDb } from './fixture';
import { renderColors, renderSpec, specErrors } from './spec-check';
import { YEAR_PALETTE, yearColor } from '../../../src/reports/spec/year-colors';
import type { TestDb } from '../helpers/duckdb';

const yoy = getReport('yoy')!;
/** Accidents per day: 2023 has Jan, Feb, Nov and Dec; 2024 has Jan and Mar (which the data ends in). */
const DAYS: readonly [string, number][] = [
  ['2023-01-01', 1], ['2023-01-10', 2], ['2023-01-20', 2], ['2023-02-14', 4], ['2023-11-05', 6], ['2023-12-24', 1],
  ['2024-01-10', 7], ['2024-03-03', 2],
];

let db: TestDb;
let rows: Row[];
beforeAll(async () => {
  db = await openEmptyDb();
  const values = DAYS.flatMap(([day, k], i) =>
    Array.from({ length: k }, (_, j) => `('acc-${i}-${j}', 'traffic-accident', TIMESTAMP '${day} 12:00:00', NULL, NULL, 'CBD', 'cbd')`),
  );
  db.exec(`INSERT INTO traffic_accidents (row_key, offense_type_id, first_occurrence_at, longitude, latitude, neighborhood, neighborhood_slug) VALUES ${values.join(', ')}`);
  db.exec(ROLLUPS_SQL);
  rows = await db.query(yoy.sql(emptyFilters(), {}));
});
afterAll(() => db.close());

describe('report yoy', () => {
  it('returns every month between a year\'s first and last month with data, NULL where there is none', () => {
    const mine = rows.filter((r) => r.dataset === 'traffic_accidents');
    expect(mine.map((r) => [r.year, r.month, r.n, r.days_with_data, r.whole_month])).toEqual([
      [2023, 1, 5, 3, true], [2023, 2, 4, 1, true],
      ...[3, 4, 5, 6, 7, 8, 9, 10].map((m) => [2023, m, null, 0, true]),
      [2023, 11, 6, 1, true], [2023, 12, 1, 1, true],
      [2024, 1, 7, 1, true], [2024, 2, null, 0, true], [2024, 3, 2, 1, false],
    ]);
  });

  it('breaks each line at the missing months and draws a point per month with data', async () => {
    const spec = yoy.spec(rows, {});
    expect(specErrors(spec)).toEqual([]);
    const r = await renderSpec(spec);
    expect(r.warnings).toEqual([]);
    expect(r.marks.symbol).toBe(6);
    // One path per year; each run of months with data is a subpath of its own ("M").
    const paths = [...r.svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths.map((d) => d.replace(/[^ML]/g, ''))).toEqual(['MLML', 'MM']);
  });

  it('compares only the months with data, in words that fit the count', () => {
    expect(yoy.empty!(rows, {})).toBeNull();
    expect(yoy.summarize!(rows, {})).toBe('Traffic accidents: 7 in 2024 vs 5 in the same 1 month of 2023 (+40.0%).');
  });

  it('leaves out a month the data or the date filter cuts (regression: a last month of 5 days read as -84%)', async () => {
    // A flat 1,000 a month from Jan 2023 to 5 Jul 2024: July 2024 holds 5 days.
    const flat = (months: number, last: number): Row[] => [
      ...Array.from({ length: 12 }, (_, i) => ({ dataset: 'traffic_accidents', year: 2023, month: i + 1, n: 1000, days_with_data: 30, whole_month: true })),
      ...Array.from({ length: months }, (_, i) => ({ dataset: 'traffic_accidents', year: 2024, month: i + 1, n: i + 1 === months ? last : 1000, days_with_data: 30, whole_month: i + 1 < months })),
    ];
    expect(yoy.summarize!(flat(7, 150), {})).toBe('Traffic accidents: 6,000 in 2024 vs 6,000 in the same 6 months of 2023 (+0.0%).');
    expect(yoy.summarize!(flat(1, 160), {})).toMatch(/2024 and 2023 share no month that the data fully covers/);
    // In SQL: a date filter that ends mid-month makes that month partial, in both years.
    const cut = await db.query(yoy.sql({ ...emptyFilters(), to: '2024-01-15' }, {}));
    expect(cut.filter((r) => r.year === 2024 && r.month === 1).map((r) => r.whole_month)).toEqual([false]);
    expect(yoy.summarize!(cut, {})).toMatch(/share no month that the data fully covers/);
  });
});

describe('report yoy: year colors', () => {
  /** A count for every month of each year, in both datasets. */
  const yearsRows = (years: readonly number[]): Row[] =>
    years.flatMap((year) =>
      (['service_requests', 'traffic_accidents'] as const).flatMap((dataset) =>
        Array.from({ length: 12 }, (_, i) => ({ dataset, year, month: i + 1, n: 10 + i, days_with_data: 28 })),
      ),
    );

  /** The one color each year is drawn in, checking the legend shows the same one. */
  async function drawn(years: readonly number[]): Promise<Map<string, string>> {
    const spec = yoy.spec(yearsRows(years), {});
    expect(specErrors(spec)).toEqual([]);
    const c = await renderColors(spec, 'year');
    const out = new Map<string, string>();
    for (const [year, set] of c.marks) {
      expect(set.size, year).toBe(1);
      const [color] = set;
      expect(c.legend.get(year), year).toEqual(new Set([color]));
      out.set(year, color);
    }
    return out;
  }

  it('draws a year in the same color whichever other years the date filter leaves', async () => {
    const all = await drawn([2019, 2020, 2021, 2022, 2023, 2024]);
    expect([...all.keys()]).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(new Set(all.values()).size).toBe(6);
    for (const some of [[2023, 2024], [2021, 2024], [2020]]) {
      const shown = await drawn(some);
      expect([...shown.keys()]).toEqual(some.map(String));
      for (const y of some) expect(shown.get(String(y)), String(y)).toBe(all.get(String(y)));
    }
  });

  it('keys the color to the year: consecutive years within the palette never share one', () => {
    const years = Array.from({ length: YEAR_PALETTE.length }, (_, i) => 2013 + i);
    expect(new Set(years.map(yearColor)).size).toBe(YEAR_PALETTE.length);
    expect(yearColor(2013 + YEAR_PALETTE.length)).toBe(yearColor(2013));
  });
});

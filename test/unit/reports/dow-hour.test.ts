/**
 * The day-of-week × hour report counts per day of each weekday (regression: a 10-day range
 * holds three weekdays twice, and its shares showed those weekdays twice as busy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dowHour } from '../../../src/reports/defs/dow-hour';
import { emptyFilters, mergeFilters, type FilterInput } from '../../../src/reports/filters';
import { literal } from '../../../src/sql/quote';
import type { Row } from '../../../src/reports/types';
import { numberOf } from '../../../src/reports/format';
import type { TestDb } from '../helpers/duckdb';
import { openEmptyDb, ROLLUPS_SQL } from './fixture';

let db: TestDb;

/** One event an hour, every day from `first` for `days` days. */
function hourly(first: string, days: number, row: (key: string, at: string) => string): string[] {
  const out: string[] = [];
  const start = Date.parse(`${first}T00:00:00Z`);
  for (let d = 0; d < days; d++) {
    for (let h = 0; h < 24; h++) {
      const at = new Date(start + (d * 24 + h) * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      out.push(row(`${d}-${h}`, at));
    }
  }
  return out;
}

beforeAll(async () => {
  db = await openEmptyDb();
  // Accidents on the 10 days Fri 2024-03-01 … Sun 03-10 (Fri, Sat and Sun twice); 311 requests
  // on the 14 days Mon 03-04 … Sun 03-17.
  const acc = hourly('2024-03-01', 10, (k, at) => `(${literal(`a-${k}`)}, 'traffic-accident', TIMESTAMP ${literal(at)}, NULL, NULL, 'CBD', 'cbd')`);
  db.exec(`INSERT INTO traffic_accidents (row_key, offense_type_id, first_occurrence_at, longitude, latitude, neighborhood, neighborhood_slug) VALUES ${acc.join(',\n')}`);
  const sr = hourly('2024-03-04', 14, (k, at) => `(${literal(`s-${k}`)}, 'Closed', 'Phone', TIMESTAMP ${literal(at)}, NULL, NULL, NULL, 'Parks & Recreation', 'Pothole', 'CBD', 'cbd')`);
  db.exec(`INSERT INTO service_requests (row_key, case_status, case_source, created_at, closed_at, longitude, latitude, agency, type, neighborhood, neighborhood_slug) VALUES ${sr.join(',\n')}`);
  db.exec(ROLLUPS_SQL);
});
afterAll(() => db.close());

async function rows(input: FilterInput): Promise<Row[]> {
  return db.query(dowHour.sql(mergeFilters(emptyFilters(), input), {}));
}

/** The distinct values of `field` among one dataset's rows. */
function distinct(all: Row[], dataset: string, field: string): number[] {
  return [...new Set(all.filter((r) => r.dataset === dataset).map((r) => Number(r[field])))].sort((a, b) => a - b);
}

describe('report dow-hour', () => {
  it.each([
    ['the days the data covers, with no date filter', {}, 2],
    ['a date filter of exactly the 10 days', { from: '2024-03-01', to: '2024-03-10' }, 1],
    ['a date filter wider than the data', { from: '2024-02-01', to: '2024-04-30' }, 2],
  ] as const)('shows equal weekday rates for a uniform dataset over 10 days: %s', async (_name, input, srWeeks) => {
    const out = await rows(input);
    const acc = out.filter((r) => r.dataset === 'traffic_accidents');
    expect(acc).toHaveLength(7 * 24);
    expect(distinct(out, 'traffic_accidents', 'per_day')).toEqual([1]);
    expect(distinct(out, 'traffic_accidents', 'share').map((s) => s * 7 * 24).every((v) => Math.abs(v - 1) < 1e-9)).toBe(true);
    // Friday, Saturday and Sunday held twice the events, over twice the days.
    expect(acc.filter((r) => r.dow_name === 'Fri' && r.hour === 8)[0]).toMatchObject({ n: 2, days: 2, per_day: 1 });
    expect(acc.filter((r) => r.dow_name === 'Mon' && r.hour === 8)[0]).toMatchObject({ n: 1, days: 1, per_day: 1 });
    // Each dataset over its own days: the 311 requests' whole weeks in range.
    expect(distinct(out, 'service_requests', 'per_day')).toEqual([1]);
    expect(distinct(out, 'service_requests', 'days')).toEqual([srWeeks]);
  });

  it('counts only the days of the filter that the data covers', async () => {
    // Mon 03-04 … Sun 03-17 for accidents that stop on Sun 03-10: the week after their last day
    // is not counted (the data ends there), so each weekday counts once.
    const out = await rows({ from: '2024-03-04', to: '2024-03-17' });
    expect(distinct(out, 'traffic_accidents', 'days')).toEqual([1]);
    expect(distinct(out, 'traffic_accidents', 'per_day')).toEqual([1]);
  });

  it('says it shows events per day of each weekday', async () => {
    expect(dowHour.explanation).toMatch(/divided by how many of that weekday the date range holds/);
    const spec = JSON.stringify(dowHour.spec(await rows({}), {}));
    expect(spec).toContain('"title":"Events per day"');
    expect(dowHour.summarize!(await rows({}), {})).toMatch(/peak on \w{3} at \d\d:00 \(on average 1\.00 events in that hour each \w{3}, 0\.6% of an average week's events\)/);
    // Large rates with one decimal (it read "148.85 events").
    const big = (await rows({})).map((r) => ({ ...r, per_day: numberOf(r.per_day) * 148.85 }));
    expect(dowHour.summarize!(big, {})).toMatch(/on average 148\.9 events in that hour/);
  });
});

/**
 * The figures reports show, checked against an independent computation in JS over the raw
 * fixture rows: counts by month and type, counts by neighborhood, median/p90 hours by type,
 * correlation coefficients, the forecast's daily series and backtest errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { chartRows, reportSql } from '../../../src/reports/run';
import { pearson, spearman } from '../../../src/reports/stats/correlation';
import { quantile } from '../../../src/reports/stats/quantiles';
import { rollingOrigin, DEFAULT_BACKTEST } from '../../../src/reports/stats/backtest';
import { MODELS } from '../../../src/reports/stats/models';
import type { Row } from '../../../src/reports/types';
import { HOODS, openFixtureDb } from './fixture';
import { CLOSE_BINS_PER_DECADE } from '../../../src/db/closure';
import { AGE_BUCKETS } from '../../../src/reports/defs/backlog';
import type { TestDb } from '../helpers/duckdb';
import { denverElapsedMs } from '../helpers/denver-elapsed';

let db: TestDb;
let sr: Row[];
let acc: Row[];

beforeAll(async () => {
  db = await openFixtureDb();
  sr = await db.query('SELECT type, case_source, created_at, closed_at, neighborhood_slug FROM service_requests');
  acc = await db.query('SELECT offense_type_id AS type, first_occurrence_at AS at, neighborhood_slug FROM traffic_accidents');
});
afterAll(() => db.close());

const day = (ms: unknown) => new Date(ms as number).toISOString().slice(0, 10);
const inRange = (ms: unknown, f: Filters) => (!f.from || day(ms) >= f.from) && (!f.to || day(ms) <= f.to);

async function report(id: string, f: Filters, params: Record<string, string> = {}): Promise<Row[]> {
  const def = getReport(id)!;
  return chartRows(def, await db.query(reportSql(def, f, params)), params);
}

function tally(rows: Row[], key: (r: Row) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
}

describe('reports/numbers', () => {
  const filtered = mergeFilters(emptyFilters(), { from: '2022-04-10', to: '2023-02-20', neighborhoods: ['Athmar Park', 'baker', 'CBD', 'auraria'] });

  it.each([['no filter', emptyFilters()], ['dates + neighborhoods', filtered]] as const)('counts by month and type (%s)', async (_n, f) => {
    const rows = await report('monthly-by-type', f, { top: '12' });
    const keep = (r: Row, at: unknown) => inRange(at, f) && (!f.neighborhoods.length || f.neighborhoods.includes(String(r.neighborhood_slug)));
    const expectSr = tally(sr.filter((r) => keep(r, r.created_at)), (r) => `service_requests|${day(r.created_at).slice(0, 7)}|${r.type ?? '(none)'}`);
    const expectAcc = tally(acc.filter((r) => keep(r, r.at)), (r) => `traffic_accidents|${day(r.at).slice(0, 7)}|${r.type}`);
    const got = new Map(rows.map((r) => [`${r.dataset}|${r.month}|${r.type}`, r.n]));
    expect(got).toEqual(new Map([...expectSr, ...expectAcc]));
  });

  it('counts by neighborhood, and relative shares', async () => {
    const rows = await report('by-neighborhood', emptyFilters());
    const expected = tally(acc, (r) => String(r.neighborhood_slug));
    const got = new Map(rows.filter((r) => r.dataset === 'traffic_accidents').map((r) => [r.slug, r.n]));
    expect(got).toEqual(expected);
    const all = [...sr, ...acc].filter((r) => r.neighborhood_slug);
    const accTotal = acc.filter((r) => r.neighborhood_slug).length;
    const cbd = rows.find((r) => r.dataset === 'traffic_accidents' && r.slug === 'cbd')!;
    const cbdAll = all.filter((r) => r.neighborhood_slug === 'cbd').length;
    expect(cbd.relative).toBeCloseTo((Number(cbd.n) / accTotal) / (cbdAll / all.length), 12);
  });

  // Regression: the city-wide share was computed after the neighborhood filter, so it was the
  // selected neighborhoods' share under a "city-wide" title.
  it.each([['no filter', emptyFilters()], ['dates + neighborhoods', filtered]] as const)(
    'type mix: shares here and city-wide, whatever neighborhoods are selected (%s)',
    async (_n, f) => {
      const rows = (await report('type-mix', f)).filter((r) => r.dataset === 'traffic_accidents');
      const placed = acc.filter((r) => r.neighborhood_slug !== null && inRange(r.at, f));
      const city = tally(placed, (r) => String(r.type));
      const named = rows.filter((r) => r.type !== 'Other');
      expect(named.length).toBeGreaterThan(0);
      for (const r of named) expect(r.city_share, String(r.type)).toBeCloseTo(city.get(String(r.type))! / placed.length, 12);
      const namedTypes = new Set(named.map((r) => String(r.type)));
      const otherShare = placed.filter((r) => !namedTypes.has(String(r.type))).length / placed.length;
      for (const r of rows.filter((r) => r.type === 'Other')) expect(r.city_share).toBeCloseTo(otherShare, 12);
      const shown = new Set(rows.map((r) => String(r.slug)));
      if (f.neighborhoods.length) expect(shown).toEqual(new Set(f.neighborhoods));
      for (const slug of shown) {
        const here = placed.filter((r) => r.neighborhood_slug === slug);
        const row = named.find((r) => r.slug === slug)!;
        expect(row.share).toBeCloseTo(here.filter((r) => r.type === row.type).length / here.length, 12);
      }
    },
  );

  // From the closure rollups the quantiles are estimates that lie in the exact value's histogram
  // bin; with a neighborhood and a type filter together they come exact from the requests table.
  it.each([
    ['estimated from the rollups', emptyFilters(), 1 / CLOSE_BINS_PER_DECADE],
    ['exact from the table', mergeFilters(emptyFilters(), { neighborhoods: HOODS.slice(0, 6).map((h) => h.slug), types: ['Pothole', 'Noise', 'Trash'] }), 0],
  ] as const)('median and p90 hours by type, closed-at-creation apart (%s)', async (_name, f, logTolerance) => {
    const rows = await report('resolution-by', f, { dimension: 'type' });
    const byType = new Map<string, number[]>();
    const atCreation = new Map<string, number>();
    const close = (est: number, exact: number) =>
      logTolerance ? expect(Math.abs(Math.log10(est) - Math.log10(exact))).toBeLessThanOrEqual(logTolerance) : expect(est).toBeCloseTo(exact, 9);
    for (const r of sr) {
      if (r.closed_at === null) continue;
      if (f.neighborhoods.length && !f.neighborhoods.includes(String(r.neighborhood_slug))) continue;
      if (f.types.length && !f.types.includes(String(r.type))) continue;
      const h = denverElapsedMs(r.created_at as number, r.closed_at as number) / 3_600_000;
      const t = String(r.type ?? '(none)');
      if (h === 0) atCreation.set(t, (atCreation.get(t) ?? 0) + 1);
      if (h > 0) byType.set(t, [...(byType.get(t) ?? []), h]);
    }
    expect(byType.size).toBeGreaterThan(1);
    for (const [t, hours] of byType) {
      const row = rows.find((r) => r.kind === 'group' && r.key === t)!;
      expect(row.n).toBe(hours.length);
      close(row.median_hours as number, quantile(hours, 0.5));
      close(row.p90_hours as number, quantile(hours, 0.9));
      expect(row.closed_at_creation).toBe(atCreation.get(t) ?? 0);
    }
  });

  it('correlation coefficients across neighborhoods', async () => {
    const rows = await report('correlation-neighborhood', emptyFilters());
    const req = tally(sr.filter((r) => r.neighborhood_slug), (r) => String(r.neighborhood_slug));
    const ac = tally(acc, (r) => String(r.neighborhood_slug));
    const slugs = [...new Set([...req.keys(), ...ac.keys()])];
    const x = slugs.map((s) => req.get(s) ?? 0);
    const y = slugs.map((s) => ac.get(s) ?? 0);
    const stat = rows.find((r) => r.kind === 'stat' && r.measure === 'All 311 requests')!;
    expect(stat.n).toBe(slugs.length);
    expect(stat.pearson as number).toBeCloseTo(pearson(x, y), 12);
    expect(stat.spearman as number).toBeCloseTo(spearman(x, y), 12);
  });

  it('forecast: the daily series of the top neighborhood, and reproducible backtest errors', async () => {
    const def = getReport('forecast')!;
    const raw = await db.query(reportSql(def, emptyFilters()));
    const counts = tally(acc, (r) => String(r.neighborhood_slug));
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    expect(raw[0].slug).toBe(top);
    const perDay = tally(acc.filter((r) => r.neighborhood_slug === top), (r) => day(r.at));
    expect(raw.map((r) => r.n)).toEqual(raw.map((r) => perDay.get(String(r.day)) ?? 0));
    const rows = chartRows(def, raw);
    const bt = rollingOrigin({ start: String(raw[0].day), values: raw.map((r) => Number(r.n)) }, MODELS, DEFAULT_BACKTEST);
    for (const s of bt.scores) {
      const m = rows.find((r) => r.kind === 'metric' && r.model === s.model)!;
      expect(m.mae).toBeCloseTo(s.mae, 12);
      expect(m.rmse).toBeCloseTo(s.rmse, 12);
      expect(m.coverage).toBeCloseTo(s.coverage, 12);
    }
  });

  it.each([
    ['no filter', emptyFilters()],
    ['from a date', mergeFilters(emptyFilters(), { from: '2022-09-10' })],
    ['neighborhoods and a source', mergeFilters(emptyFilters(), { neighborhoods: HOODS.slice(0, 3).map((h) => h.slug), sources: ['Phone'] })],
  ] as const)('backlog (%s): open requests by age bucket, total and median age, as the raw rows give them', async (_name, f) => {
    const rows = await report('backlog', f);
    const ref = Math.max(...sr.flatMap((r) => [r.created_at, r.closed_at]).filter((v) => v !== null).map(Number));
    const open = sr.filter(
      (r) =>
        r.closed_at === null && r.created_at !== null && inRange(r.created_at, f) &&
        (!f.neighborhoods.length || f.neighborhoods.includes(String(r.neighborhood_slug))) &&
        (!f.sources.length || f.sources.includes(String(r.case_source))),
    );
    expect(open.length).toBeGreaterThan(0);
    const ages = open.map((r) => denverElapsedMs(Number(r.created_at), ref) / 86_400_000);
    const total = rows.find((r) => r.kind === 'total')!;
    expect(total.n).toBe(open.length);
    expect(total.median_age_days).toBeCloseTo(quantile(ages, 0.5), 9);
    const bucketOf = (age: number) => String(AGE_BUCKETS.findIndex(([max]) => age < max) + 1);
    const shown = new Map<string, number>();
    for (const r of rows.filter((r) => r.kind === 'bucket')) shown.set(String(r.bucket), (shown.get(String(r.bucket)) ?? 0) + Number(r.n));
    expect(shown).toEqual(tally(ages.map((a) => ({ b: bucketOf(a) })), (x) => String(x.b)));
  });
});

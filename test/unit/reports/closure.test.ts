/**
 * The hours-to-close histograms read from the closure rollups (plus the partial months from the
 * requests table) equal the histograms computed from the requests table, for every grouping key
 * under every kind of filter; and quantiles read from a histogram land where they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_BINS_PER_DECADE, closeBinExpr, closureStateExpr } from '../../../src/db/closure';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { closureHistogramSql, closureKeySql, histogramQuantilesSql, type ClosureKey } from '../../../src/reports/sql/closure';
import { whereSql } from '../../../src/reports/sql/where';
import { DATE_FILTERS, openFixtureDb } from './fixture';
import type { TestDb } from '../helpers/duckdb';

const none = emptyFilters();
const KEYS: ClosureKey[] = ['type', 'agency', 'source', 'neighborhood', 'month', 'none'];

describe('reports/sql/closure', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openFixtureDb();
  });
  afterAll(() => db.close());

  const histogram = (sql: string) =>
    db.query(`SELECT CAST(key AS VARCHAR) AS key, closed, bin, CAST(sum(n) AS INTEGER) AS n FROM (${sql}) GROUP BY ALL ORDER BY ALL`);
  const fromTable = (f: Filters, key: ClosureKey) =>
    `SELECT ${closureKeySql(key)} AS key, ${closureStateExpr('created_at', 'closed_at')} AS closed, ${closeBinExpr('created_at', 'closed_at')} AS bin, 1 AS n
     FROM service_requests WHERE created_at IS NOT NULL AND ${whereSql(f, 'service_requests')}`;

  const filters: [string, Filters][] = [
    ...DATE_FILTERS,
    ['types and sources', mergeFilters(none, { from: '2022-03-15', types: ["Dog's Barking", '(none)', 'Pothole'], sources: ['Phone', '(none)'] })],
    ['neighborhoods', mergeFilters(none, { to: '2023-05-31', neighborhoods: ['CBD', 'Baker', 'Five Points'] })],
    ['neighborhoods and types', mergeFilters(none, { neighborhoods: ['CBD'], types: ['Pothole'] })],
    ['accidents only', mergeFilters(none, { datasets: ['traffic_accidents'] })],
  ];

  it.each(filters)('the rollup histograms equal the requests table (%s)', async (_name, f) => {
    let fromRollup = 0;
    for (const key of KEYS) {
      const sql = closureHistogramSql(f, key);
      const truth = await histogram(fromTable(f, key));
      if (sql === null) {
        // only a neighborhood together with a type or source filter has no rollup
        expect(f.neighborhoods.length > 0 || key === 'neighborhood', key).toBe(true);
        expect(f.types.length + f.sources.length > 0 || ['type', 'agency', 'source'].includes(key), key).toBe(true);
        continue;
      }
      fromRollup++;
      expect(await histogram(sql), key).toEqual(truth);
    }
    expect(fromRollup > 0).toBe(!(f.neighborhoods.length && f.types.length));
  });

  it('names the elapsed-time macro once per partial month it reads from the requests (each mention is planned anew)', () => {
    const f = mergeFilters(none, { from: '2022-03-15', to: '2023-05-20' });
    for (const key of KEYS) {
      const sql = closureHistogramSql(f, key);
      expect(sql?.match(/denver_seconds_between/g), key).toHaveLength(2);
    }
  });

  it('the fixture has requests in every closure state', async () => {
    const states = await db.query(`SELECT DISTINCT closed FROM (${fromTable(none, 'none')}) ORDER BY 1`);
    expect(states.map((r) => r.closed)).toEqual(['after', 'at_creation', 'before_creation', 'open']);
  });

  it('reads quantiles as quantile_cont defines them, each order statistic in the middle of its slot in its bin', async () => {
    const K = CLOSE_BINS_PER_DECADE;
    // group a: 1 request in bin 0 and 3 in bin K (10 to 10^(1+1/K) hours); group b: none closed after creation
    const hist = `(SELECT * FROM (VALUES ('a', 'after', 0, 1), ('a', 'after', ${K}, 3), ('a', 'open', NULL, 7), ('b', 'at_creation', NULL, 2)) v(g, closed, bin, n))`;
    const rows = await db.query(`${histogramQuantilesSql(hist, ['g'], [0.25, 0.5, 1], ['q25', 'q50', 'q100'])} ORDER BY g`);
    expect(rows).toHaveLength(1);
    const [a] = rows;
    // The four values, placed: the middle of bin 0, then 1/6, 1/2 and 5/6 into bin K.
    const v = [10 ** (0.5 / K), 10 ** ((K + 1 / 6) / K), 10 ** ((K + 1 / 2) / K), 10 ** ((K + 5 / 6) / K)];
    expect(a.q25 as number).toBeCloseTo(v[0] + 0.75 * (v[1] - v[0]), 12); // position 0.75
    expect(a.q50 as number).toBeCloseTo(v[1] + 0.5 * (v[2] - v[1]), 12); // position 1.5
    expect(a.q100 as number).toBeCloseTo(v[3], 12);
  });

  it('is within a bin of quantile_cont for small groups too (regression: the median of 1 h and 100 h read 1.12 h)', async () => {
    const K = CLOSE_BINS_PER_DECADE;
    const groups: Record<string, number[]> = {
      pair: [1, 100],
      split: [1.01, 0.99, 1.2, 0.9, 1.05, 380, 400, 420, 390, 410],
      tail: [1, 2, 3, 4, 5, 6, 7, 8, 9, 500],
      one: [42],
    };
    const values = Object.entries(groups).flatMap(([g, hs]) => hs.map((h) => `('${g}', ${h})`));
    const raw = `(SELECT * FROM (VALUES ${values.join(', ')}) v(g, h))`;
    const hist = `(SELECT g, 'after' AS closed, CAST(floor(log10(h) * ${K}) AS INTEGER) AS bin, count(*) AS n FROM ${raw} GROUP BY ALL)`;
    const est = await db.query(`${histogramQuantilesSql(hist, ['g'], [0.5, 0.9], ['p50', 'p90'])} ORDER BY g`);
    const exact = await db.query(`SELECT g, quantile_cont(h, 0.5) AS p50, quantile_cont(h, 0.9) AS p90 FROM ${raw} GROUP BY g ORDER BY g`);
    expect(est.map((r) => r.g)).toEqual(exact.map((r) => r.g));
    est.forEach((r, i) => {
      for (const q of ['p50', 'p90']) {
        expect(Math.abs(Math.log10((r[q] as number) / (exact[i][q] as number))), `${r.g} ${q}`).toBeLessThanOrEqual(1 / K);
      }
    });
    expect(est.find((r) => r.g === 'pair')!.p50 as number).toBeGreaterThan(40);
  });
});

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

  it('the fixture has requests in every closure state', async () => {
    const states = await db.query(`SELECT DISTINCT closed FROM (${fromTable(none, 'none')}) ORDER BY 1`);
    expect(states.map((r) => r.closed)).toEqual(['after', 'at_creation', 'before_creation', 'open']);
  });

  it('reads quantiles from the cumulative counts, placed within their bin', async () => {
    const K = CLOSE_BINS_PER_DECADE;
    // group a: 1 request in bin 0 and 3 in bin K (10 to 10^(1+1/K) hours); group b: none closed after creation
    const hist = `(SELECT * FROM (VALUES ('a', 'after', 0, 1), ('a', 'after', ${K}, 3), ('a', 'open', NULL, 7), ('b', 'at_creation', NULL, 2)) v(g, closed, bin, n))`;
    const rows = await db.query(`${histogramQuantilesSql(hist, ['g'], [0.25, 0.5, 1], ['q25', 'q50', 'q100'])} ORDER BY g`);
    expect(rows).toHaveLength(1);
    const [a] = rows;
    expect(a.q25 as number).toBeCloseTo(10 ** (1 / K), 12); // rank 1 is the end of bin 0
    expect(a.q50 as number).toBeCloseTo(10 ** ((K + 1 / 3) / K), 12); // rank 2: a third into bin K
    expect(a.q100 as number).toBeCloseTo(10 ** ((K + 1) / K), 12);
  });
});

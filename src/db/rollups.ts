/**
 * The rollups: event counts by dataset, a time bucket (day or month) and a few dimensions, so
 * that reports sum a few thousand rows instead of scanning the dataset tables. Pure SQL text.
 *
 * Every rollup is a projection of the same counts (the `events` view grouped by its bucket and
 * dimensions; the closure rollups: of the 311 requests), so any of them gives the same totals for the dimensions it has; the reports pick
 * the smallest one that covers what they group and filter by (reports/sql/counts.ts). Each load
 * applies its delta inside its transaction (`refreshRollupsSql`: the versions it wrote +1, those
 * it replaced −1), so the cost follows the file, not the store; restoring
 * a backup, attaching a remote data set and the schema migration recompute everything
 * (`rebuildRollupsSql`). A test checks that the incremental result equals a full recomputation.
 */
import type { Dataset } from '../domain/columns';
import { CELL, DENVER_EXTENT, GRID } from '../domain/grid';
import { ident, int, num } from '../sql/quote';
import { closeBinExpr, closureStateExpr } from './closure';
import { eventRowsSql, requestRowsSql } from './events';
import { OPEN_REQUESTS, REQUEST_EXTENT, rebuildOpenRequestsSql } from './open-requests';

/**
 * A dimension of the rollups. `cell` is the density grid cell (place, ix, iy); `closure` the
 * closure state and hours-to-close histogram bin of a 311 request (db/closure.ts); `agency` and
 * `neighborhood` (the display name) exist in the 311 closure rollups only.
 */
export type RollupDim = 'type' | 'neighborhood_slug' | 'source' | 'hour' | 'cell' | 'agency' | 'neighborhood' | 'closure';

/** A column a dimension adds, and how it is computed from the `events` view. */
export interface DimColumn {
  readonly name: string;
  readonly type: string;
  readonly expr: string;
}

/** A DOUBLE literal (a plain numeric literal would be a DECIMAL). */
const dbl = (v: number) => `CAST(${num(v)} AS DOUBLE)`;
const E = DENVER_EXTENT;
const INSIDE = `longitude BETWEEN ${dbl(E.minLon)} AND ${dbl(E.maxLon)} AND latitude BETWEEN ${dbl(E.minLat)} AND ${dbl(E.maxLat)}`;
const cellIndex = (coord: string, min: number, size: number, count: number) =>
  `CASE WHEN ${INSIDE} THEN least(CAST(floor((${coord} - ${dbl(min)}) / ${dbl(size)}) AS INTEGER), ${int(count - 1)}) END`;

/** The columns of each dimension. */
export const DIM_COLUMNS: Record<RollupDim, readonly DimColumn[]> = {
  type: [{ name: 'type', type: 'VARCHAR', expr: 'type' }],
  neighborhood_slug: [{ name: 'neighborhood_slug', type: 'VARCHAR', expr: 'neighborhood_slug' }],
  source: [{ name: 'source', type: 'VARCHAR', expr: 'source' }],
  hour: [{ name: 'hour', type: 'INTEGER', expr: 'CAST(hour(event_at) AS INTEGER)' }],
  cell: [
    {
      name: 'place',
      type: 'VARCHAR',
      expr: `CASE WHEN longitude IS NULL OR latitude IS NULL THEN 'missing' WHEN ${INSIDE} THEN 'bin' ELSE 'outside' END`,
    },
    { name: 'ix', type: 'INTEGER', expr: cellIndex('longitude', E.minLon, CELL.dLon, GRID.cols) },
    { name: 'iy', type: 'INTEGER', expr: cellIndex('latitude', E.minLat, CELL.dLat, GRID.rows) },
  ],
  agency: [{ name: 'agency', type: 'VARCHAR', expr: 'agency' }],
  neighborhood: [{ name: 'neighborhood', type: 'VARCHAR', expr: 'neighborhood' }],
  closure: [
    { name: 'closed', type: 'VARCHAR', expr: closureStateExpr('event_at', 'closed_at', 'close_hours') },
    { name: 'close_bin', type: 'INTEGER', expr: closeBinExpr('event_at', 'closed_at', 'close_hours') },
  ],
};

/** One rollup table. */
export interface Rollup {
  readonly table: string;
  /** Day rollups have a `day` column; month rollups a `month` column (its first day). */
  readonly grain: 'day' | 'month';
  readonly dims: readonly RollupDim[];
  /**
   * What a refresh reads: the `events` view, `daily_counts` (coarser rollups sum it), or the 311
   * requests with their closure columns (`requests`, see REQUESTS).
   */
  readonly source: 'events' | 'daily_counts' | 'requests';
}

/** The finest rollup (kept by loads since the first schema). */
export const DAILY_COUNTS: Rollup = { table: 'daily_counts', grain: 'day', dims: ['type', 'neighborhood_slug', 'source'], source: 'events' };

/** Every rollup, in refresh order (daily_counts first: others are summed from it). */
export const ROLLUPS: readonly Rollup[] = [
  DAILY_COUNTS,
  { table: 'rollup_day_type', grain: 'day', dims: ['type', 'source'], source: 'daily_counts' },
  { table: 'rollup_day_hood', grain: 'day', dims: ['neighborhood_slug'], source: 'daily_counts' },
  { table: 'rollup_day_hour', grain: 'day', dims: ['hour'], source: 'events' },
  { table: 'rollup_month_hood_type', grain: 'month', dims: ['neighborhood_slug', 'type'], source: 'daily_counts' },
  { table: 'rollup_month_cell', grain: 'month', dims: ['cell'], source: 'events' },
  // Hours-to-close histograms of 311 requests (reports/sql/closure.ts reads them): by what the
  // type, agency and source reports group and filter by, and by neighborhood.
  { table: 'rollup_month_close_type', grain: 'month', dims: ['type', 'source', 'agency', 'closure'], source: 'requests' },
  { table: 'rollup_month_close_hood', grain: 'month', dims: ['neighborhood_slug', 'neighborhood', 'closure'], source: 'requests' },
];

/** The rollups of hours-to-close histograms (311 requests only). */
export const CLOSURE_ROLLUPS: readonly Rollup[] = ROLLUPS.filter((r) => r.source === 'requests');

/** The name of the time-bucket column. */
export const bucketColumn = (r: Rollup): 'day' | 'month' => r.grain;

/** The dimension columns of a rollup, in table order. */
export function dimColumns(dims: readonly RollupDim[]): DimColumn[] {
  return dims.flatMap((d) => DIM_COLUMNS[d]);
}

/** `CREATE TABLE` for a rollup (daily_counts is created by the first migration). */
export function createRollupSql(r: Rollup): string {
  const cols = [
    'dataset VARCHAR',
    `${bucketColumn(r)} DATE`,
    ...dimColumns(r.dims).map((c) => `${ident(c.name)} ${c.type}`),
    'n BIGINT',
  ];
  return `CREATE TABLE ${ident(r.table)} (${cols.join(', ')})`;
}

/** The bucket of a DATE expression. */
const bucketOf = (r: Rollup, day: string) => (r.grain === 'day' ? day : `CAST(date_trunc('month', ${day}) AS DATE)`);

/**
 * The rows a rollup is computed from: dataset, bucket, dimension columns, and a count `n`.
 * Rollups with the `daily_counts` source sum `daily` (daily_counts, or a load's delta of it);
 * the others read `rows` when given (a load's delta: the columns of `events`, or of
 * requestRowsSql, with a signed count `n`), else the `events` view or the requests table.
 */
function sourceRows(r: Rollup, rows?: string, daily = 'daily_counts'): string {
  const dims = dimColumns(r.dims);
  const b = bucketColumn(r);
  if (r.source === 'daily_counts') {
    const cols = dims.map((c) => ident(c.name));
    return `SELECT dataset, ${bucketOf(r, 'day')} AS ${b}, ${[...cols, 'n'].join(', ')} FROM ${daily}`;
  }
  const cols = dims.map((c) => `${c.expr} AS ${ident(c.name)}`);
  const from = rows ?? (r.source === 'events' ? 'events' : `(${requestRowsSql()})`);
  const n = rows === undefined ? '1' : 'n';
  return `SELECT dataset, ${bucketOf(r, 'CAST(event_at AS DATE)')} AS ${b}, ${[...cols, `${n} AS n`].join(', ')} FROM ${from}`;
}

function insertSql(r: Rollup, rows: string): string {
  const cols = ['dataset', bucketColumn(r), ...dimColumns(r.dims).map((c) => ident(c.name))];
  return `INSERT INTO ${ident(r.table)} (${cols.join(', ')}, n)
SELECT ${cols.join(', ')}, CAST(sum(n) AS BIGINT) AS n
FROM (${rows})
GROUP BY ALL
ORDER BY ${bucketColumn(r)}`;
}

/** The tables of a load's delta: the dataset table and its history. */
export interface DeltaTables {
  readonly table: string;
  readonly history: string;
}

/** Work tables of a rollup refresh (dropped with the load's staging). */
export const REFRESH_WORK_TABLES = ['s_rollup_delta', 's_daily_delta', 's_request_delta'] as const;

/** Where a refresh keeps its work tables: `create` gives what follows CREATE OR REPLACE, `ref` the name. */
export interface RefreshWork {
  create(name: string): string;
  ref(name: string): string;
}

const TEMP_WORK: RefreshWork = { create: (n) => `TEMP TABLE ${n}`, ref: (n) => n };

/**
 * Applies load `loadId`'s changes to every rollup of `dataset`, inside the load's transaction,
 * after the dataset table changed: the versions the load wrote (`version_load`) count +1, the
 * versions it replaced (moved to the history with `replaced_by_load`) count −1; stored groups
 * take their delta, new groups are added, and groups that reach 0 are removed. The cost
 * follows the size of the file, not of the store.
 */
export function refreshRollupsSql(dataset: Dataset, loadId: number, t: DeltaTables, work: RefreshWork = TEMP_WORK): string[] {
  const L = int(loadId);
  const [other, daily, requests] = REFRESH_WORK_TABLES;
  const deltaOf = (rowsOf: (from: string) => string) => `(SELECT *, 1 AS n FROM (${rowsOf(`(SELECT * FROM ${ident(t.table)} WHERE version_load = ${L})`)})
  UNION ALL SELECT *, -1 AS n FROM (${rowsOf(`(SELECT * FROM ${ident(t.history)} WHERE replaced_by_load = ${L})`)}))`;
  // The requests' changes, with their hours to close, are computed once, first, for the closure
  // rollups (the daylight-saving-aware hours are the costly part of their deltas).
  const requestDelta =
    dataset === 'service_requests' ? [`CREATE OR REPLACE ${work.create(requests)} AS SELECT * FROM ${deltaOf(requestRowsSql)}`] : [];
  return requestDelta.concat(ROLLUPS.flatMap((r) => {
    if (r.source === 'requests' && dataset !== 'service_requests') return [];
    const delta = r.source === 'requests' ? work.ref(requests) : deltaOf((from) => eventRowsSql(dataset, from));
    const cols = ['dataset', bucketColumn(r), ...dimColumns(r.dims).map((c) => ident(c.name))];
    const R = ident(r.table);
    // daily_counts' delta is kept: the rollups summed from daily_counts take theirs from it.
    const name = r === DAILY_COUNTS ? daily : other;
    const D = work.ref(name);
    const match = cols.map((c) => `${R}.${c} IS NOT DISTINCT FROM d.${c}`).join(' AND ');
    return [
      `CREATE OR REPLACE ${work.create(name)} AS
SELECT ${cols.join(', ')}, CAST(sum(n) AS BIGINT) AS n FROM (${sourceRows(r, delta, work.ref(daily))}) GROUP BY ALL HAVING sum(n) <> 0`,
      `UPDATE ${R} SET n = ${R}.n + d.n FROM ${D} d WHERE ${match}`,
      `INSERT INTO ${R} (${cols.join(', ')}, n)
SELECT ${cols.map((c) => `d.${c}`).join(', ')}, d.n FROM ${D} d WHERE NOT EXISTS (SELECT 1 FROM ${R} WHERE ${match})
ORDER BY d.${bucketColumn(r)}`,
      `DELETE FROM ${R} WHERE n = 0`,
    ];
  }));
}

/** Recomputes the rollups (by default every one) from the dataset tables (migration, restore, remote data sets). */
export function rebuildRollupsSql(rollups: readonly Rollup[] = ROLLUPS): string[] {
  return rollups.flatMap((r) => [`DELETE FROM ${ident(r.table)}`, insertSql(r, sourceRows(r))]);
}

/** Every table the loads keep besides the dataset tables: the rollups and the open 311 requests (db/open-requests.ts). */
export const DERIVED_TABLES: readonly string[] = [...ROLLUPS.map((r) => r.table), OPEN_REQUESTS, REQUEST_EXTENT];

/** Recomputes everything the loads keep from the dataset tables (restore, remote data sets, writes made outside a load). */
export function rebuildDerivedSql(): string[] {
  return [...rebuildRollupsSql(), ...rebuildOpenRequestsSql()];
}

/**
 * The rollups: event counts by dataset, a time bucket (day or month) and a few dimensions, so
 * that reports sum a few thousand rows instead of scanning the dataset tables. Pure SQL text.
 *
 * Every rollup is a projection of the same counts (the `events` view grouped by its bucket and
 * dimensions), so any of them gives the same totals for the dimensions it has; the reports pick
 * the smallest one that covers what they group and filter by (reports/sql/counts.ts). Each load
 * recomputes, inside its transaction, the days (or, for monthly rollups, the months) its new and
 * changed records touched (`refreshRollupsSql` with the load's table of touched days); restoring
 * a backup, attaching a remote data set and the schema migration recompute everything
 * (`rebuildRollupsSql`). A test checks that the incremental result equals a full recomputation.
 */
import type { Dataset } from '../domain/columns';
import { CELL, DENVER_EXTENT, GRID } from '../domain/grid';
import { ident, int, num, str } from '../sql/quote';
import { closeBinExpr, closureStateExpr } from './closure';

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
    { name: 'closed', type: 'VARCHAR', expr: closureStateExpr('event_at', 'closed_at') },
    { name: 'close_bin', type: 'INTEGER', expr: closeBinExpr('event_at', 'closed_at') },
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

/** The 311 requests as the closure rollups read them: the `events` names plus closure columns. */
const REQUESTS = `(SELECT 'service_requests' AS dataset, created_at AS event_at, type, case_source AS source, neighborhood_slug,
  neighborhood, agency, closed_at FROM service_requests)`;

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

/** The rows a rollup is computed from: dataset, bucket, dimension columns, and a count `n`. */
function sourceRows(r: Rollup, where: string): string {
  const dims = dimColumns(r.dims);
  const b = bucketColumn(r);
  if (r.source !== 'daily_counts') {
    const cols = dims.map((c) => `${c.expr} AS ${ident(c.name)}`);
    const from = r.source === 'events' ? 'events' : REQUESTS;
    return `SELECT dataset, ${bucketOf(r, 'CAST(event_at AS DATE)')} AS ${b}, ${[...cols, '1 AS n'].join(', ')} FROM ${from}${where}`;
  }
  const cols = dims.map((c) => ident(c.name));
  return `SELECT dataset, ${bucketOf(r, 'day')} AS ${b}, ${[...cols, 'n'].join(', ')} FROM daily_counts${where}`;
}

function insertSql(r: Rollup, rows: string, scope: string): string {
  const cols = ['dataset', bucketColumn(r), ...dimColumns(r.dims).map((c) => ident(c.name))];
  return `INSERT INTO ${ident(r.table)} (${cols.join(', ')}, n)
SELECT ${cols.join(', ')}, CAST(sum(n) AS BIGINT) AS n
FROM (${rows})${scope}
GROUP BY ALL
ORDER BY ${bucketColumn(r)}`;
}

/**
 * Recomputes every rollup of `dataset` for the days in `touchedDays` (a table with a `day`
 * column: the days a load's new and changed records had, before and after), or whole months
 * for monthly rollups. Runs inside the load's transaction, after the dataset table changed.
 */
export function refreshRollupsSql(dataset: Dataset, touchedDays: string): string[] {
  const d = str(dataset);
  return ROLLUPS.flatMap((r) => {
    const b = bucketColumn(r);
    // A touched bucket, NULL included (events without a time have no day).
    const touched = (col: string) => `EXISTS (SELECT 1 FROM ${touchedDays} t WHERE ${bucketOf(r, 't.day')} IS NOT DISTINCT FROM ${col})`;
    return [
      `DELETE FROM ${ident(r.table)} WHERE dataset = ${d} AND ${touched(`${ident(r.table)}.${b}`)}`,
      insertSql(r, sourceRows(r, ` WHERE dataset = ${d}`), ` s\nWHERE ${touched(`s.${b}`)}`),
    ];
  });
}

/** Recomputes the rollups (by default every one) from the dataset tables (migration, restore, remote data sets). */
export function rebuildRollupsSql(rollups: readonly Rollup[] = ROLLUPS): string[] {
  return rollups.flatMap((r) => [`DELETE FROM ${ident(r.table)}`, insertSql(r, sourceRows(r, ''), '')]);
}

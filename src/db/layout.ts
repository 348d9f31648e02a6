/**
 * The dataset tables' layout on disk, and compaction (pure SQL builders and arithmetic).
 *
 * DuckDB keeps a min / max of each column per row group (122,880 rows) and skips the groups a
 * date filter rules out. A first load appends its rows in event-time order, so its groups each
 * cover a short stretch of time. Every later load appends its new and changed records as groups
 * of their own: a changed record may be from any month of the file, so such a group covers much
 * of the year and every date filter must read it. Loads that accumulate (or a large file stored
 * in file order that was not in time order) leave the table reading more and more of itself for
 * a narrow date range.
 *
 * `scanFraction` measures that from the groups' time ranges: the share of the table's rows a
 * query for one instant reads, against the share a table sorted by time would read. When it is
 * `COMPACT_RATIO` times the sorted figure, `compactStatements` rewrites the table in time order,
 * in slices of at most `SLICE_ROWS` rows (DuckDB-WASM cannot spill a sort of millions of wide rows),
 * into a new table that then takes the old one's name, in one transaction.
 */
import { eventTimeColumn, type Dataset } from '../domain/columns';
import { ident, int, str } from '../sql/quote';
import { WORK_PREFIX, type Workspace } from './merge-sql';

/** One row group's rows and the range of its event times (epoch ms; null when unknown). */
export interface GroupRange {
  readonly n: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** Row groups with their event-time ranges, from DuckDB's storage metadata (no table scan). */
export function rowGroupRangesSql(dataset: Dataset): string {
  // The stats read "[Min: 2026-01-19 15:45:28, Max: 2026-03-05 15:43:16][Has Null: ...]".
  return `SELECT sum(count) AS n,
  epoch_ms(min(TRY_CAST(regexp_extract(stats, 'Min: ([^,\\]]*)', 1) AS TIMESTAMP))) AS lo,
  epoch_ms(max(TRY_CAST(regexp_extract(stats, 'Max: ([^,\\]]*)', 1) AS TIMESTAMP))) AS hi
FROM pragma_storage_info(${str(dataset)})
WHERE column_name = ${str(eventTimeColumn(dataset))} AND segment_type <> 'VALIDITY'
GROUP BY row_group_id
ORDER BY row_group_id`;
}

export interface ScanFraction {
  /** Share of the rows a query for one instant reads, on average over the table's time span. */
  readonly actual: number;
  /** The same for the rows sorted by time, in groups of the same sizes. */
  readonly sorted: number;
  /** actual / sorted: about 1 for a table in time order (below 1 where events are unevenly spread in time). */
  readonly ratio: number;
}

/**
 * A query for a random instant of the table's span reads every group whose range holds it: on
 * average Σ n·span / (N·S). Sorted, each group's span is its share of the rows: Σ (n/N)².
 * Groups without a known range count as covering the whole span. Null when there is no span.
 */
export function scanFraction(groups: readonly GroupRange[]): ScanFraction | null {
  const known = groups.filter((g) => g.lo !== null && g.hi !== null);
  const total = groups.reduce((s, g) => s + g.n, 0);
  if (!known.length || total === 0) return null;
  const lo = Math.min(...known.map((g) => g.lo!));
  const hi = Math.max(...known.map((g) => g.hi!));
  const span = hi - lo;
  if (!(span > 0)) return null;
  let actual = 0;
  let sorted = 0;
  for (const g of groups) {
    const cover = g.lo === null || g.hi === null ? 1 : (g.hi - g.lo) / span;
    actual += (g.n / total) * cover;
    sorted += (g.n / total) ** 2;
  }
  return { actual, sorted, ratio: actual / sorted };
}

/** Rows per row group of a DuckDB table. */
export const ROW_GROUP_ROWS = 122_880;

/** The order a load appends its records in: the file's, or sorted by event time. */
export type InsertOrder = 'file' | 'time';

/**
 * A load appends in file order when that order, cut into row groups (`insertGroupsSql`), reads
 * at most this many times what sorted groups would.
 */
export const FILE_ORDER_RATIO = 1.2;

/**
 * The order to append a load's records in, from the row groups they would fill in file order:
 * the file's when those already follow time (a file written in time order, or no more rows than
 * a group holds), which spares sorting every column of every row; else by event time.
 */
export function insertOrder(groups: readonly GroupRange[]): InsertOrder {
  // No more rows than one group holds (which covers one group, or none): their order is moot.
  if (groups.reduce((s, g) => s + g.n, 0) <= ROW_GROUP_ROWS) return 'file';
  const f = scanFraction(groups);
  return f === null || f.ratio <= FILE_ORDER_RATIO ? 'file' : 'time';
}

/**
 * About the row groups the records a load appends would fill in file order (the staged rows'
 * order, which the insert keeps when it does not sort): rows and event-time range (epoch ms) of
 * each run of ROW_GROUP_ROWS lines. Lines, not rows: numbering the rows would sort them, which
 * costs as much as the decision can save on a load that merges a few rows.
 */
export const insertGroupsSql = (ws: Workspace): string => `SELECT count(*) AS n, epoch_ms(min(event_at)) AS lo, epoch_ms(max(event_at)) AS hi
FROM ${ws.ref('s_class')} WHERE class IN ('new', 'changed')
GROUP BY CAST(source_line AS BIGINT) // ${ROW_GROUP_ROWS}
ORDER BY CAST(source_line AS BIGINT) // ${ROW_GROUP_ROWS}`;

/** Compact when a narrow date filter reads this many times what it would read sorted. */
export const COMPACT_RATIO = 3;
/** Tables of fewer row groups are not worth rewriting. */
export const COMPACT_MIN_GROUPS = 4;
/** Rows per sorted slice of a compaction. */
export const SLICE_ROWS = 400_000;

export function needsCompaction(groups: readonly GroupRange[]): boolean {
  if (groups.length < COMPACT_MIN_GROUPS) return false;
  const f = scanFraction(groups);
  return f !== null && f.ratio >= COMPACT_RATIO;
}

/** Rows per day of event time (NULL times apart), for cutting slices. */
export function dayCountsSql(dataset: Dataset): string {
  const t = ident(eventTimeColumn(dataset));
  return `SELECT epoch_ms(CAST(${t} AS DATE)) AS day, count(*) AS n FROM ${ident(dataset)} WHERE ${t} IS NOT NULL GROUP BY 1 ORDER BY 1`;
}

/**
 * Cuts days (epoch ms of each day's start, ascending, with their rows) into slices of at most
 * `maxRows` rows (a single day above it is a slice of its own). Returns the slices' inner
 * boundaries: slice i covers [b[i-1], b[i]), the first one is open below and the last open above.
 */
export function sliceBoundaries(days: readonly { day: number; n: number }[], maxRows = SLICE_ROWS): number[] {
  const cuts: number[] = [];
  let rows = 0;
  for (const d of days) {
    if (rows > 0 && rows + d.n > maxRows) {
      cuts.push(d.day);
      rows = 0;
    }
    rows += d.n;
  }
  return cuts;
}

const ts = (ms: number) => `epoch_ms(${int(ms)})`;

/**
 * Rewrites the dataset table in event-time order, slice by slice, then swaps it in. Run inside
 * one transaction: every row is copied as it is (rows without an event time go last).
 */
export function compactStatements(dataset: Dataset, boundaries: readonly number[]): string[] {
  const T = ident(dataset);
  const t = ident(eventTimeColumn(dataset));
  const work = `main.${ident(`${WORK_PREFIX}compact`)}`;
  const edges: (number | null)[] = [null, ...boundaries, null];
  const slices: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [a, b] = [edges[i], edges[i + 1]];
    const where = [`${t} IS NOT NULL`, a === null ? '' : `${t} >= ${ts(a)}`, b === null ? '' : `${t} < ${ts(b)}`].filter(Boolean).join(' AND ');
    slices.push(`INSERT INTO ${work} SELECT * FROM ${T} WHERE ${where} ORDER BY ${t}`);
  }
  return [
    `DROP TABLE IF EXISTS ${work}`,
    `CREATE TABLE ${work} AS SELECT * FROM ${T} LIMIT 0`,
    ...slices,
    `INSERT INTO ${work} SELECT * FROM ${T} WHERE ${t} IS NULL`,
    `DROP TABLE ${T}`,
    `ALTER TABLE ${work} RENAME TO ${T}`,
  ];
}

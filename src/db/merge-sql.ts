/**
 * Pure SQL builders for merging one staged file into the store.
 *
 * A load stages its rows in `staging.stage` (an in-memory database; DOUBLE / VARCHAR), then
 * `mergeStatements` prepares TEMP tables, then applies the changes inside ONE transaction:
 *  1. `s_keys`: the staged rows' keys, exact duplicates (same key and content)
 *     collapsed; a natural key (`n:`) seen again with other content gets `#2`, `#3`... in line
 *     order; an id key (`o:`, `oid:`, `i:`) seen again with other content is rejected.
 *  2. Records whose key exists with other content are *changed* when this file's newest event
 *     is not older than that of the file which wrote the stored version (older files never roll
 *     a record back; they count as `stale`). The old version goes to `<dataset>_history`.
 *  3. New keys are inserted in event-time order (so zone maps prune date filters).
 *  4. Every key in the file gets `last_seen` = this load; keys absent from the file are kept.
 *  5. `daily_counts` is recomputed for the days touched by new and changed records only.
 */
import { columnsOf, eventTimeColumn, SYSTEM_COLUMNS, type ColumnSpec, type Dataset } from '../domain/columns';
import { ident, int, str } from '../sql/quote';
import { historyTable } from './schema';

/** Converts a staged column (DOUBLE / VARCHAR) to its store type. */
export function convertExpr(col: ColumnSpec, source = ident(col.name)): string {
  switch (col.type) {
    case 'TIMESTAMP':
      return `epoch_ms(CAST(${source} AS BIGINT))`;
    case 'INTEGER':
      return `TRY_CAST(${source} AS INTEGER)`;
    case 'BIGINT':
      return `TRY_CAST(${source} AS BIGINT)`;
    case 'BOOLEAN':
      return `(${source} <> 0)`;
    case 'DOUBLE':
      return `CAST(${source} AS DOUBLE)`;
    default:
      return `CAST(${source} AS VARCHAR)`;
  }
}

const dataColumns = (d: Dataset): ColumnSpec[] => [...columnsOf(d), ...SYSTEM_COLUMNS.filter((c) => c.name !== 'row_key')];

/** Where a load stages its rows and rejects: an in-memory database attached as `staging`. */
export const STAGE_TABLE = 'staging.stage';
export const STAGE_REJECTS_TABLE = 'staging.stage_rejects';

/**
 * Narrow tables over the staged rows: `s_keys` (line, final row key, content hash, event time)
 * for the rows to merge — exact duplicates removed, in-file key clashes resolved — and
 * `s_key_clash` for the rejected clashes. The wide staged rows are read once more, at insert.
 */
export function stagedRowsSql(dataset: Dataset): string {
  const timeCol = columnsOf(dataset).find((c) => c.name === eventTimeColumn(dataset))!;
  return `CREATE OR REPLACE TEMP TABLE s_distinct AS
SELECT source_line, row_key AS key0
FROM ${STAGE_TABLE}
QUALIFY row_number() OVER (PARTITION BY row_key, content_hash ORDER BY source_line) = 1;
CREATE OR REPLACE TEMP TABLE s_ranked AS
SELECT source_line, key0, row_number() OVER (PARTITION BY key0 ORDER BY source_line) AS key_rank FROM s_distinct;
CREATE OR REPLACE TEMP TABLE s_keys AS
SELECT g.source_line, CASE WHEN m.key_rank = 1 THEN m.key0 ELSE m.key0 || '#' || m.key_rank END AS row_key,
  g.content_hash, ${convertExpr(timeCol, `g.${ident(timeCol.name)}`)} AS event_at
FROM ${STAGE_TABLE} g JOIN s_ranked m ON m.source_line = g.source_line
WHERE m.key_rank = 1 OR starts_with(m.key0, 'n:');
CREATE OR REPLACE TEMP TABLE s_key_clash AS
SELECT r.source_line AS line, 'duplicate id ' || r.key0 || ' with different content (first seen on line ' || f.source_line || ')' AS reason
FROM s_ranked r JOIN s_ranked f ON f.key0 = r.key0 AND f.key_rank = 1
WHERE r.key_rank > 1 AND NOT starts_with(r.key0, 'n:')`;
}

/** Per-load figures, computed from the staged tables before the merge changes the store. */
export function loadFiguresSql(): string {
  return `SELECT
  (SELECT count(*) FROM ${STAGE_TABLE}) AS accepted,
  (SELECT count(*) FROM ${STAGE_TABLE}) - (SELECT count(*) FROM s_distinct) AS duplicates,
  (SELECT count(*) FROM s_key_clash) AS key_clashes,
  (SELECT min(event_at) FROM s_keys) AS data_min_at,
  (SELECT max(event_at) FROM s_keys) AS data_max_at`;
}

export interface MergeParams {
  readonly dataset: Dataset;
  readonly loadId: number;
}

/**
 * Statements that merge the staged rows into the dataset table, after stagedRowsSql: `prepare`
 * classifies each key into TEMP table `s_class` (row_key, class: new / changed / unchanged /
 * stale); `apply` runs inside the load's one transaction.
 */
export function mergeStatements({ dataset, loadId }: MergeParams): { prepare: string[]; apply: string[] } {
  const T = ident(dataset);
  const L = int(loadId);
  const time = ident(eventTimeColumn(dataset));
  const cols = dataColumns(dataset);
  const colList = ['row_key', ...cols.map((c) => c.name)].map(ident).join(', ');
  const converted = cols.map((c) => convertExpr(c, `g.${ident(c.name)}`)).join(', ');
  const prepare = [
    `CREATE OR REPLACE TEMP TABLE s_file AS SELECT max(event_at) AS max_at FROM s_keys`,
    `CREATE OR REPLACE TEMP TABLE s_class AS
SELECT s.row_key, s.source_line, s.event_at,
  CASE WHEN t.row_key IS NULL THEN 'new'
       WHEN t.content_hash = s.content_hash THEN 'unchanged'
       WHEN coalesce((SELECT max_at FROM s_file) >= v.data_max_at, TRUE) THEN 'changed'
       ELSE 'stale' END AS class,
  t.first_seen AS old_first_seen
FROM s_keys s
LEFT JOIN ${T} t ON t.row_key = s.row_key
LEFT JOIN ingest_log v ON v.load_id = t.version_load`,
    `CREATE OR REPLACE TEMP TABLE s_touched_days AS
SELECT DISTINCT day FROM (
  SELECT CAST(t.${time} AS DATE) AS day FROM ${T} t JOIN s_class c ON c.row_key = t.row_key WHERE c.class = 'changed'
  UNION ALL
  SELECT CAST(event_at AS DATE) FROM s_class WHERE class IN ('new', 'changed')
)`,
  ];
  const apply = [
    `INSERT INTO ${ident(historyTable(dataset))}
SELECT t.*, ${L} FROM ${T} t WHERE t.row_key IN (SELECT row_key FROM s_class WHERE class = 'changed')`,
    `DELETE FROM ${T} WHERE row_key IN (SELECT row_key FROM s_class WHERE class = 'changed')`,
    `UPDATE ${T} SET last_seen = ${L} WHERE row_key IN (SELECT row_key FROM s_class WHERE class IN ('unchanged', 'stale'))`,
    `INSERT INTO ${T} (${colList}, first_seen, last_seen, version_load)
SELECT c.row_key, ${converted}, coalesce(c.old_first_seen, ${L}), ${L}, ${L}
FROM ${STAGE_TABLE} g JOIN s_class c ON c.source_line = g.source_line
WHERE c.class IN ('new', 'changed')
ORDER BY c.event_at`,
    ...dailyCountsRefresh(dataset, 'WHERE day IN (SELECT day FROM s_touched_days)'),
  ];
  return { prepare, apply };
}

/** Recomputes `daily_counts` for one dataset, for the days matched by `dayFilter` (or all). */
export function dailyCountsRefresh(dataset: Dataset, dayFilter = ''): string[] {
  const d = str(dataset);
  return [
    `DELETE FROM daily_counts WHERE dataset = ${d}${dayFilter ? ' AND ' + dayFilter.replace(/^WHERE /, '') : ''}`,
    `INSERT INTO daily_counts
SELECT dataset, day, type, neighborhood_slug, source, count(*) AS n
FROM (SELECT dataset, CAST(event_at AS DATE) AS day, type, neighborhood_slug, source FROM events WHERE dataset = ${d})
${dayFilter}
GROUP BY ALL`,
  ];
}

/** Counts of the classification, for the ingest log. */
export const classCountsSql = `SELECT
  count(*) FILTER (WHERE class = 'new') AS inserted,
  count(*) FILTER (WHERE class = 'changed') AS updated,
  count(*) FILTER (WHERE class = 'unchanged') AS unchanged,
  count(*) FILTER (WHERE class = 'stale') AS stale
FROM s_class`;

/** Drops the TEMP tables a load created. */
export const dropStagingSql = [
  `DROP TABLE IF EXISTS ${STAGE_TABLE}`,
  `DROP TABLE IF EXISTS ${STAGE_REJECTS_TABLE}`,
  ...[
  's_distinct',
  's_ranked',
  's_keys',
  's_key_clash',
  's_file',
  's_class',
  's_touched_days',
  ].map((t) => `DROP TABLE IF EXISTS temp.${ident(t)}`),
];

/**
 * Pure SQL builders for merging one staged file into the store.
 *
 * A load stages its rows in `staging.stage` (an in-memory database; DOUBLE / VARCHAR), then
 * `mergeStatements` prepares TEMP tables, then applies the changes inside ONE transaction:
 *  1. `s_keys`: the staged rows' keys, exact duplicates (same key and content)
 *     collapsed; a natural key (`n:`) seen again with other content gets `#2`, `#3`... in line
 *     order; an id key (`o:`, `i:`) seen again with other content is rejected. Stores made
 *     before 311 rows were keyed by their natural key in every variant hold `oid:<OBJECTID>`
 *     keys: `s_legacy` maps them to the natural keys of the staged rows with that OBJECTID, the
 *     classification reads the stored row through it, and the merge renames it first.
 *  2. Records whose key exists with other content are *changed* when this file's newest event
 *     is not older than that of the file which wrote the stored version (older files never roll
 *     a record back; they count as `stale`). The old version goes to `<dataset>_history`.
 *  3. New and changed records are appended in file order when that already follows time at the
 *     scale of row groups (a file written in time order: no sort), else sorted by event time
 *     (`insertOrder`, db/layout.ts), so that zone maps prune date filters.
 *  4. Every key in the file gets `last_seen` = this load; keys absent from the file are kept.
 *  5. The rollups (`daily_counts` and the others of db/rollups.ts) take the load's delta: the
 *     versions it wrote count +1, the versions it replaced −1; a 311 load also updates the open
 *     requests and the latest timestamp (db/open-requests.ts).
 */
import { columnsOf, eventTimeColumn, SYSTEM_COLUMNS, type ColumnSpec, type Dataset } from '../domain/columns';
import { ident, int } from '../sql/quote';
import { historyTable } from './schema';
import type { InsertOrder } from './layout';
import { REFRESH_WORK_TABLES, refreshRollupsSql } from './rollups';
import { OPEN_REQUESTS, refreshOpenRequestsSql } from './open-requests';

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

/**
 * Where a load keeps its staged rows and work tables. A normal file stages in an in-memory
 * database attached as `staging`, with TEMP work tables. A large one (hundreds of MB) stages in
 * the store's own database, in `_lens_*` tables outside the load's transaction, so DuckDB can
 * write them out and evict them instead of holding them in memory; they are dropped after the
 * load, and at the next open if a tab closed mid-load.
 */
export interface Workspace {
  readonly large: boolean;
  /** The staged rows, qualified. */
  readonly stage: string;
  readonly rejects: string;
  /** For insertIpc: the schema and table of the staged rows / rejects. */
  readonly stageTarget: { schema: string; name: string };
  readonly rejectsTarget: { schema: string; name: string };
  /** `TEMP TABLE s_x` or `TABLE main._lens_s_x`, after CREATE OR REPLACE. */
  create(name: string): string;
  /** How SQL names a work table. */
  ref(name: string): string;
}

export const WORK_PREFIX = '_lens_';

export function workspace(large: boolean): Workspace {
  if (!large) {
    return {
      large,
      stage: 'staging.stage',
      rejects: 'staging.stage_rejects',
      stageTarget: { schema: 'staging', name: 'stage' },
      rejectsTarget: { schema: 'staging', name: 'stage_rejects' },
      create: (n) => `TEMP TABLE ${n}`,
      ref: (n) => n,
    };
  }
  const q = (n: string) => `main.${ident(WORK_PREFIX + n)}`;
  return {
    large,
    stage: q('stage'),
    rejects: q('stage_rejects'),
    stageTarget: { schema: 'main', name: `${WORK_PREFIX}stage` },
    rejectsTarget: { schema: 'main', name: `${WORK_PREFIX}stage_rejects` },
    create: (n) => `TABLE ${q(n)}`,
    ref: q,
  };
}

const SMALL = workspace(false);

/**
 * Narrow tables over the staged rows: `s_keys` (line, final row key, content hash, event time)
 * for the rows to merge — exact duplicates removed (the first line kept), in-file key clashes
 * resolved — and `s_key_clash` for the rejected clashes. The wide staged rows are read once
 * here and once more, at insert.
 */
export function stagedRowsSql(dataset: Dataset, ws: Workspace = SMALL): string {
  const r = ws.ref;
  const timeCol = columnsOf(dataset).find((c) => c.name === eventTimeColumn(dataset))!;
  // Grouping, not a window over the wide staged rows: exact duplicates collapse in one hash
  // aggregate, and only keys seen with several contents (few) are ranked by line.
  return `CREATE OR REPLACE ${ws.create('s_distinct')} AS
SELECT row_key AS key0, content_hash, min(source_line) AS source_line, any_value(${ident(timeCol.name)}) AS event_raw
FROM ${ws.stage}
GROUP BY row_key, content_hash;
CREATE OR REPLACE ${ws.create('s_ranked')} AS
SELECT source_line, key0, row_number() OVER (PARTITION BY key0 ORDER BY source_line) AS key_rank
FROM ${r('s_distinct')}
WHERE key0 IN (SELECT key0 FROM ${r('s_distinct')} GROUP BY key0 HAVING count(*) > 1);
CREATE OR REPLACE ${ws.create('s_keys')} AS
SELECT d.source_line, CASE WHEN coalesce(m.key_rank, 1) = 1 THEN d.key0 ELSE d.key0 || '#' || m.key_rank END AS row_key,
  d.content_hash, ${convertExpr(timeCol, 'd.event_raw')} AS event_at
FROM ${r('s_distinct')} d LEFT JOIN ${r('s_ranked')} m ON m.source_line = d.source_line
WHERE coalesce(m.key_rank, 1) = 1 OR starts_with(d.key0, 'n:');
CREATE OR REPLACE ${ws.create('s_key_clash')} AS
SELECT x.source_line AS line, 'duplicate id ' || x.key0 || ' with different content (first seen on line ' || f.source_line || ')' AS reason
FROM ${r('s_ranked')} x JOIN ${r('s_ranked')} f ON f.key0 = x.key0 AND f.key_rank = 1
WHERE x.key_rank > 1 AND NOT starts_with(x.key0, 'n:')`;
}

/** Per-load figures, computed from the staged tables before the merge changes the store. */
export function loadFiguresSql(ws: Workspace = SMALL): string {
  const r = ws.ref;
  return `SELECT
  (SELECT count(*) FROM ${ws.stage}) AS accepted,
  (SELECT count(*) FROM ${ws.stage}) - (SELECT count(*) FROM ${r('s_distinct')}) AS duplicates,
  (SELECT count(*) FROM ${r('s_key_clash')}) AS key_clashes,
  (SELECT min(event_at) FROM ${r('s_keys')}) AS data_min_at,
  (SELECT max(event_at) FROM ${r('s_keys')}) AS data_max_at`;
}

export interface MergeParams {
  readonly dataset: Dataset;
  readonly loadId: number;
  readonly ws?: Workspace;
  /** The file has OBJECTIDs (an ArcGIS 311 export): map stored `oid:` keys (see legacyKeysSql). */
  readonly objectIds?: boolean;
}

/** What mergeStatements returns (see there). */
export interface MergeStatements {
  readonly prepare: string[];
  /** The load's changes, the new and changed records appended in `order`. */
  apply(order: InsertOrder): string[];
}

/**
 * Statements that merge the staged rows into the dataset table, after stagedRowsSql: `prepare`
 * classifies each key into TEMP table `s_class` (row_key, class: new / changed / unchanged /
 * stale); the caller then picks the order to append in (db/compact.ts `chooseInsertOrder`);
 * `apply` runs inside the load's one transaction.
 */
export function mergeStatements({ dataset, loadId, ws = SMALL, objectIds = false }: MergeParams): MergeStatements {
  const r = ws.ref;
  const T = ident(dataset);
  const L = int(loadId);
  const cols = dataColumns(dataset);
  const colList = ['row_key', ...cols.map((c) => c.name)].map(ident).join(', ');
  const converted = cols.map((c) => convertExpr(c, `g.${ident(c.name)}`)).join(', ');
  const delta = { table: dataset, history: historyTable(dataset) };
  const legacy = objectIds && dataset === 'service_requests';
  const prepare = [
    `CREATE OR REPLACE ${ws.create('s_file')} AS SELECT max(event_at) AS max_at FROM ${r('s_keys')}`,
    ...(legacy ? [legacyKeysSql(ws)] : []),
    `CREATE OR REPLACE ${ws.create('s_class')} AS
SELECT s.row_key, s.source_line, s.event_at,
  CASE WHEN t.row_key IS NULL THEN 'new'
       WHEN t.content_hash = s.content_hash THEN 'unchanged'
       WHEN coalesce((SELECT max_at FROM ${r('s_file')}) >= v.data_max_at, TRUE) THEN 'changed'
       ELSE 'stale' END AS class,
  t.first_seen AS old_first_seen
FROM ${r('s_keys')} s${legacy ? `\nLEFT JOIN ${r('s_legacy')} m ON m.row_key = s.row_key` : ''}
LEFT JOIN ${T} t ON t.row_key = ${legacy ? 'coalesce(m.old_key, s.row_key)' : 's.row_key'}
LEFT JOIN ingest_log v ON v.load_id = t.version_load`,
  ];
  const rename = (table: string) =>
    `UPDATE ${table} SET row_key = m.row_key FROM ${r('s_legacy')} m WHERE ${table}.row_key = m.old_key`;
  const apply = (order: InsertOrder) => [
    ...(legacy ? [rename(T), rename(ident(historyTable(dataset))), rename(OPEN_REQUESTS)] : []),
    `INSERT INTO ${ident(historyTable(dataset))}
SELECT t.*, ${L} FROM ${T} t WHERE t.row_key IN (SELECT row_key FROM ${r('s_class')} WHERE class = 'changed')`,
    `DELETE FROM ${T} WHERE row_key IN (SELECT row_key FROM ${r('s_class')} WHERE class = 'changed')`,
    `UPDATE ${T} SET last_seen = ${L} WHERE row_key IN (SELECT row_key FROM ${r('s_class')} WHERE class IN ('unchanged', 'stale'))`,
    `INSERT INTO ${T} (${colList}, first_seen, last_seen, version_load)
SELECT c.row_key, ${converted}, coalesce(c.old_first_seen, ${L}), ${L}, ${L}
FROM ${ws.stage} g JOIN ${r('s_class')} c ON c.source_line = g.source_line
WHERE c.class IN ('new', 'changed')${order === 'time' ? '\nORDER BY c.event_at' : ''}`,
    // A large load keeps the deltas with its other work tables (on disk: evictable).
    ...refreshRollupsSql(dataset, loadId, delta, ws),
    ...(dataset === 'service_requests' ? refreshOpenRequestsSql(loadId, delta) : []),
  ];
  return { prepare, apply };
}

/**
 * The stored `oid:<OBJECTID>` keys (311 rows stored before every variant was keyed by its
 * natural key) of the staged rows' OBJECTIDs, with the natural key each takes: only where the
 * store has no row under the natural key already, one per old key.
 */
function legacyKeysSql(ws: Workspace): string {
  const r = ws.ref;
  return `CREATE OR REPLACE ${ws.create('s_legacy')} AS
SELECT k.row_key, o.row_key AS old_key
FROM ${r('s_keys')} k JOIN ${ws.stage} g ON g.source_line = k.source_line
JOIN service_requests o ON o.row_key = 'oid:' || g.object_id
WHERE g.object_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM service_requests t WHERE t.row_key = k.row_key)
QUALIFY row_number() OVER (PARTITION BY o.row_key ORDER BY k.source_line) = 1`;
}

/** Counts of the classification, for the ingest log. */
export const classCountsSql = (ws: Workspace = SMALL): string => `SELECT
  count(*) FILTER (WHERE class = 'new') AS inserted,
  count(*) FILTER (WHERE class = 'changed') AS updated,
  count(*) FILTER (WHERE class = 'unchanged') AS unchanged,
  count(*) FILTER (WHERE class = 'stale') AS stale
FROM ${ws.ref('s_class')}`;

/** Drops the tables a load created. */
export function dropStagingSql(ws: Workspace = SMALL): string[] {
  const work = ['s_distinct', 's_ranked', 's_keys', 's_key_clash', 's_file', 's_legacy', 's_class', ...REFRESH_WORK_TABLES];
  return [ws.stage, ws.rejects, ...work.map((n) => (ws.large ? ws.ref(n) : `temp.${ident(n)}`))].map((t) => `DROP TABLE IF EXISTS ${t}`);
}

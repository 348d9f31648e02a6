/**
 * The store's versioned schema, as pure SQL text. `migrations[i]` takes the store from
 * version i to i+1; db/store.ts applies the missing ones inside one transaction at open.
 */
import { DATASETS, SYSTEM_COLUMNS, columnsOf, type Dataset } from '../domain/columns';
import { NEIGHBORHOODS } from '../domain/neighborhoods';
import { ident, int, num, str } from '../sql/quote';
import { eventRowsSql } from './events';
import { CLOSURE_ROLLUPS, DAILY_COUNTS, ROLLUPS, createRollupSql, rebuildRollupsSql } from './rollups';
import { createOpenRequestsSql, rebuildOpenRequestsSql } from './open-requests';
import { elapsedMacrosSql } from './elapsed';

/** Bookkeeping columns added to each dataset table after the source and system columns. */
export const LOAD_COLUMNS = [
  { name: 'first_seen', type: 'INTEGER', doc: 'Load id that first brought this record' },
  { name: 'last_seen', type: 'INTEGER', doc: 'Last load id whose file contained this record' },
  { name: 'version_load', type: 'INTEGER', doc: 'Load id that wrote the current version' },
] as const;

/** Previous versions of changed records, with the load that replaced them. */
export function historyTable(dataset: Dataset): string {
  return `${dataset}_history`;
}

/** Every stored column of a dataset table, in order. */
export function tableColumns(dataset: Dataset): { name: string; type: string; doc: string }[] {
  return [...columnsOf(dataset), ...SYSTEM_COLUMNS, ...LOAD_COLUMNS].map((c) => ({
    name: c.name,
    type: c.type,
    doc: c.doc,
  }));
}

function createDatasetTable(dataset: Dataset): string {
  const cols = tableColumns(dataset).map((c) => `  ${ident(c.name)} ${c.type}`);
  return `CREATE TABLE ${ident(dataset)} (\n${cols.join(',\n')}\n)`;
}

function neighborhoodRows(): string {
  return NEIGHBORHOODS.map(
    (n) =>
      `(${int(n.id)}, ${str(n.name)}, ${str(n.slug)}, [${n.aliases.map(str).join(', ')}]::VARCHAR[], ${num(n.lon)}, ${num(n.lat)})`,
  ).join(',\n  ');
}

/** A union of both datasets with the few fields every report filters on. */
export function eventsViewSql(): string {
  return 'CREATE OR REPLACE VIEW events AS\n' + DATASETS.map((d) => eventRowsSql(d)).join('\nUNION ALL\n');
}

export const SCHEMA_VERSION = 6;

/** The rollups schema version 2 added (daily_counts came with the first). */
const V2_ROLLUPS = ROLLUPS.filter((r) =>
  ['rollup_day_type', 'rollup_day_hood', 'rollup_day_hour', 'rollup_month_hood_type', 'rollup_month_cell'].includes(r.table),
);

export const migrations: readonly (readonly string[])[] = [
  [
    `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
    ...DATASETS.map(createDatasetTable),
    `CREATE TABLE neighborhoods (id INTEGER, name VARCHAR, slug VARCHAR, aliases VARCHAR[], lon DOUBLE, lat DOUBLE)`,
    `INSERT INTO neighborhoods VALUES\n  ${neighborhoodRows()}`,
    `CREATE TABLE ingest_log (
  load_id INTEGER, dataset VARCHAR, file_name VARCHAR, source VARCHAR, bytes BIGINT, sha256 VARCHAR,
  variant VARCHAR, encoding VARCHAR, rows_read BIGINT, inserted BIGINT, updated BIGINT, unchanged BIGINT,
  duplicates BIGINT, rejected BIGINT, data_min_at TIMESTAMP, data_max_at TIMESTAMP,
  started_at TIMESTAMP, finished_at TIMESTAMP, ms DOUBLE, note VARCHAR, stale BIGINT)`,
    `CREATE TABLE rejected_rows (load_id INTEGER, dataset VARCHAR, file_name VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR)`,
    ...DATASETS.map(
      (d) => `CREATE TABLE ${ident(historyTable(d))} AS SELECT *, CAST(NULL AS INTEGER) AS replaced_by_load FROM ${ident(d)} LIMIT 0`,
    ),
    `CREATE TABLE boundaries (name VARCHAR, loaded_at TIMESTAMP, geojson VARCHAR)`,
    `CREATE TABLE daily_counts (dataset VARCHAR, day DATE, type VARCHAR, neighborhood_slug VARCHAR, source VARCHAR, n BIGINT)`,
    eventsViewSql(),
  ],
  // 2: the rollups reports read (db/rollups.ts), filled from the data already stored.
  [...V2_ROLLUPS.map(createRollupSql), ...rebuildRollupsSql([DAILY_COUNTS, ...V2_ROLLUPS])],
  // 3: the hours-to-close histograms of 311 requests.
  [...CLOSURE_ROLLUPS.map(createRollupSql), ...rebuildRollupsSql(CLOSURE_ROLLUPS)],
  // 4: the open 311 requests and the latest timestamp, for the backlog.
  [...createOpenRequestsSql(), ...rebuildOpenRequestsSql()],
  // 5: hours to close counted in real time across daylight saving changes (db/elapsed.ts).
  rebuildRollupsSql(CLOSURE_ROLLUPS),
  // 6: the same macros, cheaper to plan (migrationSql re-creates them first): nothing else.
  [],
];

/** Statements that bring a store at `from` to SCHEMA_VERSION (empty when current). */
export function migrationSql(from: number): string[] {
  // The macros first: the rollups a migration fills call them (db/elapsed.ts).
  const out: string[] = [...elapsedMacrosSql()];
  for (let v = from; v < SCHEMA_VERSION; v++) out.push(...migrations[v]);
  out.push(
    `INSERT OR REPLACE INTO meta VALUES ('schema_version', ${str(String(SCHEMA_VERSION))})`,
  );
  return from >= SCHEMA_VERSION ? [] : out;
}

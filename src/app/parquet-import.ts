/**
 * Puts rows read from Parquet (hyparquet objects) into the store: they are staged as Arrow in the
 * in-memory `staging` database, then inserted with casts to the store's column types.
 */
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { Float64Column, Utf8Column, columnsToIpc } from '../ingest/arrow-columns';
import type { Database } from '../db/duckdb';
import { ident, str } from '../sql/quote';

/** A Parquet column as an Arrow-friendly array: ids beyond 2^53 as text, times as epoch ms. */
export function columnArray(values: unknown[]): unknown[] | Float64Array {
  let numeric = true;
  let text = false;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'boolean') text = true;
    else if (typeof v !== 'number' && typeof v !== 'bigint' && !(v instanceof Date)) text = true;
    if (typeof v === 'bigint' && (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))) numeric = false;
  }
  if (text || !numeric) return values.map((v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? String(v) : String(v)));
  const out = new Float64Array(values.length);
  const nulls = values.some((v) => v === null || v === undefined);
  if (nulls) return values.map((v) => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Number(v)));
  values.forEach((v, i) => (out[i] = v instanceof Date ? v.getTime() : Number(v)));
  return out;
}

export function castFor(type: string, col: string): string {
  const c = ident(col);
  if (type === 'TIMESTAMP') return `epoch_ms(CAST(${c} AS BIGINT))`;
  if (type === 'DATE') return `CAST(epoch_ms(CAST(${c} AS BIGINT)) AS DATE)`;
  if (type.endsWith('[]')) return `CAST(${c} AS ${type})`;
  return `TRY_CAST(${c} AS ${type})`;
}


/**
 * Rows read from Parquet as one Arrow IPC stream of DOUBLE and VARCHAR columns (see columnArray;
 * the store's types come back with castFor); null for no rows.
 */
export function rowsToIpc(rows: Record<string, unknown>[]): Uint8Array | null {
  if (!rows.length) return null;
  // Arrow data is built directly (makeData): apache-arrow's builders compile code with
  // `new Function`, which the page's Content-Security-Policy forbids.
  const columns = Object.keys(rows[0]).map((col) => {
    const values = columnArray(rows.map((r) => r[col]));
    if (values instanceof Float64Array || values.every((v) => v === null || typeof v === 'number')) {
      const c = new Float64Column();
      for (const v of values) c.push(v as number | null);
      return { name: col, data: c.take() };
    }
    const c = new Utf8Column();
    for (const v of values) c.push(v as string | null);
    return { name: col, data: c.take() };
  });
  return columnsToIpc(columns);
}

/**
 * A Parquet file's row groups, each as rowsToIpc's stream with its row count, read one at a time
 * (what app/parquet-read.worker.ts does): a file of any size is held a row group at a time.
 */
export async function* parquetGroupsToIpc(file: AsyncBuffer): AsyncGenerator<{ ipc: Uint8Array | null; rows: number }> {
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = (await parquetReadObjects({ file, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
    yield { ipc: rowsToIpc(rows), rows: rows.length };
    rowStart = rowEnd;
  }
}

/** Stages rowsToIpc's stream as `staging.<name>` (replacing it); nothing is staged for no rows. */
export async function stageIpc(session: Database, name: string, ipc: Uint8Array | null): Promise<void> {
  await session.exec(`ATTACH IF NOT EXISTS ':memory:' AS staging`);
  await session.exec(`DROP TABLE IF EXISTS staging.${ident(name)}`);
  if (ipc) await session.insertIpc(ipc, { name, schema: 'staging', create: true });
}

/**
 * `INSERT INTO table SELECT <casts> FROM <schema>.<name>` for the table's columns the staged
 * table has: `staging` (the in-memory database) or `main` (the store itself, for a part staged
 * inside a transaction that writes the store: a transaction writes to one database only).
 */
export async function insertStagedSql(session: Database, table: string, name: string, schema: 'staging' | 'main' = 'staging'): Promise<string> {
  const cols = await session.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = ${str(table)} ORDER BY ordinal_position`,
  );
  const where = schema === 'staging' ? `table_catalog = 'staging'` : `table_catalog = current_database() AND table_schema = 'main'`;
  const staged = new Set(
    (await session.query(`SELECT column_name AS name FROM information_schema.columns WHERE ${where} AND table_name = ${str(name)}`)).map((c) => String(c.name)),
  );
  const present = cols.filter((c) => staged.has(String(c.name)));
  const list = present.map((c) => ident(String(c.name))).join(', ');
  const exprs = present.map((c) => castFor(String(c.type), String(c.name))).join(', ');
  return `INSERT INTO ${ident(table)} (${list}) SELECT ${exprs} FROM ${ident(schema)}.${ident(name)}`;
}

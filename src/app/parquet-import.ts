/**
 * Puts rows read from Parquet (hyparquet objects; a backup's or a partition's, written by
 * db/parquet.ts) into a store table: each row group becomes an Arrow stream with exactly the
 * table's columns, in its order, which DuckDB appends to the table as it is, casting each column
 * to the table's type. Numbers travel as DOUBLE (exact up to 2^53; a column with larger integers
 * as text), everything else as text DuckDB casts: times as ISO wall-clock text, so no staging
 * table is needed (inside a restore's transaction one would stay in memory until the commit).
 */
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';
import { Float64Column, Utf8Column, columnsToIpc } from '../ingest/arrow-columns';
import type { Database } from '../db/duckdb';
import { str } from '../sql/quote';

/** A column of the table the rows go to, as information_schema names its type. */
export interface TargetColumn {
  readonly name: string;
  readonly type: string;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(.*\))$/;

/** A value as text DuckDB casts to `type`: a time as `YYYY-MM-DD HH:MM:SS.mmm` (a date as its day). */
export function castableText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return type === 'DATE' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  }
  return String(value);
}

/** The values as numbers (nulls kept) when every one is an exact double; null when some value is not. */
function exactNumbers(values: readonly unknown[]): (number | null)[] | null {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = null;
    else if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) out[i] = Number(v);
    else return null;
  }
  return out;
}

/**
 * Rows read from Parquet as one Arrow IPC stream of the target's columns in its order (absent
 * ones null); null for no rows.
 */
export function rowsToIpc(rows: readonly Record<string, unknown>[], target: readonly TargetColumn[]): Uint8Array | null {
  if (!rows.length) return null;
  // Arrow data is built directly (makeData): apache-arrow's builders compile code with
  // `new Function`, which the page's Content-Security-Policy forbids.
  const columns = target.map(({ name, type }) => {
    const values = rows.map((r) => r[name]);
    const numbers = NUMERIC.test(type) ? exactNumbers(values) : null;
    if (numbers) {
      const c = new Float64Column();
      for (const v of numbers) c.push(v);
      return { name, data: c.take() };
    }
    const c = new Utf8Column();
    for (const v of values) c.push(castableText(v, type));
    return { name, data: c.take() };
  });
  return columnsToIpc(columns);
}

/**
 * A Parquet file's row groups, each as rowsToIpc's stream for `target` with its row count, read
 * one at a time (what app/parquet-read.worker.ts does): a file of any size is held a row group at
 * a time.
 */
export async function* parquetGroupsToIpc(file: AsyncBuffer, target: readonly TargetColumn[]): AsyncGenerator<{ ipc: Uint8Array | null; rows: number }> {
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = (await parquetReadObjects({ file, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
    yield { ipc: rowsToIpc(rows, target), rows: rows.length };
    rowStart = rowEnd;
  }
}

/** A store table's columns in order, for rowsToIpc. */
export async function tableColumns(db: Database, table: string): Promise<TargetColumn[]> {
  const cols = await db.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = ${str(table)} ORDER BY ordinal_position`,
  );
  return cols.map((c) => ({ name: String(c.name), type: String(c.type) }));
}

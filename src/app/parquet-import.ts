/**
 * Puts rows read from Parquet (hyparquet's decoded columns; a backup's or a partition's, written
 * by db/parquet.ts) into a store table: each row group becomes an Arrow stream with exactly the
 * table's columns, in its order, which DuckDB appends to the table as it is, casting each column
 * to the table's type. Numbers travel as DOUBLE (exact up to 2^53; a column with larger integers
 * as text), everything else as text DuckDB casts: times as ISO wall-clock text, so no staging
 * table is needed (inside a restore's transaction one would stay in memory until the commit).
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type RowGroup } from 'hyparquet';
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
function exactNumbers(values: ArrayLike<unknown>): (number | null)[] | null {
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
 * One column's values as Arrow data for `type`, which DuckDB appends casting to the table's type:
 * exact doubles for a numeric type, else castable text (all null when absent). Arrow data is built
 * directly (makeData): apache-arrow's builders compile code with `new Function`, which the page's
 * Content-Security-Policy forbids.
 */
function targetData(values: ArrayLike<unknown> | undefined, rows: number, type: string) {
  const numbers = values && NUMERIC.test(type) ? exactNumbers(values) : null;
  if (numbers) {
    const c = new Float64Column();
    for (const v of numbers) c.push(v);
    return c.take();
  }
  const c = new Utf8Column();
  for (let i = 0; i < rows; i++) c.push(values ? castableText(values[i], type) : null);
  return c.take();
}

/**
 * The file as seen while a row group is read: the group's chunks of the `wanted` columns fetched
 * in one read (one range request for a remote file), the rest read through.
 */
async function groupBytes(file: AsyncBuffer, group: RowGroup, wanted: ReadonlySet<string>): Promise<AsyncBuffer> {
  let start = Infinity;
  let end = 0;
  for (const c of group.columns) {
    const m = c.meta_data;
    if (!m || !wanted.has(m.path_in_schema[0]!)) continue;
    const at = Number(m.dictionary_page_offset || m.data_page_offset);
    start = Math.min(start, at);
    end = Math.max(end, at + Number(m.total_compressed_size));
  }
  if (end <= start) return file;
  const held = await file.slice(start, end);
  return {
    byteLength: file.byteLength,
    slice: (from, to = file.byteLength) => (from >= start && to <= end ? held.slice(from - start, to - start) : file.slice(from, to)),
  };
}

/** One column of rows [rowStart, rowEnd) of a file, as hyparquet decodes it (page by page, put in place). */
async function readColumn(file: AsyncBuffer, metadata: FileMetaData, name: string, rowStart: number, rowEnd: number): Promise<unknown[]> {
  const out = new Array<unknown>(rowEnd - rowStart).fill(null);
  await parquetRead({
    file,
    metadata,
    columns: [name],
    rowStart,
    rowEnd,
    onChunk: ({ columnData, rowStart: at }) => {
      for (let i = Math.max(0, rowStart - at); i < columnData.length && at + i < rowEnd; i++) out[at + i - rowStart] = columnData[i];
    },
  });
  return out;
}

/**
 * A Parquet file's row groups, each as one Arrow IPC stream of `target`'s columns in its order
 * (targetData; absent ones null; null for a group without rows) with its row count. Groups are
 * read one at a time (what app/parquet-read.worker.ts does), each group's bytes in one read, and
 * decoded a column at a time: a file of any size is held a row group's bytes and Arrow data and
 * one decoded column at a time, with no row objects, and columns the table lacks are not read.
 */
export async function* parquetGroupsToIpc(file: AsyncBuffer, target: readonly TargetColumn[]): AsyncGenerator<{ ipc: Uint8Array | null; rows: number }> {
  const metadata = await parquetMetadataAsync(file);
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const wanted = new Set(target.map((t) => t.name).filter((n) => present.has(n)));
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const rowEnd = rowStart + rows;
    const columns = [];
    const bytes = rows ? await groupBytes(file, group, wanted) : file;
    if (rows)
      for (const { name, type } of target) {
        const values = wanted.has(name) ? await readColumn(bytes, metadata, name, rowStart, rowEnd) : undefined;
        columns.push({ name, data: targetData(values, rows, type) });
      }
    yield { ipc: rows ? columnsToIpc(columns) : null, rows };
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

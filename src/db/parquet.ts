/**
 * Writes a query result as a Parquet file in JavaScript (hyparquet-writer): duckdb-wasm 1.32
 * has no built-in parquet extension, and fetching one would reach a third-party origin.
 * Timestamps (stored as Denver wall-clock) are written as TIMESTAMP_MICROS of that wall clock,
 * DATE as DATE, DECIMAL, HUGEINT and UBIGINT as exact DECIMALs, BLOB as bytes; TIME, INTERVAL
 * and ENUM as their text, and lists, structs and maps as JSON text. Rows are converted and
 * encoded a slice at a time, in row groups of 100k, the bytes handed over a row group at a time
 * (encodeParquet); the page runs it in a worker (app/parquet-writer.ts).
 */
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import { concatBytes } from '../ingest/bytes';
import { Type, tableFromIPC } from 'apache-arrow';
import { toResultSet } from './result-set';
import { utf8Reader } from './values';
import type { ResultSet } from './types';

type Kind = 'int32' | 'int64' | 'decimal' | 'double' | 'float' | 'boolean' | 'timestamp' | 'date' | 'blob' | 'text';

export interface ParquetColumn {
  readonly kind: Kind;
  readonly element: SchemaElement;
  readonly scale: number;
}

function columnOf(name: string, duckType: string): ParquetColumn {
  const base = { name, repetition_type: 'OPTIONAL' as const };
  const decimal = (precision: number, scale: number): ParquetColumn => ({
    kind: 'decimal',
    scale,
    element: { ...base, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision, scale },
  });
  const simple = (kind: Kind, element: Omit<SchemaElement, 'name'>): ParquetColumn => ({ kind, scale: 0, element: { ...base, ...element } });
  if (/^(INTEGER|SMALLINT|TINYINT|UTINYINT|USMALLINT)$/.test(duckType)) return simple('int32', { type: 'INT32' });
  if (/^(BIGINT|UINTEGER)$/.test(duckType)) return simple('int64', { type: 'INT64' });
  if (duckType === 'HUGEINT') return decimal(38, 0);
  if (duckType === 'UBIGINT') return decimal(20, 0);
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckType);
  if (dec) return decimal(Number(dec[1]), Number(dec[2]));
  if (duckType === 'DOUBLE') return simple('double', { type: 'DOUBLE' });
  if (duckType === 'FLOAT') return simple('float', { type: 'FLOAT' });
  if (duckType === 'BOOLEAN') return simple('boolean', { type: 'BOOLEAN' });
  if (/^TIMESTAMP(_S|_MS|_NS|TZ)?$/.test(duckType)) return simple('timestamp', { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' });
  if (duckType === 'DATE') return simple('date', { type: 'INT32', converted_type: 'DATE' });
  if (duckType === 'BLOB') return simple('blob', { type: 'BYTE_ARRAY' });
  return simple('text', { type: 'BYTE_ARRAY', converted_type: 'UTF8' });
}

/** A decimal value (a number, or exact text) as its unscaled integer at `scale`. */
function unscaled(value: number | string, scale: number): bigint {
  const text = typeof value === 'number' ? (Number.isInteger(value) ? BigInt(value).toString() : String(value)) : value;
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return BigInt(Math.round(Number(text) * 10 ** scale));
  const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale);
  const big = BigInt((m[2] || '0') + frac);
  return m[1] ? -big : big;
}

function convert(value: unknown, col: ParquetColumn): unknown {
  if (value === null || value === undefined) return null;
  switch (col.kind) {
    case 'int64':
      return BigInt(value as number | string);
    case 'decimal':
      return unscaled(value as number | string, col.scale);
    case 'timestamp':
      return BigInt(Math.round((value as number) * 1000));
    case 'date':
      return Math.round((value as number) / 86_400_000);
    case 'blob':
      return value instanceof Uint8Array ? value : new TextEncoder().encode(String(value));
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    default:
      return value;
  }
}

/** Rows per row group of the files written here. */
export const PARQUET_GROUP_ROWS = 100_000;

/** How a result's columns are written: the Parquet schema and each column's conversion. */
export interface ParquetPlan {
  readonly columns: readonly ParquetColumn[];
  readonly schema: SchemaElement[];
}

export function parquetPlan(rs: Pick<ResultSet, 'columns'>): ParquetPlan {
  const columns = rs.columns.map((col) => columnOf(col.name, col.type));
  return { columns, schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => c.element)] };
}

/**
 * Rows [start, end) of the result (of `order`, the editor grid's sort, when given) as Parquet
 * values, one array per column.
 */
export function parquetValues(rs: ResultSet, plan: ParquetPlan, start: number, end: number, order?: ArrayLike<number>): unknown[][] {
  return plan.columns.map((col, c) => columnCells(rs, col, c, start, end, order));
}

/** Column `c`'s rows [start, end) as Parquet values, read a cell at a time. */
function columnCells(rs: ResultSet, col: ParquetColumn, c: number, start: number, end: number, order?: ArrayLike<number>): unknown[] {
  const data = new Array<unknown>(end - start);
  for (let i = start; i < end; i++) data[i - start] = convert(rs.cell(order ? order[i] : i, c), col);
  return data;
}

/** A ByteWriter that hands its bytes over after each row group, so no buffer grows to the whole file. */
class ChunkWriter extends ByteWriter {
  readonly chunks: Uint8Array[] = [];
  constructor() {
    super(1 << 20);
  }
  flush(): void {
    this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }
  override finish(): void {
    this.flush();
  }
}

/**
 * Writes a Parquet file from values given a slice of rows at a time (parquetValues), in row
 * groups of `groupRows` (snappy-compressed), and returns its bytes in pieces: a row group is
 * encoded when it is complete, so a caller can spread the work (or run it in a worker).
 */
export class ParquetEncoder {
  private readonly writer = new ChunkWriter();
  private readonly parquet: ParquetWriter;
  private pending: unknown[][];
  private rows = 0;

  constructor(
    private readonly schema: SchemaElement[],
    private readonly groupRows = PARQUET_GROUP_ROWS,
  ) {
    this.parquet = new ParquetWriter({ writer: this.writer, schema });
    this.pending = this.emptyGroup();
  }

  /** Rows written (encoded or pending). */
  get rowCount(): number {
    return this.rows;
  }

  /** Appends a slice of rows, one array per column; encodes every row group it completes. */
  add(values: readonly unknown[][]): void {
    const n = values[0]?.length ?? 0;
    for (let from = 0; from < n; ) {
      const take = Math.min(n - from, this.groupRows - this.pendingRows);
      values.forEach((v, c) => {
        const into = this.pending[c];
        for (let i = from; i < from + take; i++) into.push(v[i]);
      });
      from += take;
      this.rows += take;
      if (this.pendingRows >= this.groupRows) this.writeGroup();
    }
  }

  /** The bytes of the row groups written since the last take (or the start), in order. */
  take(): Uint8Array[] {
    return this.writer.chunks.splice(0);
  }

  /** Writes the last row group and the footer; the file's bytes not taken yet, in order. */
  finish(): Uint8Array[] {
    if (this.pendingRows > 0) this.writeGroup();
    void this.parquet.finish();
    return this.take();
  }

  private get pendingRows(): number {
    return this.pending[0]?.length ?? 0;
  }

  private emptyGroup(): unknown[][] {
    return this.schema.slice(1).map(() => []);
  }

  private writeGroup(): void {
    const columnData: ColumnSource[] = this.schema.slice(1).map((e, c) => ({ name: e.name, data: this.pending[c] }));
    const n = this.pendingRows;
    this.pending = this.emptyGroup();
    void this.parquet.write({ columnData, rowGroupSize: n });
  }
}

/**
 * Writes a Parquet file from a result arriving as Arrow IPC pieces (db/result-set.ts), a piece
 * at a time, so only the row group being filled is held: what a backup of a large table needs.
 * The first piece gives the schema (an empty result still sends one).
 */
export class IpcParquetEncoder {
  private plan: ParquetPlan | null = null;
  private encoder: ParquetEncoder | null = null;

  constructor(private readonly groupRows = PARQUET_GROUP_ROWS) {}

  get rowCount(): number {
    return this.encoder?.rowCount ?? 0;
  }

  /**
   * Encodes a piece; the bytes of the row groups it completed. Flat columns of the common types
   * are converted a column at a time straight from their Arrow buffers (arrowValues), the rest a
   * cell at a time.
   */
  add(ipc: Uint8Array): Uint8Array[] {
    const table = tableFromIPC(ipc);
    const rs = toResultSet(table);
    const plan = (this.plan ??= parquetPlan(rs));
    this.encoder ??= new ParquetEncoder(plan.schema, this.groupRows);
    const values = plan.columns.map((col, c) => {
      const chunks = (table.getChildAt(c)?.data ?? []) as unknown as ArrowChunk[];
      return arrowValues(chunks, col) ?? columnCells(rs, col, c, 0, rs.rowCount);
    });
    this.encoder.add(values);
    return this.encoder.take();
  }

  /** The rest of the file (its last row group and footer). */
  finish(): Uint8Array[] {
    if (!this.encoder) throw new Error('no piece of the result arrived (not even its schema)');
    return this.encoder.finish();
  }
}

/** The parts of an Arrow Data chunk arrowValues reads (apache-arrow's Data). */
interface ArrowChunk {
  readonly type: { readonly typeId: number; readonly unit?: number };
  readonly length: number;
  readonly offset: number;
  readonly nullCount: number;
  readonly values: ArrayLike<number | bigint>;
  readonly valueOffsets?: Int32Array;
  getValid(index: number): boolean;
}

/**
 * A flat column's values in the form the Parquet writer takes (what `convert` makes of each
 * cell), read straight from the Arrow chunks' buffers: numbers, booleans and text as they are,
 * BIGINT and TIMESTAMP (microseconds) as the bigints Arrow holds, DATE as its day number.
 * Null when a chunk is of another type or layout (the caller reads that column cell by cell).
 */
export function arrowValues(chunks: readonly ArrowChunk[], col: ParquetColumn): unknown[] | null {
  const out: unknown[] = [];
  for (const d of chunks) {
    if (d.offset !== 0 || !readable(d, col.kind)) return null;
    const n = d.length;
    const v = d.values;
    const nulls = d.nullCount > 0;
    if (col.kind === 'text') {
      const text = utf8Reader(d.values as unknown as Uint8Array, d.valueOffsets!, n);
      for (let i = 0; i < n; i++) out.push(nulls && !d.getValid(i) ? null : text(i));
    } else if (col.kind === 'boolean') {
      const bits = v as Uint8Array;
      for (let i = 0; i < n; i++) out.push(nulls && !d.getValid(i) ? null : ((bits[i >> 3]! >> (i & 7)) & 1) === 1);
    } else if (col.kind === 'int64' && !(v instanceof BigInt64Array)) {
      for (let i = 0; i < n; i++) out.push(nulls && !d.getValid(i) ? null : BigInt(v[i]!));
    } else {
      for (let i = 0; i < n; i++) out.push(nulls && !d.getValid(i) ? null : v[i]);
    }
  }
  return out;
}

const TIMESTAMP_MICROS = 2;
const DATE_DAY = 0;

/** Whether arrowValues reads this chunk for a column of this kind. */
function readable(d: ArrowChunk, kind: ParquetColumn['kind']): boolean {
  const { typeId, unit } = d.type;
  const v = d.values;
  switch (kind) {
    case 'text':
      return typeId === Type.Utf8 && !!d.valueOffsets;
    case 'boolean':
      return typeId === Type.Bool;
    case 'double':
      return typeId === Type.Float && v instanceof Float64Array;
    case 'int32':
      return typeId === Type.Int && (v instanceof Int32Array || v instanceof Int16Array || v instanceof Int8Array || v instanceof Uint16Array || v instanceof Uint8Array);
    case 'int64':
      return typeId === Type.Int && (v instanceof BigInt64Array || v instanceof Uint32Array);
    case 'timestamp':
      return typeId === Type.Timestamp && unit === TIMESTAMP_MICROS && v instanceof BigInt64Array;
    case 'date':
      return typeId === Type.Date && unit === DATE_DAY && v instanceof Int32Array;
    default:
      return false;
  }
}

/** Rows converted and encoded at a time by encodeParquet. */
export const PARQUET_SLICE_ROWS = 25_000;

export interface EncodeOptions {
  /** The rows in this order (the editor grid's sort). */
  readonly order?: ArrayLike<number>;
  /** Hears the rows written so far, after each slice. */
  readonly onSlice?: (rows: number) => void;
  readonly sliceRows?: number;
  readonly groupRows?: number;
}

/**
 * The result set as a Parquet file (row groups of 100k rows, snappy-compressed), its bytes in
 * pieces, converted and encoded a slice of rows at a time.
 */
export function encodeParquet(rs: ResultSet, { order, onSlice, sliceRows = PARQUET_SLICE_ROWS, groupRows }: EncodeOptions = {}): Uint8Array[] {
  const plan = parquetPlan(rs);
  const encoder = new ParquetEncoder(plan.schema, groupRows);
  const n = order ? order.length : rs.rowCount;
  for (let start = 0; start < n; start += sliceRows) {
    encoder.add(parquetValues(rs, plan, start, Math.min(n, start + sliceRows), order));
    onSlice?.(encoder.rowCount);
  }
  return encoder.finish();
}

/**
 * encodeParquet's file as one array, written in this thread in one go. The page writes through
 * app/parquet-writer.ts instead, which encodes in a worker.
 */
export function resultToParquet(rs: ResultSet, order?: ArrayLike<number>): Uint8Array {
  return concatBytes(encodeParquet(rs, { order }));
}

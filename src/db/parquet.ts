/**
 * Writes a query result as a Parquet file in JavaScript (hyparquet-writer): duckdb-wasm 1.32
 * has no built-in parquet extension, and fetching one would reach a third-party origin.
 * Timestamps (stored as Denver wall-clock) are written as TIMESTAMP_MICROS of that wall clock,
 * DATE as DATE, DECIMAL, HUGEINT and UBIGINT as exact DECIMALs, BLOB as bytes; TIME, INTERVAL
 * and ENUM as their text, and lists, structs and maps as JSON text.
 */
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import type { ResultSet } from './types';

type Kind = 'int32' | 'int64' | 'decimal' | 'double' | 'float' | 'boolean' | 'timestamp' | 'date' | 'blob' | 'text';

interface Column {
  readonly kind: Kind;
  readonly element: SchemaElement;
  readonly scale: number;
}

function columnOf(name: string, duckType: string): Column {
  const base = { name, repetition_type: 'OPTIONAL' as const };
  const decimal = (precision: number, scale: number): Column => ({
    kind: 'decimal',
    scale,
    element: { ...base, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision, scale },
  });
  const simple = (kind: Kind, element: Omit<SchemaElement, 'name'>): Column => ({ kind, scale: 0, element: { ...base, ...element } });
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

function convert(value: unknown, col: Column): unknown {
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

/**
 * The result set as Parquet bytes (one row group per 100k rows, snappy-compressed); its rows in
 * `order` when given (the editor grid's sort).
 */
export function resultToParquet(rs: ResultSet, order?: ArrayLike<number>): Uint8Array {
  const n = order ? order.length : rs.rowCount;
  const columns = rs.columns.map((col) => columnOf(col.name, col.type));
  const columnData: ColumnSource[] = columns.map((col, c) => {
    const data = new Array<unknown>(n);
    for (let i = 0; i < n; i++) data[i] = convert(rs.cell(order ? order[i] : i, c), col);
    return { name: col.element.name, data };
  });
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => c.element)];
  return new Uint8Array(parquetWriteBuffer({ columnData, schema, rowGroupSize: 100_000 }));
}

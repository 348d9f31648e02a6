/**
 * Writes a query result as a Parquet file in JavaScript (hyparquet-writer): duckdb-wasm 1.32
 * has no built-in parquet extension, and fetching one would reach a third-party origin.
 * Timestamps (stored as Denver wall-clock) are written as TIMESTAMP_MILLIS of that wall clock.
 */
import { parquetWriteBuffer, type BasicType, type ColumnSource } from 'hyparquet-writer';
import type { ResultSet } from './types';

function parquetType(duckType: string): BasicType {
  if (/^(INTEGER|SMALLINT|TINYINT|UTINYINT|USMALLINT)$/.test(duckType)) return 'INT32';
  if (/^(BIGINT|UINTEGER|UBIGINT|HUGEINT)$/.test(duckType)) return 'INT64';
  if (/^(DOUBLE|FLOAT|DECIMAL)/.test(duckType)) return 'DOUBLE';
  if (duckType === 'BOOLEAN') return 'BOOLEAN';
  if (duckType === 'TIMESTAMP' || duckType === 'DATE') return 'TIMESTAMP';
  return 'STRING';
}

function convert(value: unknown, type: BasicType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'INT64':
      return BigInt(value as number | string);
    case 'TIMESTAMP':
      return new Date(value as number);
    case 'STRING':
      return typeof value === 'string' ? value : JSON.stringify(value);
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
  const columnData: ColumnSource[] = rs.columns.map((col, c) => {
    const type = parquetType(col.type);
    const data = new Array<unknown>(n);
    for (let i = 0; i < n; i++) data[i] = convert(rs.cell(order ? order[i] : i, c), type);
    return { name: col.name, data, type, nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 100_000 }));
}

/**
 * Wraps an Arrow table (a query result) as a ResultSet: cells are converted to plain values
 * only when read, so a 200k-row result costs nothing until the grid scrolls to it.
 */
import type { ColumnMeta, ResultSet, Row } from './types';
import { columnReader, type VectorLike } from './values';

interface ArrowLike {
  numRows: number;
  schema: { fields: { name: string; type: any }[] };
  getChildAt(i: number): VectorLike | null;
}

const INTS: Record<string, string> = {
  Int8: 'TINYINT', Int16: 'SMALLINT', Int32: 'INTEGER', Int64: 'BIGINT',
  Uint8: 'UTINYINT', Uint16: 'USMALLINT', Uint32: 'UINTEGER', Uint64: 'UBIGINT',
};
const TIMESTAMP_UNITS = ['TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP', 'TIMESTAMP_NS'];

/**
 * DuckDB's name of an Arrow type, as the editor's grid header shows it. duckdb-wasm sends HUGEINT
 * as DECIMAL(38,0), so that is named HUGEINT (what sum() of integers returns); other decimals keep
 * their precision and scale. Dictionaries are DuckDB ENUMs.
 */
export function typeName(type: any): string {
  const s = String(type);
  if (/^Dictionary/.test(s)) return 'ENUM';
  if (/^(Utf8|LargeUtf8)/.test(s)) return 'VARCHAR';
  if (/^Timestamp/.test(s)) return type.timezone ? 'TIMESTAMPTZ' : TIMESTAMP_UNITS[type.unit] ?? 'TIMESTAMP';
  if (/^Date/.test(s)) return 'DATE';
  if (/^Time/.test(s)) return 'TIME';
  if (/^Interval/.test(s)) return 'INTERVAL';
  if (/^Bool/.test(s)) return 'BOOLEAN';
  if (/^Float64/.test(s)) return 'DOUBLE';
  if (/^Float32/.test(s)) return 'FLOAT';
  const int = /^U?[Ii]nt\d+/.exec(s)?.[0];
  if (int && INTS[int]) return INTS[int];
  if (/^Decimal/.test(s)) return type.scale === 0 && type.precision === 38 ? 'HUGEINT' : `DECIMAL(${type.precision},${type.scale})`;
  if (/^(List|FixedSizeList)/.test(s)) return `${typeName(type.children?.[0]?.type)}[]`;
  if (/^Struct/.test(s)) return `STRUCT(${(type.children ?? []).map((f: any) => `${f.name} ${typeName(f.type)}`).join(', ')})`;
  if (/^Map/.test(s)) {
    const [k, v] = type.children?.[0]?.type?.children ?? [];
    return `MAP(${typeName(k?.type)}, ${typeName(v?.type)})`;
  }
  if (/^(Binary|LargeBinary|FixedSizeBinary)/.test(s)) return 'BLOB';
  return s.toUpperCase();
}

export function toResultSet(table: ArrowLike): ResultSet {
  const fields = table.schema.fields;
  const columns: ColumnMeta[] = fields.map((f) => ({ name: f.name, type: typeName(f.type) }));
  const readers = fields.map((_, i) => columnReader(table.getChildAt(i)));
  const rowCount = table.numRows;
  const cell = (r: number, c: number) => readers[c](r);
  return {
    columns,
    rowCount,
    cell,
    rows(start = 0, end = rowCount) {
      const out: Row[] = [];
      for (let r = start; r < Math.min(end, rowCount); r++) {
        const row: Row = {};
        for (let c = 0; c < columns.length; c++) row[columns[c].name] = cell(r, c);
        out.push(row);
      }
      return out;
    },
  };
}

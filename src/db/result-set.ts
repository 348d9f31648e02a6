/**
 * Wraps an Arrow table (a query result) as a ResultSet: cells are converted to plain values
 * only when read, so a 200k-row result costs nothing until the grid scrolls to it.
 */
import type { ColumnMeta, ResultSet, Row } from './types';
import { plainValue } from './values';

interface ArrowLike {
  numRows: number;
  schema: { fields: { name: string; type: any }[] };
  getChildAt(i: number): { get(i: number): unknown } | null;
}

/** DuckDB-style name of an Arrow type, as the editor's grid header shows it. */
export function typeName(type: any): string {
  const s = String(type);
  if (/^Utf8|^LargeUtf8|^Dictionary/.test(s)) return 'VARCHAR';
  if (/^Timestamp/.test(s)) return 'TIMESTAMP';
  if (/^Date/.test(s)) return 'DATE';
  if (/^Time/.test(s)) return 'TIME';
  if (/^Bool/.test(s)) return 'BOOLEAN';
  if (/^Float64/.test(s)) return 'DOUBLE';
  if (/^Float32/.test(s)) return 'FLOAT';
  if (/^Int64/.test(s)) return 'BIGINT';
  if (/^Int32/.test(s)) return 'INTEGER';
  if (/^Int16/.test(s)) return 'SMALLINT';
  if (/^Int8/.test(s)) return 'TINYINT';
  if (/^Uint/.test(s)) return s.replace(/^Uint(\d+)/, 'UINT$1').toUpperCase();
  if (/^Decimal/.test(s)) return `DECIMAL(${type.precision},${type.scale})`;
  if (/^List/.test(s)) return 'LIST';
  if (/^Struct/.test(s)) return 'STRUCT';
  if (/^Binary/.test(s)) return 'BLOB';
  return s.toUpperCase();
}

export function toResultSet(table: ArrowLike): ResultSet {
  const fields = table.schema.fields;
  const columns: ColumnMeta[] = fields.map((f) => ({ name: f.name, type: typeName(f.type) }));
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rowCount = table.numRows;
  const cell = (r: number, c: number) => plainValue(vectors[c]?.get(r) ?? null, fields[c].type);
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

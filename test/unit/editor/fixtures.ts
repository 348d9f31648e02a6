/** Small in-memory ResultSets for editor tests. */
import type { ColumnMeta, ResultSet, Row } from '../../../src/db/types';

/** A ResultSet over literal rows (arrays in column order). */
export function resultOf(columns: ColumnMeta[], data: unknown[][]): ResultSet {
  return {
    columns,
    rowCount: data.length,
    cell: (r, c) => data[r][c],
    rows(start = 0, end = data.length) {
      return data.slice(start, end).map((d) => {
        const row: Row = {};
        columns.forEach((col, i) => (row[col.name] = d[i]));
        return row;
      });
    },
  };
}

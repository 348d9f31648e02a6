/**
 * Sorting a result in the browser: an index permutation over the rows, so the ResultSet stays
 * as DuckDB returned it and export/copy can follow the displayed order. NULLs sort last.
 */
import type { ResultSet } from '../db/types';
import { columnKind } from './column-kind';

/** Sort direction. */
export type SortDir = 'asc' | 'desc';

/** The grid's sort: a column index and a direction. */
export interface SortState {
  readonly column: number;
  readonly dir: SortDir;
}

/** The next sort after clicking a header: ascending, then descending, then unsorted. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, dir: 'asc' };
  return current.dir === 'asc' ? { column, dir: 'desc' } : null;
}

/** Row indices ordered by one column (stable; NULLs last in both directions). */
export function sortPermutation(rs: ResultSet, sort: SortState): Uint32Array {
  const n = rs.rowCount;
  const numeric = columnKind(rs.columns[sort.column]?.type ?? '') !== 'text';
  const keys: (number | string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) keys[r] = sortKey(rs.cell(r, sort.column), numeric);
  const idx = Array.from({ length: n }, (_, i) => i);
  const sign = sort.dir === 'asc' ? 1 : -1;
  idx.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    const c = compare(ka, kb);
    return c === 0 ? a - b : c * sign;
  });
  return Uint32Array.from(idx);
}

function sortKey(v: unknown, numeric: boolean): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (numeric) {
      const x = Number(v);
      return Number.isNaN(x) ? v : x;
    }
    return v;
  }
  if (typeof v === 'bigint') return Number(v);
  return JSON.stringify(v) ?? null;
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

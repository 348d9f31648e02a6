/**
 * Cell values as text, shared by the grid, the clipboard and the CSV/JSON exports. Values follow
 * the Row rules of db/types: numbers (big integers and inexact decimals as strings), epoch ms for
 * TIMESTAMP/DATE, null; BLOBs are shown as DuckDB prints them (`\x00\xFFa`).
 */
import { blobText, timestampText } from '../db/values';
import type { ColumnKind } from './column-kind';

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` of the wall-clock time an epoch-ms TIMESTAMP holds; the
 * microseconds come from the fraction of the ms, trailing zeros trimmed as DuckDB prints them.
 */
export function formatTimestamp(ms: number): string {
  return timestampText(ms);
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in the browser's time zone, for zoned timestamps. */
export function formatLocal(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  if (Number.isNaN(d.getTime())) return String(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = timestampText(ms).slice(19);
  return (
    `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${frac}`
  );
}

/** A value as text, or null for SQL NULL (the grid shows that distinctly). */
export function formatValue(value: unknown, kind: ColumnKind): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (kind === 'timestamp') return formatTimestamp(value);
    if (kind === 'timestamptz') return formatLocal(value);
    if (kind === 'date') return formatTimestamp(value).slice(0, 10);
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return formatTimestamp(value.getTime());
  if (value instanceof Uint8Array) return blobText(value);
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/** `1 row`, `200,000 rows`. */
export function rowsLabel(n: number): string {
  return `${Math.round(n).toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
}

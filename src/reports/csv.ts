/** Rows as CSV (RFC 4180) for "Download CSV"; nested objects (GeoJSON geometry) are left out. */
import { csvField } from '../domain/csv-field';
import type { Row } from './types';

/** Columns of `rows` in first-seen order, without object-valued ones. */
export function csvColumns(rows: readonly Row[]): string[] {
  const cols: string[] = [];
  const objects = new Set<string>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (v !== null && typeof v === 'object') objects.add(k);
      else if (!cols.includes(k)) cols.push(k);
    }
  }
  return cols.filter((c) => !objects.has(c));
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return csvField(typeof v === 'number' && !Number.isFinite(v) ? '' : String(v));
}

/** CSV text with a header line; lines end with CRLF. */
export function rowsToCsv(rows: readonly Row[]): string {
  const cols = csvColumns(rows);
  const lines = [cols.map(cell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => cell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

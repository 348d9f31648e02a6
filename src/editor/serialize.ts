/**
 * A ResultSet as CSV (RFC 4180: CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes
 * doubled) or JSON (an array of objects). Rows go out in `order` when given (the grid's sort).
 * Timestamps, times, intervals and BLOBs (`\x00\xFF`) are written as the grid shows them, exact
 * decimals as their text; NULL is an empty CSV field (an empty string is `""`) and JSON null. CSV
 * text that a spreadsheet would run as a formula gets a leading `'` (domain/csv-field).
 */
import type { ResultSet } from '../db/types';
import { csvField } from '../domain/csv-field';
import { columnKind, type ColumnKind } from './column-kind';
import { formatValue } from './format';

/** The rows' indices in output order. */
function* rowOrder(rs: ResultSet, order?: ArrayLike<number>): Iterable<number> {
  if (order) for (let i = 0; i < order.length; i++) yield order[i];
  else for (let r = 0; r < rs.rowCount; r++) yield r;
}

/** Rows per piece of a chunked export: small enough that the page can paint between pieces. */
export const EXPORT_CHUNK_ROWS = 5000;

/** The rows' indices in output order, in pieces of at most `size`. */
function* rowPieces(rs: ResultSet, order: ArrayLike<number> | undefined, size: number): Generator<number[]> {
  let piece: number[] = [];
  for (const r of rowOrder(rs, order)) {
    piece.push(r);
    if (piece.length >= size) {
      yield piece;
      piece = [];
    }
  }
  if (piece.length) yield piece;
}

/**
 * The result as CSV text in pieces: the header line (unless `header` is false: a later part of
 * a streamed result), then up to `size` rows per piece.
 */
export function* csvChunks(rs: ResultSet, order?: ArrayLike<number>, size = EXPORT_CHUNK_ROWS, header = true): Generator<string> {
  const kinds = rs.columns.map((c) => columnKind(c.type));
  if (header) yield rs.columns.map((c) => csvField(c.name)).join(',') + '\r\n';
  for (const piece of rowPieces(rs, order, size)) {
    const lines: string[] = [];
    for (const r of piece) {
      const fields: string[] = [];
      for (let c = 0; c < kinds.length; c++) {
        const text = formatValue(rs.cell(r, c), kinds[c]);
        // NULL is an empty field, an empty string a quoted one, so that the two read back apart.
        fields.push(text === null ? '' : text === '' ? '""' : csvField(text, kinds[c] === 'text' || kinds[c] === 'other'));
      }
      lines.push(fields.join(','));
    }
    yield lines.join('\r\n') + '\r\n';
  }
}

/** The result as CSV text with a header line. */
export function toCsv(rs: ResultSet, order?: ArrayLike<number>): string {
  return [...csvChunks(rs, order)].join('');
}

/** A value for JSON output: numbers and booleans stay, times become text, nested values stay nested. */
function jsonValue(value: unknown, kind: ColumnKind): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && (kind === 'timestamp' || kind === 'timestamptz' || kind === 'date')) {
    return formatValue(value, kind);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return formatValue(value, kind);
  return value;
}

/** The result's rows as JSON objects separated by `,\n`, in pieces of up to `size` rows (no brackets). */
export function* jsonRowChunks(rs: ResultSet, order?: ArrayLike<number>, size = EXPORT_CHUNK_ROWS): Generator<string> {
  const kinds = rs.columns.map((c) => columnKind(c.type));
  for (const piece of rowPieces(rs, order, size)) {
    const parts: string[] = [];
    for (const r of piece) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < kinds.length; c++) row[rs.columns[c].name] = jsonValue(rs.cell(r, c), kinds[c]);
      parts.push(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    }
    yield parts.join(',\n');
  }
}

/** The result as a JSON array of row objects, in pieces of up to `size` rows. */
export function* jsonChunks(rs: ResultSet, order?: ArrayLike<number>, size = EXPORT_CHUNK_ROWS): Generator<string> {
  let first = true;
  yield '[';
  for (const rows of jsonRowChunks(rs, order, size)) {
    yield (first ? '' : ',\n') + rows;
    first = false;
  }
  yield ']\n';
}

/** The result as a JSON array of row objects. */
export function toJson(rs: ResultSet, order?: ArrayLike<number>): string {
  return [...jsonChunks(rs, order)].join('');
}

/** One row as tab-separated text (for the clipboard). */
export function rowAsTsv(rs: ResultSet, r: number): string {
  return rs.columns
    .map((col, c) => (formatValue(rs.cell(r, c), columnKind(col.type)) ?? '').replace(/[\t\r\n]+/g, ' '))
    .join('\t');
}

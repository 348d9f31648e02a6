/**
 * Reads one CSV record whose quoted field is malformed, the way its writer meant it. Denver's
 * 2013–14 311 files hold unescaped quotes inside quoted fields (`"Wood burning on "Red Days""`).
 * RFC 4180 (and papaparse) reads the `""` before the comma as an escaped quote, stays inside the
 * field and runs on over the following records to the next quote. Here, inside a quoted field:
 * - a quote followed (after optional spaces) by a comma, a line end or the end of the text closes
 *   the field;
 * - `""` followed the same way is a literal quote that closes the field (the flaw above);
 * - any other `""` is a literal quote (escaped, as in RFC 4180);
 * - any other quote is a literal quote (stray).
 * Unquoted fields run to the next comma or line end, quotes included. So a record free of stray
 * quotes reads as RFC 4180 reads it, except a value ending in `"` followed by a comma.
 * CsvRecords uses this only for records papaparse flagged with InvalidQuotes.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;

export interface LenientRecord {
  readonly fields: string[];
  /** Index just after the record's line end (or the end of the text). */
  readonly end: number;
}

/**
 * The record starting at `start` in `text`, or null when it may go on past the text and more is
 * to come (`final` false). At the end of the file (`final`), an unclosed quote runs to the end.
 */
export function readLenientRecord(text: string, start: number, final: boolean): LenientRecord | null {
  const fields: string[] = [];
  const n = text.length;
  let p = start;
  for (;;) {
    let value: string;
    if (text.charCodeAt(p) === QUOTE) {
      const field = quotedField(text, p + 1, final);
      if (!field) return null;
      value = field.value;
      p = field.next;
    } else {
      let q = p;
      while (q < n) {
        const c = text.charCodeAt(q);
        if (c === COMMA || c === LF || c === CR) break;
        q++;
      }
      value = text.slice(p, q);
      p = q;
    }
    fields.push(value);
    if (p >= n) return final ? { fields, end: n } : null;
    const c = text.charCodeAt(p);
    if (c === COMMA) {
      p++;
      continue;
    }
    // A line end: LF, CRLF, or a lone CR.
    if (c === CR && p + 1 >= n && !final) return null;
    const end = c === CR && text.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
    return { fields, end };
  }
}

/** Where a field's closing quote at `q` is followed (after spaces) by a field end, that end. */
function closesAt(text: string, q: number, final: boolean): number | null | undefined {
  let e = q + 1;
  while (e < text.length && text.charCodeAt(e) === SPACE) e++;
  if (e >= text.length) return final ? e : undefined;
  const c = text.charCodeAt(e);
  return c === COMMA || c === LF || c === CR ? e : null;
}

/**
 * The value of a quoted field whose text starts at `from` (just after its opening quote) and
 * the index of what follows its closing quote; null when more text is needed.
 */
function quotedField(text: string, from: number, final: boolean): { value: string; next: number } | null {
  let value = '';
  let p = from;
  for (;;) {
    const q = text.indexOf('"', p);
    if (q < 0) {
      if (!final) return null;
      return { value: value + text.slice(p), next: text.length };
    }
    value += text.slice(p, q);
    const close = closesAt(text, q, final);
    if (close === undefined) return null;
    if (close !== null) return { value, next: close };
    if (text.charCodeAt(q + 1) === QUOTE) {
      value += '"';
      const after = closesAt(text, q + 1, final);
      if (after === undefined) return null;
      if (after !== null) return { value, next: after };
      p = q + 2;
    } else {
      value += '"';
      p = q + 1;
    }
  }
}

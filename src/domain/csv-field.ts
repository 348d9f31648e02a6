/**
 * How every export writes a CSV field (RFC 4180: fields holding `"`, `,`, CR or LF are quoted,
 * quotes doubled), with one guard: text that a spreadsheet would run as a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab or a CR and is not a plain number) gets a leading `'`, so
 * opening an export of untrusted data (a 311 case summary, a rejected line) runs nothing.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `text` with a leading `'` when a spreadsheet would read it as a formula. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field, quoted when it must be; formula-guarded unless `guard` is false (a number, a time). */
export function csvField(text: string, guard = true): string {
  const t = guard ? formulaSafe(text) : text;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The same guard as a DuckDB expression over a VARCHAR expression (for `COPY … TO` CSV). */
export function formulaSafeSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${expr}, '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$') THEN '''' || ${expr} ELSE ${expr} END`;
}

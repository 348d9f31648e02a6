/**
 * The one place where SQL identifiers and literals are quoted. Every value that reaches our
 * SQL text from outside (file names, neighborhood names, filter values, types) goes through
 * these functions; user-written SQL is never spliced into ours.
 */

/** Quotes an identifier: `a"b` → `"a""b"`. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal: `it's` → `'it''s'`. NUL characters are removed. */
export function str(value: string): string {
  return `'${value.replace(/\u0000/g, '').replace(/'/g, "''")}'`;
}

/** A finite number as a SQL literal; anything else is an error, never injected text. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** An integer as a SQL literal. */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
  return String(value);
}

/** A literal of any supported JS value: null, boolean, number, string, Date (as TIMESTAMP). */
export function literal(value: null | boolean | number | string | Date): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return num(value);
  if (value instanceof Date) return `TIMESTAMP ${str(value.toISOString().replace('T', ' ').replace('Z', ''))}`;
  return str(value);
}

/** `(a, b, c)` list of string literals, for IN clauses. Empty lists are refused. */
export function strList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('empty IN list');
  return `(${values.map(str).join(', ')})`;
}

/** A DATE literal from `YYYY-MM-DD`; anything else is refused. */
export function date(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`not a date: ${value}`);
  return `DATE ${str(value)}`;
}

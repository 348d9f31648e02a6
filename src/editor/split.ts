/**
 * Statement boundaries in a script: semicolons outside quotes, dollar quotes and comments.
 * Offsets always refer to the text the caller passed (plus `base`), so an error DuckDB reports
 * inside one statement maps back onto the editor's document.
 */
import { isSignificant, tokenize } from './tokenize';

/** One statement of a script. */
export interface Statement {
  /** The statement's text, without the terminating semicolon or surrounding whitespace. */
  readonly text: string;
  /** Offset of the first character in the script. */
  readonly from: number;
  /** Offset after the last character in the script. */
  readonly to: number;
}

/**
 * Splits a script into statements. Segments holding only whitespace and comments are dropped;
 * comments inside or before a statement stay part of it.
 */
export function splitStatements(sql: string, base = 0): Statement[] {
  const out: Statement[] = [];
  let first = -1;
  let last = -1;
  let hasCode = false;
  const flush = () => {
    if (hasCode) out.push({ text: sql.slice(first, last), from: base + first, to: base + last });
    first = last = -1;
    hasCode = false;
  };
  for (const t of tokenize(sql)) {
    if (t.type === 'semicolon') {
      flush();
      continue;
    }
    if (t.type === 'space') continue;
    if (first < 0) first = t.start;
    last = t.end;
    if (isSignificant(t)) hasCode = true;
  }
  flush();
  return out;
}

/**
 * The statement under the cursor: the one containing it (its end counts), else the one ending
 * earlier on the same line (the cursor sits after its semicolon), else the next one, else the
 * previous one.
 */
export function statementAt(sql: string, pos: number): Statement | null {
  const all = splitStatements(sql);
  const inside = all.find((s) => s.from <= pos && pos <= s.to);
  if (inside) return inside;
  const before = all.filter((s) => s.to <= pos).pop() ?? null;
  if (before && !sql.slice(before.to, pos).includes('\n')) return before;
  return all.find((s) => s.from >= pos) ?? before;
}

/**
 * What Ctrl/Cmd+Enter runs: the statements inside a non-empty selection, or the statement under
 * the cursor.
 */
export function statementsToRun(sql: string, from: number, to: number): Statement[] {
  if (from !== to) {
    const [a, b] = from < to ? [from, to] : [to, from];
    return splitStatements(sql.slice(a, b), a);
  }
  const one = statementAt(sql, from);
  return one ? [one] : [];
}

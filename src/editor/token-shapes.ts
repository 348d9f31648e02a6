/**
 * The shapes of SQL tokens the CTE reader (./cte-scan) works with: significant tokens with their
 * text, bracket matching, names and name chains, and the words that end a clause or an expression.
 */
import { DUCKDB_KEYWORDS, DUCKDB_RESERVED, DUCKDB_TYPES } from './duckdb-words';
import { unquoteName, type TokenType } from './tokenize';

/** A significant token with its text. */
export interface Tok {
  readonly type: TokenType;
  readonly text: string;
  /** Lower-cased text of a word, '' for other tokens. */
  readonly low: string;
  readonly start: number;
  readonly end: number;
}

/** Words that end a SELECT list, a FROM clause, or start a join. */
export const SELECT_END = new Set(['from', 'where', 'group', 'having', 'window', 'qualify', 'order', 'limit', 'offset', 'union', 'except', 'intersect']);
export const FROM_END = new Set([...SELECT_END, 'select', 'returning', 'tablesample']);
export const JOIN_WORDS = new Set(['join', 'natural', 'left', 'right', 'full', 'inner', 'outer', 'cross', 'semi', 'anti', 'asof', 'positional']);
export const KEYWORDS = new Set(DUCKDB_KEYWORDS.split(' '));
const TYPES = new Set(DUCKDB_TYPES.split(' '));
/** Keywords an expression can end with, so a word after them is an alias. */
const VALUE_WORDS = new Set(['end', 'null', 'true', 'false']);
/** Words that read like a column but are values (SQL's special functions without parentheses). */
export const SPECIAL_VALUES = new Set(['current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'current_role', 'current_catalog', 'current_schema']);

/** Index of the matching closing bracket of each opening one (the end when unclosed). */
export function matchBrackets(toks: readonly Tok[]): number[] {
  const close = toks.map(() => toks.length);
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (isOpen(t)) stack.push(i);
    else if (t.type === 'rparen' || (t.type === 'op' && (t.text === ']' || t.text === '}'))) {
      const open = stack.pop();
      if (open !== undefined) close[open] = i;
    }
  });
  return close;
}

export function isOpen(t: Tok | undefined): boolean {
  return !!t && (t.type === 'lparen' || (t.type === 'op' && (t.text === '[' || t.text === '{')));
}

export function isName(t: Tok | undefined): boolean {
  return !!t && (t.type === 'ident' || t.type === 'word');
}

/** A word or quoted name as DuckDB reads it: `"a ""b"""` → `a "b"`, `'x'` → `x`. */
export function identName(t: Tok): string {
  return t.type === 'ident' || t.type === 'string' ? unquoteName(t.text) : t.text;
}

/** `a`, `t.a`, `"s"."t".a`: names joined by dots (reserved words such as NULL excluded). */
export function isChain(t: readonly Tok[]): boolean {
  if (t.length % 2 === 0) return t.length === 0;
  return t.every((x, k) => (k % 2 ? x.text === '.' : x.type === 'ident' || (x.type === 'word' && !DUCKDB_RESERVED.has(x.low))));
}

/** An alias written without AS must be a plain identifier (no keyword at all) or quoted. */
export function isBareAlias(t: Tok): boolean {
  return t.type === 'ident' || (t.type === 'word' && !KEYWORDS.has(t.low));
}

/** True when an expression can end with `t`, so a name after it is an alias. */
export function endsExpression(t: Tok): boolean {
  if (t.type === 'word') return !KEYWORDS.has(t.low) || VALUE_WORDS.has(t.low) || TYPES.has(t.low);
  return ['ident', 'number', 'string', 'rparen', 'param'].includes(t.type) || t.text === ']' || t.text === '}';
}

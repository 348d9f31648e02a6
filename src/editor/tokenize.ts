/**
 * A SQL lexer that follows DuckDB's (PostgreSQL's) rules closely enough to find statement
 * boundaries and leading keywords: `'…'` strings with `''` escapes, `E'…'` strings with
 * backslash escapes, `"…"` identifiers, `$tag$…$tag$` dollar quotes, `--` line comments and
 * nested `/* … *\/` block comments. Unterminated quotes and comments run to the end.
 */

/** Lexical classes of SQL text. */
export type TokenType =
  | 'word'
  | 'ident'
  | 'string'
  | 'number'
  | 'param'
  | 'comment'
  | 'space'
  | 'semicolon'
  | 'lparen'
  | 'rparen'
  | 'op';

/** A token: a class and a range of the source. */
export interface Token {
  readonly type: TokenType;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Splits SQL text into tokens covering every character. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (type: TokenType, end: number) => {
    out.push({ type, start: i, end });
    i = end;
  };
  while (i < n) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j])) j++;
      push('space', j);
    } else if (ch === '-' && next === '-') {
      // DuckDB ends a line comment at LF or CR.
      let j = i + 2;
      while (j < n && sql[j] !== '\n' && sql[j] !== '\r') j++;
      push('comment', j);
    } else if (ch === '/' && next === '*') {
      push('comment', blockCommentEnd(sql, i));
    } else if (ch === "'") {
      push('string', quotedEnd(sql, i, "'", isEscapeStringPrefix(sql, out)));
    } else if (ch === '"') {
      push('ident', quotedEnd(sql, i, '"', false));
    } else if (ch === '$') {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 256));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        push('string', close < 0 ? n : close + tag[0].length);
      } else {
        let j = i + 1;
        while (j < n && WORD_PART.test(sql[j])) j++;
        push(j > i + 1 ? 'param' : 'op', j);
      }
    } else if (ch === ';') {
      push('semicolon', i + 1);
    } else if (ch === '(') {
      push('lparen', i + 1);
    } else if (ch === ')') {
      push('rparen', i + 1);
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j])) j++;
      push('number', j);
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(sql[j])) j++;
      push('word', j);
    } else if (ch === '?') {
      push('param', i + 1);
    } else {
      push('op', i + 1);
    }
  }
  return out;
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function isSignificant(t: Token): boolean {
  return t.type !== 'space' && t.type !== 'comment';
}

/**
 * A name as DuckDB reads it: a quoted identifier or string unquoted, its doubled quotes single
 * (`"a ""b"""` → `a "b"`, `'x'` → `x`; an unclosed one to its end); any other text as it is.
 */
export function unquoteName(text: string): string {
  const q = text[0];
  if (q !== '"' && q !== "'") return text;
  const inner = text.length > 1 && text.endsWith(q) ? text.slice(1, -1) : text.slice(1);
  return inner.split(q + q).join(q);
}

/** The lower-cased text of a word token, or null for any other token. */
export function keyword(sql: string, t: Token | undefined): string | null {
  return t && t.type === 'word' ? sql.slice(t.start, t.end).toLowerCase() : null;
}

function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** End of a quoted run starting at `start`; a doubled quote is an escaped quote. */
function quotedEnd(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslash && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** `E'…'` (escape string): the previous token is the single letter E, directly adjacent. */
function isEscapeStringPrefix(sql: string, out: Token[]): boolean {
  const prev = out[out.length - 1];
  return !!prev && prev.type === 'word' && prev.end - prev.start === 1 && /[eE]/.test(sql[prev.start]);
}

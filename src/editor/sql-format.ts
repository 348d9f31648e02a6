/**
 * The editor's Format command: lays SQL out one clause a line (select, group and order lists one
 * item a line, subqueries and CTE bodies indented) and upper-cases keywords. A WHERE, HAVING,
 * QUALIFY or join's ON condition puts each top-level AND / OR on a line of its own, one step in
 * (never BETWEEN's AND, nor one inside brackets or CASE … END). A blank line the user wrote inside
 * a statement stays, as one, where a line starts anyway; elsewhere it goes. It works on the
 * project's tokens, never on a grammar, so it cannot misread what it does not know: strings,
 * quoted identifiers, dollar quotes and comments are copied byte for byte, two tokens that
 * touched still touch, and only whitespace and the case of keywords change. Text it cannot read
 * whole (an unclosed quote or comment, unbalanced brackets) comes back unchanged.
 */
import { DUCKDB_RESERVED } from './duckdb-words';
import { closedAtEnd, sameTokens } from './sql-format-check';
import { Unformattable, emit, type Placement } from './sql-format-emit';
import { CONDITION_CLAUSES, JOIN_MODS, LIST_CLAUSES, OPERAND_WORDS, OPERATOR_WORDS, QUERY_START } from './sql-format-words';
import { isSignificant, keyword, tokenize, type Token } from './tokenize';

/** A query level (the script, or a parenthesized query) and where its clauses are. */
interface QueryFrame {
  readonly query: true;
  /** Indent of its clause keywords. */
  readonly base: number;
  /** Indent of its closing `)`. */
  readonly close: number;
  /** No token read in it yet (a statement or subquery starts). */
  fresh: boolean;
  /** First word of the statement or subquery. */
  first: string | null;
  clause: string | null;
  /** Items of the current clause go one a line. */
  list: boolean;
  /** Still reading the clause's modifiers (`DISTINCT ON (…)`, `RECURSIVE`) before its first item. */
  mods: boolean;
  /** Words of a multi-word clause keyword still to read (the BY of GROUP BY). */
  skip: number;
  /** The indent of the next token, after a list's comma. */
  pending: number | null;
  /** In a boolean condition: its top-level AND and OR start lines. */
  cond: boolean;
  /** CASEs and BETWEENs open at this level, innermost last (a BETWEEN is open until its AND). */
  open: string[];
}

/** Brackets whose content stays on one line: calls, IN lists, OVER (…), `[…]`, `{…}`. */
interface InlineFrame {
  readonly query: false;
  readonly close: string;
}

type Frame = QueryFrame | InlineFrame;

const CLOSERS = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);

/**
 * Formats SQL text. Never throws; gives the text back unchanged when it cannot be read whole
 * or when the result would not be the same tokens.
 */
export function formatSql(text: string): string {
  return formatIndented(text, '');
}

/** formatSql with `base` (an indent) before every line it writes but blank ones. */
function formatIndented(text: string, base: string): string {
  try {
    const tokens = tokenize(text);
    if (!closedAtEnd(text, tokens)) return text;
    const sig = tokens.filter(isSignificant);
    const placements = place(text, sig);
    const out = emit(text, tokens, sig, placements, base);
    const recased = new Set(sig.filter((_, i) => placements[i].upper).map((t) => t.start));
    return sameTokens(text, tokens, out, recased) ? out : text;
  } catch {
    return text;
  }
}

/** Decides, for each significant token, whether a line starts before it and its keyword case. */
function place(sql: string, sig: Token[]): Placement[] {
  const text = (i: number) => (sig[i] ? sql.slice(sig[i].start, sig[i].end) : '');
  const kw = (i: number) => keyword(sql, sig[i]) ?? '';
  const root = (): QueryFrame => ({ query: true, base: 0, close: 0, fresh: true, first: null, clause: null, list: false, mods: false, skip: 0, pending: null, cond: false, open: [] });
  const stack: Frame[] = [root()];
  let lineIndent = 0;
  let statements = 0;
  const out: Placement[] = [];
  /** Per token read: a word read as a name, whatever it spells. */
  const names: boolean[] = [];
  const prevKw = (i: number) => (names[i - 1] ? '' : kw(i - 1));

  /**
   * A word that names something: next to a `.` (`t.order`), or after AS in a select list, a FROM
   * item or brackets (`1 AS select`, `CAST(x AS integer)`); DuckDB keeps an alias's spelling. Not
   * after a statement's AS (`CREATE TABLE z AS SELECT`) nor a CTE's (`AS MATERIALIZED (`). `q` is
   * null inside inline brackets.
   */
  const nameAt = (i: number, q: QueryFrame | null): boolean => {
    if (!kw(i)) return false;
    if (text(i - 1) === '.' || text(i + 1) === '.') return true;
    return prevKw(i) === 'as' && (!q || (q.clause !== null && q.clause !== 'with'));
  };

  /** The NOT or MATERIALIZED of a CTE's `AS [NOT] MATERIALIZED (`. */
  const cteMaterialized = (i: number): boolean => {
    const start = kw(i) === 'materialized' && kw(i - 1) === 'not' ? i - 1 : i;
    const end = kw(start) === 'not' ? start + 1 : start;
    return kw(start - 1) === 'as' && kw(end) === 'materialized' && text(end + 1) === '(';
  };

  /** Where the JOIN is of a run of join words starting at `i` (`LEFT OUTER JOIN`), or null. */
  const joinAt = (i: number): number | null => {
    let j = i;
    while (JOIN_MODS.has(kw(j))) j++;
    return kw(j) === 'join' ? j : null;
  };

  /** The clause keyword starting at `i` in query frame `q`, if any. */
  const clauseAt = (i: number, q: QueryFrame): { name: string; words: number } | null => {
    const k = kw(i);
    const prev = prevKw(i);
    switch (k) {
      case 'select':
      case 'where':
      case 'having':
      case 'qualify':
      case 'window':
      case 'limit':
      case 'offset':
      case 'returning':
      case 'pivot':
      case 'unpivot':
      case 'pivot_wider':
      case 'pivot_longer':
        return { name: k, words: 1 };
      case 'from':
        // DELETE FROM, IS [NOT] DISTINCT FROM.
        return prev === 'delete' || prev === 'distinct' ? null : { name: k, words: 1 };
      case 'group':
      case 'order':
        return kw(i + 1) === 'by' ? { name: k, words: 2 } : null;
      case 'union':
      case 'intersect':
      case 'except':
        // `* EXCEPT (…)` names columns.
        return text(i - 1) === '*' ? null : { name: k, words: 1 };
      case 'with':
        return q.fresh || prev === 'as' ? { name: k, words: 1 } : null;
      case 'values':
        return text(i + 1) === '(' && (q.fresh || q.first === 'insert') ? { name: k, words: 1 } : null;
      case 'set':
        return q.first === 'update' || prev === 'update' ? { name: k, words: 1 } : null;
      case 'insert':
      case 'update':
      case 'delete':
        // A statement's verb, also after WITH's CTEs.
        return q.fresh || (q.clause === 'with' && sig[i - 1]?.type === 'rparen') ? { name: k, words: 1 } : null;
      default: {
        if (k !== 'join' && !JOIN_MODS.has(k)) return null;
        if (JOIN_MODS.has(prev)) return null;
        const j = joinAt(i);
        return j === null ? null : { name: 'join', words: j - i + 1 };
      }
    }
  };

  const upperAt = (i: number, clause: boolean, name: boolean): boolean => {
    const k = kw(i);
    if (!k || name) return false;
    if (clause || cteMaterialized(i)) return true;
    const prev = prevKw(i);
    // What a statement's AS introduces (`CREATE TYPE m AS ENUM`) stays as written.
    if (prev === 'as') return false;
    if (DUCKDB_RESERVED.has(k) || k === 'join') return true;
    if (JOIN_MODS.has(k)) return joinAt(i) !== null;
    if (k === 'by') return ['group', 'order', 'partition', 'union'].includes(prev);
    if (k === 'partition') return kw(i + 1) === 'by';
    if (k === 'over') return text(i + 1) === '(';
    if (k === 'recursive') return prev === 'with';
    if (k === 'name') return prev === 'by' && kw(i - 2) === 'union';
    if (OPERATOR_WORDS.has(k)) {
      const next = sig[i + 1];
      return !!next && next.type !== 'lparen' && next.type !== 'rparen' && next.type !== 'semicolon' && text(i + 1) !== ',';
    }
    // BETWEEN after an operand (or NOT) is the operator; elsewhere it may name a column.
    if (k === 'between') return prev === 'not' || operandEndsAt(i - 1);
    // EXISTS before a bracketed query is the operator.
    if (k === 'exists') return text(i + 1) === '(' && QUERY_START.has(kw(i + 2));
    return false;
  };

  /** Whether token `j` can end an operand: a name, literal or `)`, or NULL, TRUE, FALSE, END. */
  const operandEndsAt = (j: number): boolean => {
    const t = sig[j];
    if (!t || t.type === 'op' || t.type === 'lparen' || t.type === 'semicolon') return false;
    const k = kw(j);
    return !k || names[j] || !DUCKDB_RESERVED.has(k) || OPERAND_WORDS.has(k);
  };

  for (let i = 0; i < sig.length; i++) {
    const t = sig[i];
    const s = text(i);
    const top = stack[stack.length - 1];
    const q = [...stack].reverse().find((f): f is QueryFrame => f.query)!;
    const name = nameAt(i, top.query ? q : null);
    names.push(name);
    const cont = q.clause ? q.base + 2 : q.base;
    const p: Placement = { brk: null, cont, upper: false, gap: false };
    out.push(p);
    const opener = t.type === 'lparen' || (t.type === 'op' && CLOSERS.has(s));
    const closer = t.type === 'rparen' || (t.type === 'op' && (s === ']' || s === '}'));

    if (!top.query) {
      p.upper = upperAt(i, false, name);
      if (opener) stack.push({ query: false, close: CLOSERS.get(s)! });
      else if (closer) {
        if (s !== top.close) throw new Unformattable();
        stack.pop();
      } else if (t.type === 'semicolon') throw new Unformattable();
      continue;
    }

    if (t.type === 'semicolon') {
      if (stack.length > 1) throw new Unformattable();
      stack[0] = root();
      lineIndent = 0;
      continue;
    }
    if (closer) {
      if (t.type !== 'rparen' || stack.length === 1) throw new Unformattable();
      stack.pop();
      p.brk = lineIndent = q.close;
      continue;
    }

    if (q.fresh && stack.length === 1) {
      p.gap = statements++ > 0;
      p.brk = 0;
    }
    const clause = q.skip > 0 || name ? null : clauseAt(i, q);
    if (q.fresh) q.first = kw(i);
    p.upper = upperAt(i, !!clause, name);
    if (clause) {
      p.brk = lineIndent = q.base;
      q.clause = clause.name;
      q.list = q.mods = LIST_CLAUSES.has(clause.name);
      q.skip = clause.words - 1;
      q.pending = null;
      q.cond = CONDITION_CLAUSES.has(clause.name);
      q.open = [];
    } else if (q.skip > 0) {
      q.skip--;
    } else if (q.pending !== null) {
      p.brk = lineIndent = q.pending;
      q.pending = null;
    } else if (q.mods) {
      const k = kw(i);
      const prev = kw(i - 1);
      const modifier =
        k === 'distinct' || k === 'all' || (k === 'recursive' && q.clause === 'with') || (k === 'on' && prev === 'distinct') || (s === '(' && prev === 'on');
      if (!modifier) {
        q.mods = false;
        p.brk = lineIndent = q.base + 2;
      } else if (k === 'all' && (q.clause === 'group' || q.clause === 'order')) {
        // GROUP BY ALL, ORDER BY ALL DESC: one line.
        q.mods = q.list = false;
      }
    }
    // A condition's top-level AND / OR starts a line, one step in from its clause.
    if (!clause && !name && startsConditionLine(q, kw(i), p.upper)) p.brk = lineIndent = q.base + 2;
    q.fresh = false;

    if (s === ',' && q.list && !q.mods) q.pending = q.base + 2;
    if (opener) {
      if (t.type === 'lparen' && QUERY_START.has(kw(i + 1))) {
        stack.push({ ...root(), base: lineIndent + 2, close: lineIndent });
      } else stack.push({ query: false, close: CLOSERS.get(s)! });
    }
  }
  if (stack.length > 1) throw new Unformattable();
  return out;
}

/**
 * Reads word `k` at query level `q` (outside its brackets) for its condition: a join's ON starts
 * one, CASE … END and BETWEEN … AND hold their ANDs (a BETWEEN only as the operator, `upper`:
 * a column named between opens nothing). True for an AND or OR that starts a line.
 */
function startsConditionLine(q: QueryFrame, k: string, upper: boolean): boolean {
  if (k === 'case' || (k === 'between' && upper)) q.open.push(k);
  else if (k === 'end') q.open.pop();
  else if (k === 'on' && q.clause === 'join') q.cond = true;
  else if (k === 'and' && q.open[q.open.length - 1] === 'between') q.open.pop();
  else if (k === 'and' || k === 'or') return q.cond && q.open.length === 0;
  return false;
}

/**
 * What Format replaces in a document: the whole lines a selection touches (a selection ending at
 * the start of a line leaves that line out), laid out at the indent of the first of them with
 * text, or the whole text when nothing is selected; null when there is nothing to change, or
 * when the lines start or end inside a string or comment that the whole text reads across them
 * (formatting that part alone would read its inside as code).
 */
export function formatRange(doc: string, from: number, to: number): { from: number; to: number; text: string } | null {
  let a = 0;
  let b = doc.length;
  if (from !== to) {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const end = hi > lo && (doc[hi - 1] === '\n' || doc[hi - 1] === '\r') ? hi - 1 : hi;
    a = Math.max(doc.lastIndexOf('\n', lo - 1), doc.lastIndexOf('\r', lo - 1)) + 1;
    const nl = doc.slice(end).search(/[\n\r]/);
    b = nl < 0 ? doc.length : end + nl;
    if (tokenize(doc).some((t) => t.type !== 'space' && ((t.start < a && a < t.end) || (t.start < b && b < t.end)))) return null;
    // Blank lines at either end of the selected lines stay as they are.
    a += /^(?:[ \t]*(?:\r\n|[\n\r]))*/.exec(doc.slice(a, b))![0].length;
    b -= /(?:(?:\r\n|[\n\r])[ \t]*)*$/.exec(doc.slice(a, b))![0].length;
    if (a >= b) return null;
  }
  const before = doc.slice(a, b);
  // Selected lines keep their indent (a subquery's); the whole text starts at the first column.
  const base = from === to ? '' : /^[ \t]*/.exec(before)![0];
  const text = formatIndented(before, base);
  return text === before ? null : { from: a, to: b, text };
}

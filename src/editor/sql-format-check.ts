/**
 * The Format command's safety net (editor/sql-format.ts): whether a text can be read whole, and
 * whether a layout kept every token as it was. Pure.
 */
import { tokenize, type Token } from './tokenize';

/**
 * The whole promise in one check: `out` has the tokens of `sql` in the same order, the same ones
 * touching, each spelled the same except the words at the offsets in `recased` (the keywords),
 * which may change case.
 */
export function sameTokens(sql: string, tokens: readonly Token[], out: string, recased: ReadonlySet<number>): boolean {
  const a = texts(sql, tokens);
  const b = texts(out, tokenize(out));
  if (a.length !== b.length) return false;
  return a.every((t, i) => {
    const u = b[i];
    if (t.type !== u.type) return false;
    if (t.text !== u.text && !(recased.has(t.start) && t.text.toLowerCase() === u.text.toLowerCase())) return false;
    // Whitespace may be added (a line break) but never taken away, except before the first
    // token, `;` and `,` (which join nothing).
    return !t.space || u.space || i === 0 || t.type === 'semicolon' || t.text === ',';
  });
}

/** The tokens that carry meaning or comments, with whether whitespace (or a line break) preceded each. */
function texts(sql: string, tokens: readonly Token[]): { text: string; type: Token['type']; start: number; space: boolean }[] {
  const out: { text: string; type: Token['type']; start: number; space: boolean }[] = [];
  let space = false;
  for (const t of tokens) {
    if (t.type === 'space') space = true;
    else {
      out.push({ text: sql.slice(t.start, t.end), type: t.type, start: t.start, space });
      space = false;
    }
  }
  return out;
}

/** False when the last token is a quote or block comment the text never closes. */
export function closedAtEnd(sql: string, tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (!last || !['string', 'ident', 'comment'].includes(last.type)) return true;
  const text = sql.slice(last.start, last.end);
  if (text.startsWith('--')) return true;
  // A closed token stays the same length with text after it; an open one swallows that text.
  const again = tokenize(`${text}\n x`)[0];
  return again.end === text.length;
}

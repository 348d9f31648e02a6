/**
 * The Format command's writing (editor/sql-format.ts decides the layout): the tokens written out
 * with their placements, comments kept next to what they are about, blank lines where the layout
 * keeps them. Pure.
 */
import type { Token } from './tokenize';

/** Start a new line at `brk` (an indent), or not; `cont` is where a forced line break goes. */
export interface Placement {
  brk: number | null;
  cont: number;
  upper: boolean;
  /** The first token of a statement after a `;`: a blank line before it. */
  gap: boolean;
}

/** Thrown when the text cannot be read whole; Format then gives it back unchanged. */
export class Unformattable extends Error {}

/** Writes the tokens out with the placements decided for them. */
export function emit(sql: string, tokens: Token[], sig: Token[], placements: Placement[], base: string): string {
  const lines: string[] = [''];
  const newline = (indent: number, blank = false) => {
    const last = lines.length - 1;
    if (lines[last].trim() === '') {
      // Never two breaks in a row; the first line of the text has nothing above it.
      lines[last] = last === 0 ? '' : ' '.repeat(indent);
      return;
    }
    if (blank) lines.push('');
    lines.push(' '.repeat(indent));
  };
  const write = (s: string, space: boolean) => {
    const last = lines.length - 1;
    lines[last] += (space && lines[last].trim() !== '' ? ' ' : '') + s;
  };

  let si = 0;
  let space = false;
  let ownLine = false;
  let afterLineComment = false;
  let afterComma = false;
  let gapPending = false;
  /** A blank line before the token; kept when the token starts a line inside a statement. */
  let blank = false;
  let inStatement = false;
  for (const t of tokens) {
    if (t.type === 'space') {
      const breaks = sql.slice(t.start, t.end).match(/\r\n|[\n\r]/g)?.length ?? 0;
      space = true;
      ownLine = breaks > 0;
      blank = breaks > 1;
      continue;
    }
    const s = sql.slice(t.start, t.end);
    const keepBlank = blank && inStatement;
    if (t.type === 'comment') {
      const next = placements[si];
      if (ownLine || afterLineComment) {
        if (gapPending) newline(0, true);
        else newline(next ? (next.brk ?? next.cont) : 0, keepBlank);
        gapPending = false;
        write(s, false);
      } else write(s, space || afterComma);
      afterLineComment = s.startsWith('--');
      afterComma = false;
    } else {
      const p = placements[si];
      if (p.gap && gapPending) newline(0, true);
      else if (p.brk !== null) newline(p.brk, keepBlank);
      else if (afterLineComment) newline(p.cont, keepBlank);
      write(p.upper ? s.toUpperCase() : s, t.type !== 'semicolon' && s !== ',' && (space || afterComma));
      gapPending = t.type === 'semicolon';
      inStatement = !gapPending;
      afterLineComment = false;
      afterComma = s === ',';
      si++;
      if (sig[si - 1] !== t) throw new Unformattable();
    }
    space = ownLine = blank = false;
  }
  // Each line here starts outside any token: a string's or comment's own lines get no base.
  const body = lines.map((l) => (l.trim() === '' ? '' : base + l)).join('\n');
  return /\n\s*$/.test(sql) && body !== '' ? `${body}\n` : body;
}

/**
 * Where in the statement DuckDB says an error is. DuckDB appends the offending line with a caret:
 *
 *     LINE 2: FROM x
 *             ^
 *
 * The line is cut to ~80 columns around the error (with `...` on a cut side) and the caret is
 * placed by display width (wide characters count 2). Syntax errors also say `at or near "X"`.
 *
 * On duckdb-wasm's streaming path (`send`) a parser error arrives as JSON instead:
 * `{"exception_type":"Parser","exception_message":"syntax error at or near \"FROM\"\n\nLINE 3: …",
 * "position":"16"}`; `unpackError` turns it into the text form (`Parser Error: …`) and the
 * character offset DuckDB gives.
 */

/** An error's place in the statement. */
export interface ErrorPosition {
  /** Offset in the statement text. */
  readonly offset: number;
  /** Characters to underline (at least 1). */
  readonly length: number;
  /** 1-based line in the statement. */
  readonly line: number;
}

const LINE_RE = /LINE (\d+): (.*)\n( *)\^/;
const NEAR_RE = /at or near "((?:[^"]|"")*)"/;

/** An error message as DuckDB prints it, with the offset DuckDB gives (in bytes of UTF-8), if any. */
export interface UnpackedError {
  readonly message: string;
  readonly position: number | null;
}

/** Unpacks DuckDB's JSON error form; any other message comes back as it is. */
export function unpackError(raw: string): UnpackedError {
  const text = raw.trim();
  if (!text.startsWith('{')) return { message: raw, position: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: raw, position: null };
  }
  const o = parsed as Record<string, unknown>;
  if (!o || typeof o !== 'object' || typeof o.exception_message !== 'string') return { message: raw, position: null };
  const type = typeof o.exception_type === 'string' && o.exception_type ? `${o.exception_type} Error: ` : '';
  const position = Number(o.position);
  return {
    message: type + o.exception_message,
    position: o.position !== undefined && Number.isInteger(position) && position >= 0 ? position : null,
  };
}

/** Finds the error location in `sql` (the statement DuckDB ran), or null when none is given. */
export function errorPosition(raw: string, sql: string): ErrorPosition | null {
  const { message, position } = unpackError(raw);
  const near = NEAR_RE.exec(message)?.[1]?.replace(/""/g, '"') ?? null;
  const m = LINE_RE.exec(message);
  if (m) {
    const lineNo = Number(m[1]);
    const lines = linesOf(sql);
    const line = lines[lineNo - 1];
    if (line) {
      const caret = m[3].length - `LINE ${m[1]}: `.length;
      const offset = line.start + columnInLine(line.text, m[2], caret);
      return { offset, length: tokenLength(sql, offset, near), line: lineNo };
    }
  }
  if (/at end of input/.test(message)) {
    const end = sql.trimEnd().length;
    return { offset: Math.max(0, end - 1), length: 1, line: linesOf(sql.slice(0, end)).length };
  }
  if (position !== null) {
    const offset = indexOfByte(sql, position);
    if (offset < sql.length) return { offset, length: tokenLength(sql, offset, near), line: linesOf(sql.slice(0, offset)).length };
  }
  if (near) {
    const at = findWord(sql, near);
    if (at >= 0) return { offset: at, length: Math.max(1, near.length), line: linesOf(sql.slice(0, at)).length };
  }
  return null;
}

/** Removes DuckDB's repeated context blocks, keeping the message and one LINE/caret block. */
export function tidyMessage(raw: string): string {
  const blocks = unpackError(raw).message.split(/\n\n/);
  const out: string[] = [];
  for (const b of blocks) if (!out.includes(b)) out.push(b);
  return out.join('\n\n').trim();
}

interface Line {
  readonly start: number;
  readonly text: string;
}

/** Lines as DuckDB counts them: `\r` and `\n` each end a line. */
function linesOf(sql: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= sql.length; i++) {
    if (i === sql.length || sql[i] === '\n' || sql[i] === '\r') {
      out.push({ start, text: sql.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

/** Maps the caret's display column inside DuckDB's (possibly cut) snippet to an index in the line. */
function columnInLine(line: string, snippet: string, caret: number): number {
  let body = snippet;
  let base = 0;
  let width = caret;
  if (body.startsWith('...') && !line.startsWith(body.replace(/\.\.\.$/, ''))) {
    body = body.slice(3);
    width -= 3;
    let found = line.indexOf(body);
    if (found < 0 && body.endsWith('...')) found = line.indexOf(body.slice(0, -3));
    base = Math.max(0, found);
  }
  let index = base;
  let acc = 0;
  for (const g of graphemes(line.slice(base))) {
    if (acc >= width) break;
    acc += displayWidth(g);
    index += g.length;
  }
  return Math.min(index, line.length);
}

function graphemes(text: string): string[] {
  const Seg = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Seg) return Array.from(new Seg(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  return Array.from(text);
}

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** Terminal display width of one grapheme, as DuckDB's utf8proc computes it (approximately). */
function displayWidth(g: string): number {
  return WIDE.test(g) ? 2 : 1;
}

function tokenLength(sql: string, offset: number, near: string | null): number {
  if (near && sql.slice(offset, offset + near.length).toLowerCase() === near.toLowerCase()) {
    return Math.max(1, near.length);
  }
  const ch = sql[offset];
  if (ch === '"' || ch === "'") {
    const close = sql.indexOf(ch, offset + 1);
    return close < 0 ? 1 : close - offset + 1;
  }
  let end = offset;
  while (end < sql.length && /[\p{L}\p{N}_$]/u.test(sql[end])) end++;
  return Math.max(1, end - offset);
}

/** The string index of the character at UTF-8 byte offset `byte` (DuckDB counts bytes). */
function indexOfByte(sql: string, byte: number): number {
  let bytes = 0;
  let i = 0;
  while (i < sql.length && bytes < byte) {
    const cp = sql.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

function findWord(sql: string, word: string): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(/^\w/.test(word) ? `(?<![\\w$])${escaped}(?![\\w$])` : escaped, 'i');
  return re.exec(sql)?.index ?? -1;
}

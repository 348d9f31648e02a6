/**
 * Cuts decoded CSV text, arriving in arbitrary chunks, into pieces that hold whole records, so
 * that several parsers can work on one file at once. A piece ends right after a newline that
 * is outside any quoted field; each piece carries the physical line number it starts on.
 *
 * Quotes follow RFC 4180 as papaparse reads them: a quote opens a quoted field only at the
 * start of a field, `""` inside it is a literal quote, and any other quote closes it. A stray
 * quote inside an unquoted field (`6" pipe`) is text. Only a malformed quoted field (one that is
 * closed and then goes on) can make the cut differ from where a single parser would have
 * continued; its record is then rejected for its field count, as it would have been anyway.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export interface Piece {
  /** Whole records (the last piece of a file may lack its final newline). */
  readonly text: string;
  /** Physical line number (1-based) of the piece's first character. */
  readonly firstLine: number;
}

export class RecordSplitter {
  private pending = '';
  /** How far `pending` has been scanned. */
  private scanned = 0;
  private inQuote = false;
  /** Index in `pending` just after the last newline seen outside quotes, or 0. */
  private lastCut = 0;
  /** Index just after the first such newline, or 0. */
  private firstCut = 0;
  private nextLine = 1;

  /**
   * @param target pieces are cut once at least this many characters of whole records wait
   * @param maxRecordChars a record longer than this is an error (an unclosed quote, or not CSV)
   * @param onTooLong called with the line number where such a record starts; must throw
   */
  constructor(
    private readonly target: number,
    private readonly maxRecordChars: number,
    private readonly onTooLong: (line: number) => never,
  ) {}

  /** Characters waiting for the rest of their record. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Adds text without cutting (see takeRecord). */
  append(text: string): void {
    if (text) this.pending += text;
    this.scan();
    if (this.pending.length - this.lastCut > this.maxRecordChars) this.onTooLong(this.nextLine + countLines(this.pending, 0, this.lastCut));
  }

  /** Adds text; returns the pieces that are complete (one piece of many records, or none). */
  push(text: string): Piece[] {
    this.append(text);
    return this.lastCut >= this.target ? [this.cut(this.lastCut)] : [];
  }

  /** The next single record (with its newline), when one is complete: for the header. */
  takeRecord(): Piece | null {
    this.scan();
    return this.firstCut > 0 ? this.cut(this.firstCut) : null;
  }

  /** Everything left, at the end of the file. */
  end(): Piece | null {
    if (!this.pending) return null;
    const piece = { text: this.pending, firstLine: this.nextLine };
    this.pending = '';
    this.scanned = this.lastCut = this.firstCut = 0;
    return piece;
  }

  private cut(at: number): Piece {
    const text = this.pending.slice(0, at);
    const piece = { text, firstLine: this.nextLine };
    this.nextLine += countLines(text, 0, text.length);
    this.pending = this.pending.slice(at);
    this.scanned -= at;
    this.firstCut = 0;
    this.lastCut = 0;
    // Newlines after the cut were scanned already: scan that (usually short) rest again, from
    // the record boundary just cut at, to find them.
    const end = this.scanned;
    this.scanned = 0;
    this.inQuote = false;
    this.scanUntil(end);
    return piece;
  }

  private scan(): void {
    this.scanUntil(this.pending.length);
  }

  /** Scans pending[scanned, end), tracking quote state and the newlines outside quotes. */
  private scanUntil(end: number): void {
    const s = this.pending;
    let p = this.scanned;
    while (p < end) {
      if (!this.inQuote) {
        let q = s.indexOf('"', p);
        if (q >= end) q = -1;
        const stop = q < 0 ? end : q;
        const nl = stop > p ? s.lastIndexOf('\n', stop - 1) : -1;
        if (nl >= p) {
          if (this.firstCut === 0) this.firstCut = s.indexOf('\n', p) + 1;
          this.lastCut = nl + 1;
        }
        if (q < 0) {
          p = end;
          break;
        }
        const prev = q === 0 ? LF : s.charCodeAt(q - 1);
        if (prev === COMMA || prev === LF || prev === CR) this.inQuote = true;
        p = q + 1;
      } else {
        const q = s.indexOf('"', p);
        if (q < 0 || q >= end) {
          p = end;
          break;
        }
        if (q + 1 >= end) {
          // A quote at the very end: `""` or a closing quote? Decide when more text arrives.
          if (end === s.length) {
            p = q;
            break;
          }
        }
        if (s.charCodeAt(q + 1) === QUOTE) p = q + 2;
        else {
          this.inQuote = false;
          p = q + 1;
        }
      }
    }
    this.scanned = p;
  }
}

/**
 * Index of the first newline outside quotes in `text`, which starts at a record, or -1 when
 * there is none (the quote rules of RecordSplitter). Reads only as far as that newline.
 */
export function firstRecordEnd(text: string): number {
  let p = 0;
  let nl = text.indexOf('\n');
  for (;;) {
    const q = text.indexOf('"', p);
    if (q < 0 || (nl >= 0 && nl < q)) return nl;
    p = q + 1;
    const prev = q === 0 ? LF : text.charCodeAt(q - 1);
    if (prev !== COMMA && prev !== LF && prev !== CR) continue;
    // A quoted field: on after its closing quote (`""` inside it is a literal quote).
    for (;;) {
      const close = text.indexOf('"', p);
      if (close < 0) return -1;
      p = close + 1;
      if (text.charCodeAt(p) !== QUOTE) break;
      p++;
    }
    if (nl >= 0 && nl < p) nl = text.indexOf('\n', p);
  }
}

/** Number of LF characters in s[from, to). */
export function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

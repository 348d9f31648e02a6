/**
 * Cuts CSV bytes, arriving in arbitrary chunks, into pieces that hold whole records, so that
 * several parsers can decode and parse one file at once. A piece ends right after a newline
 * that is outside any quoted field; each piece carries the physical line number it starts on.
 *
 * Quotes follow RFC 4180 as papaparse reads them: a quote opens a quoted field only at the
 * start of a field, `""` inside it is a literal quote, and any other quote closes it. A stray
 * quote inside an unquoted field (`6" pipe`) is text. Only a malformed quoted field (one that is
 * closed and then goes on) can make the cut differ from where a single parser would have
 * continued; its record is then rejected for its field count, as it would have been anyway.
 */

import { concatBytes } from './bytes';

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

/**
 * A piece as bytes, before decoding. Cutting bytes cuts the text at the same places: quotes,
 * commas and newlines are single ASCII bytes in UTF-8 and in Windows-1252, and no byte of a
 * multi-byte UTF-8 sequence is ASCII.
 */
export interface BytePiece {
  /** Whole records (the last piece of a file may lack its final newline); its own buffer. */
  readonly bytes: Uint8Array;
  /** Physical line number (1-based) of the piece's first byte. */
  readonly firstLine: number;
  /** Offset of its first byte in the decompressed file. */
  readonly offset: number;
}

const EMPTY = new Uint8Array(0);

export class RecordSplitter {
  /**
   * The bytes not yet cut, as the chunks they arrived in: copied into one buffer only when a
   * piece is cut. (Appending each chunk to one growing string made V8 copy it at every chunk,
   * which cost more than parsing: ~4 s of 115 MB in 64 KB chunks.)
   */
  private chunks: Uint8Array[] = [];
  /** Bytes in `chunks`. */
  private pending = 0;
  private inQuote = false;
  /** The last chunk ended on a quote inside a quoted field: `""` or a closing quote, decided by the next byte. */
  private quoteAtEnd = false;
  /** The last byte scanned, LF at the start (a piece starts at a record). */
  private last = LF;
  /** Offset in the pending bytes just after the last newline seen outside quotes, or 0. */
  private lastCut = 0;
  /** Offset just after the first such newline, or 0. */
  private firstCut = 0;
  private nextLine = 1;
  /** Offset in the file of the first pending byte. */
  private offset = 0;

  /**
   * @param target pieces are cut once at least this many bytes of whole records wait
   * @param maxRecordBytes a record longer than this is an error (an unclosed quote, or not CSV)
   * @param onTooLong called with the line number where such a record starts; must throw
   */
  constructor(
    private readonly target: number,
    private readonly maxRecordBytes: number,
    private readonly onTooLong: (line: number) => never,
  ) {}

  /** Bytes waiting for the rest of their record. */
  get waiting(): number {
    return this.pending;
  }

  /** Adds bytes without cutting (see takeRecord). The chunk must not change afterwards. */
  append(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.scanChunk(bytes, this.pending);
    this.chunks.push(bytes);
    this.pending += bytes.length;
    if (this.pending - this.lastCut > this.maxRecordBytes) this.onTooLong(this.nextLine + countLineBytes(concatBytes(this.chunks), 0, this.lastCut));
  }

  /** Adds bytes; returns the pieces that are complete (one piece of many records, or none). */
  push(bytes: Uint8Array): BytePiece[] {
    this.append(bytes);
    return this.lastCut >= this.target ? [this.cut(this.lastCut)] : [];
  }

  /** The next single record (with its newline), when one is complete: for the header. */
  takeRecord(): BytePiece | null {
    return this.firstCut > 0 ? this.cut(this.firstCut) : null;
  }

  /** Everything left, at the end of the file. */
  end(): BytePiece | null {
    if (!this.pending) return null;
    const piece = { bytes: concatBytes(this.chunks), firstLine: this.nextLine, offset: this.offset };
    this.offset += this.pending;
    this.reset(EMPTY);
    return piece;
  }

  private cut(at: number): BytePiece {
    const all = concatBytes(this.chunks);
    const bytes = all.subarray(0, at);
    const piece = { bytes, firstLine: this.nextLine, offset: this.offset };
    this.nextLine += countLineBytes(bytes, 0, bytes.length);
    this.offset += at;
    // What follows the cut was scanned already: scan it again from the record boundary just cut
    // at (for a piece, the rest of one record), to find its newlines. It is copied, since the
    // piece's buffer goes to a parse worker, which detaches it.
    this.reset(at < all.length ? all.slice(at) : EMPTY);
    return piece;
  }

  /** Starts over at a record boundary with `rest` pending. */
  private reset(rest: Uint8Array): void {
    this.chunks = [];
    this.pending = 0;
    this.inQuote = this.quoteAtEnd = false;
    this.last = LF;
    this.lastCut = this.firstCut = 0;
    this.append(rest);
  }

  /** Scans chunk `s`, which starts at offset `base` of the pending bytes: quote state and the newlines outside quotes. */
  private scanChunk(s: Uint8Array, base: number): void {
    const end = s.length;
    let p = 0;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (s[0] === QUOTE) p = 1;
      else this.inQuote = false;
    }
    while (p < end) {
      if (!this.inQuote) {
        const q = s.indexOf(QUOTE, p);
        const stop = q < 0 ? end : q;
        const nl = stop > p ? s.lastIndexOf(LF, stop - 1) : -1;
        if (nl >= p) {
          if (this.firstCut === 0) this.firstCut = base + s.indexOf(LF, p) + 1;
          this.lastCut = base + nl + 1;
        }
        if (q < 0) break;
        const prev = q === 0 ? this.last : s[q - 1];
        if (prev === COMMA || prev === LF || prev === CR) this.inQuote = true;
        p = q + 1;
      } else {
        const q = s.indexOf(QUOTE, p);
        if (q < 0) break;
        if (q + 1 >= end) {
          this.quoteAtEnd = true;
          break;
        }
        if (s[q + 1] === QUOTE) p = q + 2;
        else {
          this.inQuote = false;
          p = q + 1;
        }
      }
    }
    this.last = s[end - 1];
  }
}

/** Number of LF bytes in bytes[from, to). */
function countLineBytes(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < to; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
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

/**
 * Streaming text decoding of the CSV bytes: UTF-8 (with or without a byte-order mark), or
 * Windows-1252 when the bytes are not valid UTF-8. Denver's yearly 311 files come in both.
 */
import { decodeWindows1252, firstInvalidUtf8, incompleteTailLength } from './utf8';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Decodes a byte stream chunk by chunk; never throws on bad bytes.
 *
 * The choice is made at the first non-ASCII byte (everything before it reads the same in
 * both encodings): a well-formed UTF-8 sequence keeps UTF-8, anything else selects
 * Windows-1252 for the whole stream. If an invalid byte only shows up after real UTF-8 text
 * (a "late" switch), the text before it stays UTF-8 and the rest is read as Windows-1252;
 * `switchedAt` then holds the byte offset, so the caller can warn. A UTF-8 sequence split
 * across chunks is held back until its remaining bytes arrive.
 */
export class StreamDecoder {
  private readonly fatal = new TextDecoder('utf-8', { fatal: true });
  private mode: 'utf-8' | 'windows-1252' = 'utf-8';
  private bom = false;
  private headChecked = false;
  private pending: Uint8Array = EMPTY;
  private nonAsciiSeen = false;
  private consumed = 0;
  private lateSwitch: number | null = null;

  // The contract asks for a no-argument constructor; state lives in the fields above.
  constructor() {}

  /** Encoding in use: `utf-8-bom` when the stream began with a BOM, `windows-1252` once switched. */
  get encoding(): TextEncodingName {
    if (this.mode === 'windows-1252') return 'windows-1252';
    return this.bom ? 'utf-8-bom' : 'utf-8';
  }

  /**
   * Byte offset (after any BOM) where a stream that had already produced non-ASCII UTF-8 text
   * switched to Windows-1252, or null when no late switch happened.
   */
  get switchedAt(): number | null {
    return this.lateSwitch;
  }

  /** Decodes the next chunk; may return '' while bytes are held back. */
  push(bytes: Uint8Array): string {
    return this.decode(bytes, false);
  }

  /** Flushes held-back bytes at the end of the stream. */
  end(): string {
    return this.decode(EMPTY, true);
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    let data = this.pending.length > 0 ? concat(this.pending, bytes) : bytes;
    this.pending = EMPTY;
    if (!this.headChecked) {
      if (data.length < 3 && !final) {
        this.pending = data.slice();
        return '';
      }
      this.headChecked = true;
      if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.bom = true;
        data = data.subarray(3);
      }
    }
    if (data.length === 0) return '';
    if (this.mode === 'windows-1252') {
      this.consumed += data.length;
      return decodeWindows1252(data);
    }
    const tail = final ? 0 : incompleteTailLength(data);
    const body = tail > 0 ? data.subarray(0, data.length - tail) : data;
    if (tail > 0) this.pending = data.slice(data.length - tail);
    try {
      const text = this.fatal.decode(body);
      if (text.length !== body.length) this.nonAsciiSeen = true;
      this.consumed += body.length;
      return text;
    } catch {
      return this.switchAt(data, firstInvalidUtf8(body));
    }
  }

  /** Decodes data[0, bad) as UTF-8 and everything after (including held-back bytes) as 1252. */
  private switchAt(data: Uint8Array, bad: number): string {
    const prefix = bad > 0 ? this.fatal.decode(data.subarray(0, bad)) : '';
    if (prefix.length !== bad) this.nonAsciiSeen = true;
    if (this.nonAsciiSeen) this.lateSwitch = this.consumed + bad;
    this.mode = 'windows-1252';
    this.pending = EMPTY;
    this.consumed += data.length;
    return prefix + decodeWindows1252(data.subarray(bad));
  }
}

/** How much of a file `looksBinary` needs to see. */
export const BINARY_SNIFF_BYTES = 64 * 1024;

/**
 * True when the sample is not text: it holds NUL bytes, starts with a zip/gzip signature,
 * or more than 10% of its bytes are control characters other than tab, CR, LF, FF.
 */
export function looksBinary(sample: Uint8Array): boolean {
  const n = Math.min(sample.length, BINARY_SNIFF_BYTES);
  if (n === 0) return false;
  if (n >= 4 && sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 3 && sample[3] === 4) return true;
  if (n >= 2 && sample[0] === 0x1f && sample[1] === 0x8b) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return control * 10 > n;
}

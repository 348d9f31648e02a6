/**
 * Streaming text decoding of the CSV bytes: UTF-8 (with or without a byte-order mark), or
 * Windows-1252 when the bytes are not valid UTF-8. Denver's yearly 311 files come in both.
 */
import { concatBytes } from './bytes';
import { decodeWindows1252, firstInvalidUtf8, incompleteTailLength } from './utf8';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** What a piece of a file is decoded as, once its encoding is known (see EncodingSniffer). */
export type DecodeMode = 'utf-8' | 'windows-1252';

const EMPTY = new Uint8Array(0);

/**
 * Decodes a byte stream chunk by chunk; never throws on bad bytes.
 *
 * The choice is made at the first non-ASCII byte (everything before it reads the same in
 * both encodings): a well-formed UTF-8 sequence keeps UTF-8, anything else selects
 * Windows-1252 for the whole stream. Once UTF-8 is established, a byte that is not part of a
 * well-formed sequence is read alone as Windows-1252 and UTF-8 goes on after it, so one bad
 * byte garbles one character, not the rest of the file; `invalidBytes` and `firstInvalidAt`
 * say how many and where, for the load's note. A UTF-8 sequence split across chunks is held
 * back until its remaining bytes arrive.
 */
export class StreamDecoder {
  private readonly fatal = new TextDecoder('utf-8', { fatal: true });
  private mode: DecodeMode = 'utf-8';
  private bom = false;
  private headChecked = false;
  private pending: Uint8Array = EMPTY;
  private nonAsciiSeen = false;
  private consumed = 0;
  /** Bytes of a UTF-8 stream that were not UTF-8 and were read as Windows-1252. */
  invalidBytes = 0;
  /** Byte offset in the file of the first of them, or null. */
  firstInvalidAt: number | null = null;

  // The contract asks for a no-argument constructor; state lives in the fields above.
  constructor() {}

  /**
   * A decoder for one piece of a file whose encoding an EncodingSniffer has decided (or that is
   * ASCII so far): UTF-8 established, so a bad byte is read alone as Windows-1252, or
   * Windows-1252. `offset` is the piece's offset in the file, for `firstInvalidAt`.
   */
  static forPiece(mode: DecodeMode, offset: number): StreamDecoder {
    const d = new StreamDecoder();
    d.mode = mode;
    d.headChecked = true;
    d.nonAsciiSeen = true;
    d.consumed = offset;
    return d;
  }

  /** Decodes bytes that end where the stream does, or at a newline: nothing is held back. */
  decodeAll(bytes: Uint8Array): string {
    return this.decode(bytes, true);
  }

  /** Encoding in use: `utf-8-bom` when the stream began with a BOM, `windows-1252` once chosen. */
  get encoding(): TextEncodingName {
    if (this.mode === 'windows-1252') return 'windows-1252';
    return this.bom ? 'utf-8-bom' : 'utf-8';
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
    let data = this.pending.length > 0 ? concatBytes([this.pending, bytes]) : bytes;
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
      return this.decodeInvalid(body, data);
    }
  }

  /**
   * `body` (the part of `data` before any held-back tail) holds a byte that is not UTF-8. Before
   * any non-ASCII UTF-8 was seen, the stream is Windows-1252 from here on (the text before is
   * ASCII, the same in both); after, each bad byte is read alone as Windows-1252.
   */
  private decodeInvalid(body: Uint8Array, data: Uint8Array): string {
    let out = '';
    let from = 0;
    for (;;) {
      const bad = from + firstInvalidUtf8(body.subarray(from));
      const prefix = this.fatal.decode(body.subarray(from, bad));
      if (prefix.length !== bad - from) this.nonAsciiSeen = true;
      out += prefix;
      if (!this.nonAsciiSeen) {
        this.mode = 'windows-1252';
        this.pending = EMPTY;
        this.consumed += data.length;
        return out + decodeWindows1252(data.subarray(bad));
      }
      this.firstInvalidAt ??= this.consumed + bad + (this.bom ? 3 : 0);
      this.invalidBytes++;
      out += decodeWindows1252(body.subarray(bad, bad + 1));
      from = bad + 1;
      if (firstInvalidUtf8(body.subarray(from)) === body.length - from) break;
    }
    this.consumed += body.length;
    return out + this.fatal.decode(body.subarray(from));
  }
}

/**
 * Decides a file's encoding as StreamDecoder does, from its pieces in file order, without
 * decoding them: at the first non-ASCII byte, a well-formed UTF-8 sequence keeps UTF-8 and
 * anything else selects Windows-1252. Pieces are then decoded apart (StreamDecoder.forPiece).
 */
export class EncodingSniffer {
  private decided: DecodeMode | null = null;
  /** The file began with a UTF-8 byte-order mark (its piece at offset 0 is given without it). */
  bom = false;

  /** What to decode pieces with: UTF-8 until something else is decided. */
  get mode(): DecodeMode {
    return this.decided ?? 'utf-8';
  }

  get encoding(): TextEncodingName {
    if (this.decided === 'windows-1252') return 'windows-1252';
    return this.bom ? 'utf-8-bom' : 'utf-8';
  }

  /**
   * Looks at the next piece in file order (its bytes complete up to a newline, or to the end of
   * the file); returns it without a byte-order mark at the start of the file.
   */
  observe<P extends { readonly bytes: Uint8Array; readonly offset: number }>(piece: P): P {
    let bytes = piece.bytes;
    if (piece.offset === 0 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.bom = true;
      bytes = bytes.subarray(3);
      piece = { ...piece, bytes, offset: 3 };
    }
    if (this.decided) return piece;
    const n = bytes.length;
    let i = 0;
    while (i < n && bytes[i] < 0x80) i++;
    if (i < n) this.decided = firstInvalidUtf8(bytes.subarray(i, i + 4)) > 0 ? 'utf-8' : 'windows-1252';
    return piece;
  }
}

/** What decoding a piece found: bytes that were not UTF-8 (each read as Windows-1252), and where the first was. */
export interface DecodeCounts {
  readonly invalidBytes: number;
  /** Offset in the file, or null. */
  readonly firstInvalidAt: number | null;
}

/** Decodes a piece at `offset` in the file as `mode` (see StreamDecoder.forPiece), with what it found. */
export function decodePiece(bytes: Uint8Array, offset: number, mode: DecodeMode): DecodeCounts & { text: string } {
  const d = StreamDecoder.forPiece(mode, offset);
  const text = d.decodeAll(bytes);
  return { text, invalidBytes: d.invalidBytes, firstInvalidAt: d.firstInvalidAt };
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

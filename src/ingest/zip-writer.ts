/**
 * Writes a zip of stored (uncompressed) entries as it goes (pure: bytes in, chunks out), an entry
 * at a time, without knowing an entry's size before its end: each entry's local header says its
 * sizes and CRC follow the data (a data descriptor), and the central directory at the end says
 * them again. Sizes, offsets and counts past what 32 (16) bits hold are written as ZIP64, the
 * way Go's archive/zip does it: the descriptor of an entry over 4 GiB carries 8-byte sizes, the
 * directory entry a ZIP64 extra field, and the end a ZIP64 end record and its locator. So an
 * archive grows as far as the store does; readers that go by the central directory (unzip,
 * Python, 7-Zip, DuckDB's tools, ours in zip-directory.ts) read it.
 */
import { crc32 } from './crc32';
import { SIG } from './zip-directory';

/** The largest values the classic fields hold; above them a value goes to ZIP64 fields. */
export interface ZipLimits {
  readonly u32: number;
  readonly u16: number;
}

const CLASSIC: ZipLimits = { u32: 0xffffffff, u16: 0xffff };

/** Sizes follow the data (bit 3); the name is UTF-8 (bit 11). */
const FLAGS = 0x0008 | 0x0800;
/** Versions 2.0 (stored, descriptors) and 4.5 (ZIP64). */
const V20 = 20;
const V45 = 45;

/** An entry being written: its bytes in order, then end(). */
export interface ZipEntryWriter {
  push(chunk: Uint8Array): void;
  end(): void;
}

interface Written {
  readonly name: Uint8Array;
  readonly offset: number;
  readonly size: number;
  readonly crc: number;
}

/** A little-endian record builder. */
class Record {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(v: number): this {
    this.view.setBigUint64(this.at, BigInt(v), true);
    this.at += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

/** MS-DOS time and date (local fields, two-second steps) of `d`, clamped to 1980. */
export function dosDateTime(d: Date): { time: number; date: number } {
  if (d.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private open = false;
  private finished = false;
  private readonly stamp: { time: number; date: number };
  private readonly encoder = new TextEncoder();
  private readonly limits: ZipLimits;

  /**
   * @param emit takes each chunk as it is written (a pushed chunk is handed on as it is)
   * @param limits where ZIP64 starts (lower only to test it)
   */
  constructor(
    private readonly emit: (chunk: Uint8Array) => void,
    options: { date?: Date; limits?: ZipLimits } = {},
  ) {
    this.stamp = dosDateTime(options.date ?? new Date());
    this.limits = options.limits ?? CLASSIC;
  }

  /** The bytes written so far. */
  get bytes(): number {
    return this.offset;
  }

  private write(chunk: Uint8Array): void {
    this.offset += chunk.length;
    this.emit(chunk);
  }

  /** Starts the next entry (the one before must be ended). */
  entry(name: string): ZipEntryWriter {
    if (this.finished) throw new Error('The zip is finished.');
    if (this.open) throw new Error('The zip entry before is not ended.');
    this.open = true;
    const encoded = this.encoder.encode(name);
    const offset = this.offset;
    this.write(
      new Record(30 + encoded.length)
        .u32(SIG.local).u16(V20).u16(FLAGS).u16(0).u16(this.stamp.time).u16(this.stamp.date)
        .u32(0).u32(0).u32(0).u16(encoded.length).u16(0).raw(encoded).bytes,
    );
    let crc = 0;
    let size = 0;
    let ended = false;
    return {
      push: (chunk) => {
        if (ended) throw new Error(`The zip entry ${name} is ended.`);
        if (!chunk.length) return;
        crc = crc32(chunk, crc);
        size += chunk.length;
        this.write(chunk);
      },
      end: () => {
        if (ended) return;
        ended = true;
        const wide = size >= this.limits.u32;
        const d = new Record(wide ? 24 : 16).u32(SIG.descriptor).u32(crc);
        this.write((wide ? d.u64(size).u64(size) : d.u32(size).u32(size)).bytes);
        this.entries.push({ name: encoded, offset, size, crc });
        this.open = false;
      },
    };
  }

  /** A whole entry at once. */
  file(name: string, bytes: Uint8Array): void {
    const e = this.entry(name);
    e.push(bytes);
    e.end();
  }

  /** Writes the central directory and the end records; the zip's size. */
  finish(): number {
    if (this.open) throw new Error('The last zip entry is not ended.');
    if (this.finished) return this.offset;
    this.finished = true;
    const { u32, u16 } = this.limits;
    const start = this.offset;
    for (const e of this.entries) {
      const bigSize = e.size >= u32;
      const bigOffset = e.offset >= u32;
      const extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
      const r = new Record(46 + e.name.length + (extra ? 4 + extra : 0))
        .u32(SIG.central).u16(V45).u16(extra ? V45 : V20).u16(FLAGS).u16(0).u16(this.stamp.time).u16(this.stamp.date)
        .u32(e.crc).u32(bigSize ? 0xffffffff : e.size).u32(bigSize ? 0xffffffff : e.size)
        .u16(e.name.length).u16(extra ? 4 + extra : 0).u16(0).u16(0).u16(0).u32(0)
        .u32(bigOffset ? 0xffffffff : e.offset).raw(e.name);
      // The ZIP64 extra holds, in this order, only the fields marked 0xFFFFFFFF above.
      if (extra) r.u16(0x0001).u16(extra);
      if (bigSize) r.u64(e.size).u64(e.size);
      if (bigOffset) r.u64(e.offset);
      this.write(r.bytes);
    }
    const size = this.offset - start;
    const count = this.entries.length;
    const wide = count >= u16 || size >= u32 || start >= u32;
    if (wide) {
      const end64 = this.offset;
      this.write(new Record(56).u32(SIG.end64).u64(44).u16(V45).u16(V45).u32(0).u32(0).u64(count).u64(count).u64(size).u64(start).bytes);
      this.write(new Record(20).u32(SIG.locator64).u32(0).u64(end64).u32(1).bytes);
    }
    const n16 = count >= u16 ? 0xffff : count;
    this.write(
      new Record(22)
        .u32(SIG.end).u16(0).u16(0).u16(n16).u16(n16)
        .u32(size >= u32 ? 0xffffffff : size).u32(start >= u32 ? 0xffffffff : start).u16(0).bytes,
    );
    return this.offset;
  }
}

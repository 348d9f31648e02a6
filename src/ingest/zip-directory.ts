/**
 * Reads a zip's central directory (pure: bytes in, entries out), so a large zip can be read an
 * entry at a time from a File without reading it whole (app/zip-file.ts): a stored entry is then
 * a plain slice of the file. Reads ZIP64 (archives and entries over 4 GiB, or of 65,535 entries
 * and more: what zip-writer.ts writes past those limits); an archive over several disks, or
 * anything malformed, is refused with a readable Error.
 */

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's local header starts. */
  readonly headerOffset: number;
}

/** Where the central directory is, as the end-of-directory record says. */
export interface DirectoryLocation {
  readonly offset: number;
  readonly size: number;
  readonly entries: number;
}

/** The records' signatures (zip-writer.ts writes them too). */
export const SIG = {
  local: 0x04034b50,
  descriptor: 0x08074b50,
  central: 0x02014b50,
  end64: 0x06064b50,
  locator64: 0x07064b50,
  end: 0x06054b50,
} as const;
const EOCD_SIZE = 22;
const LOCATOR64_SIZE = 20;
const END64_SIZE = 56;
const ZIP64_EXTRA = 0x0001;
const MAX32 = 0xffffffff;
/** The end record, the longest comment it may be followed by, and the ZIP64 records before it: how much of a file's end to read. */
export const ZIP_TAIL_BYTES = END64_SIZE + LOCATOR64_SIZE + EOCD_SIZE + 0xffff;
/** The fixed part of a local header. */
export const LOCAL_HEADER_BYTES = 30;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Finds the end-of-directory record (and the ZIP64 one it points to) in the last bytes of a file of `fileSize` bytes. */
export function findDirectory(tail: Uint8Array, fileSize: number): DirectoryLocation {
  const v = view(tail);
  const tailStart = fileSize - tail.length;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (v.getUint32(i, true) !== SIG.end) continue;
    // A comment that merely contains the signature: the record must reach the end of the file.
    if (i + EOCD_SIZE + v.getUint16(i + 20, true) !== tail.length) continue;
    if (v.getUint16(i + 4, true) !== 0 || v.getUint16(i + 6, true) !== 0) throw new Error('The zip spans several disks.');
    let entries = v.getUint16(i + 10, true);
    let size = v.getUint32(i + 12, true);
    let offset = v.getUint32(i + 16, true);
    // Where the directory must end: the ZIP64 end record when there is one, else this record.
    let end = tailStart + i;
    const locator = i - LOCATOR64_SIZE;
    if ((entries === 0xffff || size === MAX32 || offset === MAX32) && locator >= 0 && v.getUint32(locator, true) === SIG.locator64) {
      if (v.getUint32(locator + 16, true) > 1) throw new Error('The zip spans several disks.');
      const at64 = Number(v.getBigUint64(locator + 8, true));
      const j = at64 - tailStart;
      if (j < 0 || j + END64_SIZE > locator || v.getUint32(j, true) !== SIG.end64) throw new Error('The zip is damaged: its ZIP64 end record is missing.');
      if (v.getUint32(j + 16, true) !== 0 || v.getUint32(j + 20, true) !== 0) throw new Error('The zip spans several disks.');
      entries = Number(v.getBigUint64(j + 32, true));
      size = Number(v.getBigUint64(j + 40, true));
      offset = Number(v.getBigUint64(j + 48, true));
      end = at64;
    }
    if (offset + size > end) throw new Error('The zip is damaged: its directory points past its end.');
    return { offset, size, entries };
  }
  throw new Error('This is not a zip (no end-of-directory record).');
}

/**
 * The 64-bit values of a directory entry's ZIP64 extra field, for the fields its 32-bit ones
 * mark (0xFFFFFFFF), in the order the format sets: size, compressed size, header offset.
 */
function zip64Values(v: DataView, at: number, length: number, wanted: number): number[] {
  for (let p = at; p + 4 <= at + length; ) {
    const id = v.getUint16(p, true);
    const n = v.getUint16(p + 2, true);
    if (id === ZIP64_EXTRA) {
      if (n < wanted * 8 || p + 4 + n > at + length) break;
      return Array.from({ length: wanted }, (_, k) => Number(v.getBigUint64(p + 4 + k * 8, true)));
    }
    p += 4 + n;
  }
  throw new Error('The zip is damaged: an entry over 4 GiB lacks its ZIP64 sizes.');
}

/** The entries of a central directory's bytes. */
export function parseDirectory(bytes: Uint8Array, expected: number): ZipEntry[] {
  const v = view(bytes);
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= bytes.length && v.getUint32(at, true) === SIG.central) {
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = v.getUint32(at + 20, true);
    let size = v.getUint32(at + 24, true);
    let headerOffset = v.getUint32(at + 42, true);
    const marked = [size, compressedSize, headerOffset].filter((x) => x === MAX32).length;
    if (marked) {
      const wide = zip64Values(v, at + 46 + nameLength, extraLength, marked);
      if (size === MAX32) size = wide.shift()!;
      if (compressedSize === MAX32) compressedSize = wide.shift()!;
      if (headerOffset === MAX32) headerOffset = wide.shift()!;
    }
    const entry: ZipEntry = { method: v.getUint16(at + 10, true), compressedSize, size, headerOffset, name };
    out.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (out.length !== expected) throw new Error(`The zip is damaged: its directory lists ${out.length} of ${expected} entries.`);
  return out;
}

/** Where an entry's data starts, from the fixed part of its local header (LOCAL_HEADER_BYTES). */
export function dataOffset(localHeader: Uint8Array, entry: ZipEntry): number {
  const v = view(localHeader);
  if (localHeader.length < LOCAL_HEADER_BYTES || v.getUint32(0, true) !== SIG.local) throw new Error(`The zip is damaged: no header for ${entry.name}.`);
  return entry.headerOffset + LOCAL_HEADER_BYTES + v.getUint16(26, true) + v.getUint16(28, true);
}

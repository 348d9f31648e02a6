/**
 * Reads a zip's central directory (pure: bytes in, entries out), so a large zip can be read an
 * entry at a time from a File without reading it whole (app/zip-file.ts): a stored entry is then
 * a plain slice of the file. Covers what zip writers produce for files under 4 GiB (no ZIP64,
 * one disk); anything else is refused with a readable Error.
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

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
/** The end record and the longest comment it may be followed by: how much of a file's end to read. */
export const ZIP_TAIL_BYTES = EOCD_SIZE + 0xffff;
/** The fixed part of a local header. */
export const LOCAL_HEADER_BYTES = 30;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Finds the end-of-directory record in the last bytes of a file of `fileSize` bytes. */
export function findDirectory(tail: Uint8Array, fileSize: number): DirectoryLocation {
  const v = view(tail);
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (v.getUint32(i, true) !== EOCD) continue;
    // A comment that merely contains the signature: the record must reach the end of the file.
    if (i + EOCD_SIZE + v.getUint16(i + 20, true) !== tail.length) continue;
    const entries = v.getUint16(i + 10, true);
    const size = v.getUint32(i + 12, true);
    const offset = v.getUint32(i + 16, true);
    if (v.getUint16(i + 4, true) !== 0 || v.getUint16(i + 6, true) !== 0) throw new Error('The zip spans several disks.');
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new Error('The zip is a ZIP64 archive (over 4 GiB), which cannot be read here.');
    const start = fileSize - tail.length + i;
    if (offset + size > start) throw new Error('The zip is damaged: its directory points past its end.');
    return { offset, size, entries };
  }
  throw new Error('This is not a zip (no end-of-directory record).');
}

/** The entries of a central directory's bytes. */
export function parseDirectory(bytes: Uint8Array, expected: number): ZipEntry[] {
  const v = view(bytes);
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= bytes.length && v.getUint32(at, true) === CENTRAL) {
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const entry: ZipEntry = {
      method: v.getUint16(at + 10, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      headerOffset: v.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.headerOffset === 0xffffffff)
      throw new Error(`The zip's entry ${entry.name} is over 4 GiB (ZIP64), which cannot be read here.`);
    out.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (out.length !== expected) throw new Error(`The zip is damaged: its directory lists ${out.length} of ${expected} entries.`);
  return out;
}

/** Where an entry's data starts, from the fixed part of its local header (LOCAL_HEADER_BYTES). */
export function dataOffset(localHeader: Uint8Array, entry: ZipEntry): number {
  const v = view(localHeader);
  if (localHeader.length < LOCAL_HEADER_BYTES || v.getUint32(0, true) !== LOCAL) throw new Error(`The zip is damaged: no header for ${entry.name}.`);
  return entry.headerOffset + LOCAL_HEADER_BYTES + v.getUint16(26, true) + v.getUint16(28, true);
}

import { strToU8, unzipSync, zipSync } from 'fflate';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BlobParts } from '../../../src/app/blob-sink';
import { BlobZip, openZip } from '../../../src/app/zip-file';
import { concatBytes } from '../../../src/ingest/bytes';
import { crc32 } from '../../../src/ingest/crc32';
import { ZipWriter } from '../../../src/ingest/zip-writer';
import { ZIP_TAIL_BYTES, findDirectory, parseDirectory } from '../../../src/ingest/zip-directory';

const text = async (b: Blob | null) => (b ? new TextDecoder().decode(new Uint8Array(await b.arrayBuffer())) : null);
const big = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);

/** A zip written as exportBackup writes one (BlobZip: streamed, stored entries with data descriptors). */
async function streamedZip(files: Record<string, Uint8Array[]>, comment = ''): Promise<Uint8Array> {
  const parts = new BlobParts();
  const zip = new BlobZip(parts);
  for (const [name, pieces] of Object.entries(files)) {
    const entry = zip.entry(name);
    for (const p of pieces) entry.push(p);
    entry.end();
  }
  const size = zip.finish();
  const blob = parts.blob('application/zip');
  expect(blob.type).toBe('application/zip');
  expect(blob.size).toBe(size);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (!comment) return bytes;
  // A comment after the end record (its length in the record's last two bytes).
  const c = strToU8(comment);
  const withComment = concatBytes([bytes, c]);
  new DataView(withComment.buffer).setUint16(bytes.length - 2, c.length, true);
  return withComment;
}

describe('ingest/zip-directory and app/zip-file: a zip written and read an entry at a time', () => {
  it('writes a zip any reader reads, and reads it back as slices of the file', async () => {
    const bytes = await streamedZip({ 'a.parquet': [big.subarray(0, 70_000), big.subarray(70_000)], 'ü/b.json': [strToU8('{"b":1}')], 'empty.bin': [] });
    const zip = await openZip(new Blob([bytes as BlobPart]));
    expect(zip.names).toEqual(['a.parquet', 'ü/b.json', 'empty.bin']);
    expect(unzipSync(bytes)['a.parquet']).toEqual(big);
    expect(new Uint8Array(await (await zip.entry('a.parquet'))!.arrayBuffer())).toEqual(big);
    expect(await text(await zip.entry('ü/b.json'))).toBe('{"b":1}');
    expect((await zip.entry('empty.bin'))!.size).toBe(0);
    expect(await zip.entry('missing')).toBeNull();
  });

  it('inflates deflated entries, and finds the directory behind a comment that contains its signature', async () => {
    const bytes = zipSync({ 'x.txt': strToU8('hello '.repeat(1000)), 'y.bin': [big, { level: 0 }] }, { level: 6 });
    const zip = await openZip(new Blob([bytes as BlobPart]));
    expect(await text(await zip.entry('x.txt'))).toBe('hello '.repeat(1000));
    expect(new Uint8Array(await (await zip.entry('y.bin'))!.arrayBuffer())).toEqual(big);
    const commented = await streamedZip({ 'c.txt': [strToU8('see')] }, 'PK\x05\x06 not a record');
    expect(await text(await (await openZip(new Blob([commented as BlobPart]))).entry('c.txt'))).toBe('see');
  });

  it('writes ZIP64 past the classic limits (lowered here) and reads it back, as fflate does', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new ZipWriter((c) => chunks.push(c.slice()), { limits: { u32: 100_000, u16: 3 }, date: new Date(2026, 10, 30, 12, 34, 56) });
    zip.file('small.txt', strToU8('first'));
    const e = zip.entry('big.bin');
    e.push(big.subarray(0, 123_456));
    e.push(big.subarray(123_456));
    e.end();
    zip.file('after.txt', strToU8('at an offset past the limit'));
    zip.file('ü.json', strToU8('{}'));
    const total = zip.finish();
    const bytes = concatBytes(chunks);
    expect(bytes.length).toBe(total);
    // The end record's fields are marked; the ZIP64 end record and its locator sit before it.
    const v = new DataView(bytes.buffer);
    expect(v.getUint16(bytes.length - 12, true)).toBe(0xffff);
    expect(v.getUint32(bytes.length - 22 - 20, true)).toBe(0x07064b50);
    expect(v.getUint32(bytes.length - 22 - 20 - 56, true)).toBe(0x06064b50);
    // Another reader agrees.
    const other = unzipSync(bytes);
    expect(Object.keys(other)).toEqual(['small.txt', 'big.bin', 'after.txt', 'ü.json']);
    expect(other['big.bin']).toEqual(big);
    expect(new TextDecoder().decode(other['after.txt'])).toBe('at an offset past the limit');
    // Ours, from the directory: sizes and offsets from the ZIP64 extra fields.
    const read = await openZip(new Blob([bytes as BlobPart]));
    expect(read.names).toEqual(['small.txt', 'big.bin', 'after.txt', 'ü.json']);
    expect(new Uint8Array(await (await read.entry('big.bin'))!.arrayBuffer())).toEqual(big);
    expect(await text(await read.entry('after.txt'))).toBe('at an offset past the limit');
    expect(await text(await read.entry('ü.json'))).toBe('{}');
  });

  it('checks each entry with the CRC-32 zlib computes, over chunks of any length', () => {
    const data = new Uint8Array(100_003).map((_, i) => (i * 2654435761) >>> 24);
    expect(crc32(data)).toBe(zlib.crc32(data));
    let crc = 0;
    for (let at = 0; at < data.length; at += 4_097) crc = crc32(data.subarray(at, at + 4_097), crc);
    expect(crc).toBe(zlib.crc32(data));
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses to start an entry before the last ended, or to write after the end', () => {
    const zip = new ZipWriter(() => undefined);
    const e = zip.entry('a');
    expect(() => zip.entry('b')).toThrow(/not ended/);
    expect(() => zip.finish()).toThrow(/not ended/);
    e.end();
    expect(() => e.push(strToU8('x'))).toThrow(/is ended/);
    zip.finish();
    expect(() => zip.entry('c')).toThrow(/finished/);
  });

  it('refuses what is not a zip, a cut zip and a directory that lies, with readable errors', async () => {
    await expect(openZip(new Blob(['name,value\n1,2\n']))).rejects.toThrow(/not a zip/);
    const bytes = await streamedZip({ 'a.bin': [big] });
    // The first 100 kB lost: the directory now points past the file's start.
    await expect(openZip(new Blob([bytes.subarray(100_000) as BlobPart]))).rejects.toThrow(/damaged/);
    const tail = bytes.subarray(Math.max(0, bytes.length - ZIP_TAIL_BYTES));
    const where = findDirectory(tail, bytes.length);
    expect(() => parseDirectory(bytes.subarray(where.offset, where.offset + where.size), 2)).toThrow(/lists 1 of 2/);
    // Marked as ZIP64 with no ZIP64 records: the marked value is taken as it is, and points past the end.
    const marked = bytes.slice();
    new DataView(marked.buffer).setUint32(marked.length - 6, 0xffffffff, true);
    expect(() => findDirectory(marked.subarray(marked.length - 22), marked.length)).toThrow(/points past its end/);
  });
});

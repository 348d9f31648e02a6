import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BlobZip, openZip } from '../../../src/app/zip-file';
import { concatBytes } from '../../../src/ingest/bytes';
import { ZIP_TAIL_BYTES, findDirectory, parseDirectory } from '../../../src/ingest/zip-directory';

const text = async (b: Blob | null) => (b ? new TextDecoder().decode(new Uint8Array(await b.arrayBuffer())) : null);
const big = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);

/** A zip written as exportBackup writes one (BlobZip: streamed, stored entries with data descriptors). */
async function streamedZip(files: Record<string, Uint8Array[]>, comment = ''): Promise<Uint8Array> {
  const zip = new BlobZip();
  for (const [name, pieces] of Object.entries(files)) {
    const entry = zip.entry(name);
    for (const p of pieces) entry.push(p);
    entry.end();
  }
  const blob = zip.finish();
  expect(blob.type).toBe('application/zip');
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

  it('stops a zip that would outgrow what a zip without ZIP64 holds', () => {
    const zip = new BlobZip(150_000);
    const entry = zip.entry('a.bin');
    entry.push(big.subarray(0, 100_000));
    expect(() => entry.push(big.subarray(100_000))).toThrow(/more than a zip without ZIP64 holds/);
    zip.abort();
  });

  it('refuses what is not a zip, a cut zip and a directory that lies, with readable errors', async () => {
    await expect(openZip(new Blob(['name,value\n1,2\n']))).rejects.toThrow(/not a zip/);
    const bytes = await streamedZip({ 'a.bin': [big] });
    // The first 100 kB lost: the directory now points past the file's start.
    await expect(openZip(new Blob([bytes.subarray(100_000) as BlobPart]))).rejects.toThrow(/damaged/);
    const tail = bytes.subarray(Math.max(0, bytes.length - ZIP_TAIL_BYTES));
    const where = findDirectory(tail, bytes.length);
    expect(() => parseDirectory(bytes.subarray(where.offset, where.offset + where.size), 2)).toThrow(/lists 1 of 2/);
    const zip64 = bytes.slice();
    new DataView(zip64.buffer).setUint32(zip64.length - 6, 0xffffffff, true);
    expect(() => findDirectory(zip64.subarray(zip64.length - 22), zip64.length)).toThrow(/ZIP64/);
  });
});

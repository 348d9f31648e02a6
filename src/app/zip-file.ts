/**
 * Zips as Blobs, an entry at a time. Reading (openZip) goes through the central directory
 * (ingest/zip-directory.ts): only the directory is read up front, a stored entry stays a slice of
 * the file (read as needed), and a deflated one is inflated when asked for. Writing (BlobZip)
 * streams stored entries (ingest/zip-writer.ts) into Blobs as the bytes come, which the browser
 * may keep on disk: memory follows the chunk at hand, not the archive.
 */
import { inflateSync } from 'fflate';
import { ZipWriter, type ZipEntryWriter } from '../ingest/zip-writer';
import type { BlobSink } from './blob-sink';
import { LOCAL_HEADER_BYTES, ZIP_TAIL_BYTES, dataOffset, findDirectory, parseDirectory, type ZipEntry } from '../ingest/zip-directory';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

export interface ZipFile {
  readonly names: readonly string[];
  /** The entry's content: a slice of the file when stored, its inflated bytes when deflated; null when absent. */
  entry(name: string): Promise<Blob | null>;
}

export async function openZip(file: Blob): Promise<ZipFile> {
  const tailStart = Math.max(0, file.size - ZIP_TAIL_BYTES);
  const where = findDirectory(await bytesOf(file.slice(tailStart)), file.size);
  const entries = new Map<string, ZipEntry>(
    parseDirectory(await bytesOf(file.slice(where.offset, where.offset + where.size)), where.entries).map((e) => [e.name, e]),
  );
  return {
    names: [...entries.keys()],
    async entry(name) {
      const e = entries.get(name);
      if (!e) return null;
      const start = dataOffset(await bytesOf(file.slice(e.headerOffset, e.headerOffset + LOCAL_HEADER_BYTES)), e);
      const data = file.slice(start, start + e.compressedSize);
      if (data.size !== e.compressedSize) throw new Error(`The zip is cut short: ${name} is incomplete.`);
      if (e.method === 0) return data;
      if (e.method === 8) return new Blob([inflateSync(await bytesOf(data), { out: new Uint8Array(e.size) }) as BlobPart]);
      throw new Error(`The zip's entry ${name} is compressed with method ${e.method}, which cannot be read here.`);
    },
  };
}

/**
 * A zip of stored entries written as it goes, one entry at a time (ZIP64 past 4 GiB), into a
 * BlobSink: each chunk becomes a Blob (which the browser may keep on disk) as it is written.
 */
export class BlobZip {
  private readonly zip: ZipWriter;

  constructor(sink: BlobSink) {
    this.zip = new ZipWriter((chunk) => sink.push(new Blob([chunk as BlobPart])));
  }

  /** Starts the next entry (the one before must be ended). */
  entry(name: string): ZipEntryWriter {
    return this.zip.entry(name);
  }

  /** A whole entry at once. */
  file(name: string, bytes: Uint8Array): void {
    this.zip.file(name, bytes);
  }

  /** Writes the directory; the zip's size in bytes. */
  finish(): number {
    return this.zip.finish();
  }
}

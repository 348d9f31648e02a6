/**
 * A one-entry zip written as a stream (fflate `Zip` + `ZipDeflate`, level 6) into a byte
 * sink. Each push deflates a chunk and then awaits the sink for every zip chunk produced, so
 * a slow sink (a file stream under backpressure) slows the producer and memory stays bounded.
 */
import { Zip, ZipDeflate } from 'fflate';

/** Where bytes go; `write` resolves when the sink can take more. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

export class ZipEntryStream {
  private readonly zip: Zip;
  private readonly entry: ZipDeflate;
  private queue: Uint8Array[] = [];
  private failure: Error | null = null;
  private done = false;
  private bytes = 0;

  /** `mtime` is stored in the entry (use a fixed date for reproducible bytes). */
  constructor(
    private readonly sink: ByteSink,
    entryName: string,
    mtime: Date,
  ) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) this.failure = err;
      else {
        this.queue.push(chunk);
        this.bytes += chunk.length;
        if (final) this.done = true;
      }
    });
    this.entry = new ZipDeflate(entryName, { level: 6 });
    this.entry.mtime = mtime;
    this.zip.add(this.entry);
  }

  private async drain(): Promise<void> {
    if (this.failure) throw new Error('zip stream failed', { cause: this.failure });
    const pending = this.queue;
    this.queue = [];
    for (const chunk of pending) await this.sink.write(chunk);
  }

  /** Deflates a chunk of the entry and hands the output to the sink. */
  async push(data: Uint8Array): Promise<void> {
    this.entry.push(data, false);
    await this.drain();
  }

  /** Ends the entry and the archive, closes the sink, and returns the zip's size in bytes. */
  async finish(): Promise<number> {
    this.entry.push(new Uint8Array(0), true);
    this.zip.end();
    await this.drain();
    if (!this.done) throw new Error('zip stream did not finish');
    await this.sink.close();
    return this.bytes;
  }
}

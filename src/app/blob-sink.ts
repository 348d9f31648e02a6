/** Where a file being written sends its bytes, a Blob at a time, in order (ui/save-file.ts: a download or a picked file). */
export interface BlobSink {
  push(part: Blob): void;
}

/** A BlobSink that keeps the parts, for a file handed over whole (a download). */
export class BlobParts implements BlobSink {
  private readonly parts: Blob[] = [];

  push(part: Blob): void {
    this.parts.push(part);
  }

  /** The file so far. */
  blob(type: string): Blob {
    return new Blob(this.parts, { type });
  }

  /** Lets go of what it holds (after a failure). */
  clear(): void {
    this.parts.length = 0;
  }
}

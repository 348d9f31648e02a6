/**
 * Inflating a zip entry with the browser's own zlib (DecompressionStream), several times faster
 * than fflate's inflate; fflate still reads the zip's structure (unzip.ts).
 */
import { IngestError } from './protocol';

/** True where DecompressionStream can inflate raw deflate data (zip entries). */
export function nativeInflate(): boolean {
  try {
    return typeof DecompressionStream === 'function' && new DecompressionStream('deflate-raw') !== null;
  } catch {
    return false;
  }
}

export interface Inflating {
  /** Queues compressed bytes (`final` with the last). */
  write(bytes: Uint8Array, final: boolean): void;
  /** Resolves when the inflater can take more; rejects once inflating or parsing failed. */
  ready(): Promise<void>;
  /** Resolves when every inflated byte was consumed. */
  readonly done: Promise<void>;
  abort(): void;
}

/** A DecompressionStream whose output goes to `consume`, one chunk at a time. */
export function startInflating(consume: (bytes: Uint8Array) => Promise<void>): Inflating {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let failure: unknown = null;
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        await consume(value);
      }
    } catch (e) {
      failure ??=
        e instanceof IngestError ? e : new IngestError('zip-corrupt', 'The zip file is corrupt: its CSV could not be inflated.', { cause: e });
      void writer.abort(failure).catch(() => undefined);
      throw failure;
    }
  })();
  done.catch(() => undefined);
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write(bytes, final) {
      check();
      if (bytes.length) writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
      if (final) writer.close().catch(() => undefined);
    },
    async ready() {
      await Promise.race([writer.ready.catch(() => undefined), done.catch(() => undefined)]);
      check();
    },
    done,
    abort() {
      void reader.cancel().catch(() => undefined);
    },
  };
}

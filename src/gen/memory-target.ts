/**
 * An output target that keeps files in memory (tests, or a browser without a file system).
 */
import type { OutputTarget } from './output-target';

export function memoryTarget(): OutputTarget & { readonly files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    open(name) {
      const chunks: Uint8Array[] = [];
      return {
        write: (chunk) => void chunks.push(chunk),
        close: () => {
          const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          let at = 0;
          for (const c of chunks) {
            out.set(c, at);
            at += c.length;
          }
          files.set(name, out);
        },
      };
    },
    writeText(name, text) {
      files.set(name, new TextEncoder().encode(text));
    },
  };
}

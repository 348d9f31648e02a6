/**
 * A source's SHA-256 as its chunks are read (the same file loaded again is recognized by it).
 */
import { concatBytes } from './bytes';
import { Sha256 } from './sha256';

/** SHA-256 of the chunks: by WebCrypto (native) where there is one, else in JavaScript. */
async function sha256Of(chunks: readonly Uint8Array[]): Promise<string> {
  if (!crypto?.subtle) return new Sha256().update(concatBytes(chunks)).hex();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concatBytes(chunks) as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The source's SHA-256 as its chunks are read: a large source hashed as it streams, in
 * JavaScript; a smaller one kept and hashed at once at the end, natively.
 */
export function sourceHash(large: boolean): { update(chunk: Uint8Array): void; hex(): Promise<string> } {
  const sha = new Sha256();
  const kept: Uint8Array[] = [];
  return {
    update: (chunk) => void (large ? sha.update(chunk) : kept.push(chunk)),
    async hex() {
      const digest = large ? sha.hex() : await sha256Of(kept);
      kept.length = 0;
      return digest;
    },
  };
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../src/ingest/sha256';

describe('ingest/sha256', () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003])('matches node:crypto for %i bytes in odd chunks', (n) => {
    const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
    const h = new Sha256();
    for (let i = 0; i < n; i += 37) h.update(data.subarray(i, i + 37));
    expect(h.hex()).toBe(createHash('sha256').update(data).digest('hex'));
  });
});

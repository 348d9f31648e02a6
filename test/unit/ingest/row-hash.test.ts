import { describe, expect, it } from 'vitest';
import { Fnv64, hash64 } from '../../../src/ingest/row-hash';

/** Reference FNV-1a 64 with BigInt over UTF-8 bytes. */
function reference(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(s)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('ingest/row-hash', () => {
  it.each<[string, string]>([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('FNV-1a 64 test vector %j', (input, expected) => {
    expect(hash64(input)).toBe(expected);
  });

  it('matches a BigInt reference on ASCII, accents, emoji and lone surrogates', () => {
    const inputs = ['Case Summary', 'Café', 'Ünïcödé ☕', '𝄞 clef', 'x\ud800y', 'END\udc00', '2014-01-07 14:19:59'];
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      let s = '';
      const n = (seed = (Math.imul(seed, 48271) + 1) >>> 0) % 40;
      for (let k = 0; k < n; k++) s += String.fromCharCode(32 + ((seed = (Math.imul(seed, 48271) + 1) >>> 0) % 300));
      inputs.push(s);
    }
    for (const s of inputs) expect(hash64(s), JSON.stringify(s)).toBe(reference(s));
  });

  it('distinguishes field boundaries, null from empty, and number bits', () => {
    const h = new Fnv64();
    const d = (f: (x: Fnv64) => void) => {
      h.reset();
      f(h);
      return h.digest();
    };
    expect(d((x) => (x.text('ab'), x.text('c')))).not.toBe(d((x) => (x.text('a'), x.text('bc'))));
    expect(d((x) => x.text(null))).not.toBe(d((x) => x.text('')));
    expect(d((x) => x.num(null))).not.toBe(d((x) => x.num(0)));
    expect(d((x) => x.num(0))).toBe(d((x) => x.num(-0)));
    expect(d((x) => x.num(1.5))).toBe(d((x) => x.num(1.5)));
    expect(d((x) => x.num(1))).not.toBe(d((x) => x.num(2)));
    expect(d((x) => x.text('a'))).toMatch(/^[0-9a-f]{16}$/);
  });
});

/**
 * 64-bit FNV-1a hashing (16-bit lanes, no BigInt) for row keys and content hashes.
 * Strings are hashed as their UTF-8 bytes, so `hash64` matches the published FNV-1a 64 test
 * vectors. Not cryptographic: it detects changes and builds keys, it does not resist attacks.
 */

/** Bytes that never occur in UTF-8; they delimit fields so ('ab','c') ≠ ('a','bc'). */
const FIELD_END = 0xfe;
const NULL_MARK = 0xff;
/** The FNV 64 prime is 2^40 + 435; with 16-bit lanes the 2^40 term is a shift by 8 into lane 2. */
const P = 435;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * An incremental FNV-1a 64 hash over a sequence of typed fields. The state is four 16-bit
 * lanes (l0 lowest), so every step stays in small-integer arithmetic.
 */
export class Fnv64 {
  private l0 = 0x2325;
  private l1 = 0x8422;
  private l2 = 0x9ce4;
  private l3 = 0xcbf2;

  /** Starts a new hash (offset basis 0xcbf29ce484222325). */
  reset(): this {
    this.l0 = 0x2325;
    this.l1 = 0x8422;
    this.l2 = 0x9ce4;
    this.l3 = 0xcbf2;
    return this;
  }

  /** Mixes one byte (0–255): xor into the low byte, multiply by the prime mod 2^64. */
  byte(b: number): void {
    const v0 = this.l0 ^ b;
    const v1 = this.l1;
    const t0 = v0 * P;
    const t1 = v1 * P + (t0 >>> 16);
    const t2 = this.l2 * P + (v0 << 8) + (t1 >>> 16);
    this.l3 = (this.l3 * P + (v1 << 8) + (t2 >>> 16)) & 0xffff;
    this.l2 = t2 & 0xffff;
    this.l1 = t1 & 0xffff;
    this.l0 = t0 & 0xffff;
  }

  /** Mixes the UTF-8 bytes of a string (lone surrogates as U+FFFD, like TextEncoder). */
  bytesOf(s: string): void {
    const n = s.length;
    let l0 = this.l0;
    let l1 = this.l1;
    let l2 = this.l2;
    let l3 = this.l3;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        // byte(c) inlined on local lanes: the ASCII path is nearly all the work.
        const v0 = l0 ^ c;
        const t0 = v0 * P;
        const t1 = l1 * P + (t0 >>> 16);
        const t2 = l2 * P + (v0 << 8) + (t1 >>> 16);
        l3 = (l3 * P + (l1 << 8) + (t2 >>> 16)) & 0xffff;
        l2 = t2 & 0xffff;
        l1 = t1 & 0xffff;
        l0 = t0 & 0xffff;
        continue;
      }
      this.l0 = l0;
      this.l1 = l1;
      this.l2 = l2;
      this.l3 = l3;
      i = this.nonAscii(s, i, c);
      l0 = this.l0;
      l1 = this.l1;
      l2 = this.l2;
      l3 = this.l3;
    }
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
  }

  /** Mixes the UTF-8 bytes of the non-ASCII code unit at i; returns the last index consumed. */
  private nonAscii(s: string, i: number, c: number): number {
    if (c < 0x800) {
      this.byte(0xc0 | (c >> 6));
      this.byte(0x80 | (c & 63));
      return i;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        this.byte(0xf0 | (cp >> 18));
        this.byte(0x80 | ((cp >> 12) & 63));
        this.byte(0x80 | ((cp >> 6) & 63));
        this.byte(0x80 | (cp & 63));
        return i + 1;
      }
      c = 0xfffd;
    }
    this.byte(0xe0 | (c >> 12));
    this.byte(0x80 | ((c >> 6) & 63));
    this.byte(0x80 | (c & 63));
    return i;
  }

  /** Mixes a nullable text field (null and '' hash differently). */
  text(s: string | null): void {
    if (s === null) this.byte(NULL_MARK);
    else this.bytesOf(s);
    this.byte(FIELD_END);
  }

  /** Mixes a nullable number field by its IEEE-754 bits (little-endian). */
  num(x: number | null): void {
    if (x === null || x !== x) {
      this.byte(NULL_MARK);
    } else {
      scratch[0] = x + 0; // -0 → 0
      const a = scratchWords[0];
      const b = scratchWords[1];
      this.byte(a & 255);
      this.byte((a >>> 8) & 255);
      this.byte((a >>> 16) & 255);
      this.byte(a >>> 24);
      this.byte(b & 255);
      this.byte((b >>> 8) & 255);
      this.byte((b >>> 16) & 255);
      this.byte(b >>> 24);
    }
    this.byte(FIELD_END);
  }

  /** The hash as 16 lower-case hex characters. */
  digest(): string {
    const { l0, l1, l2, l3 } = this;
    return String.fromCharCode(
      HEX[l3 >> 12], HEX[(l3 >> 8) & 15], HEX[(l3 >> 4) & 15], HEX[l3 & 15],
      HEX[l2 >> 12], HEX[(l2 >> 8) & 15], HEX[(l2 >> 4) & 15], HEX[l2 & 15],
      HEX[l1 >> 12], HEX[(l1 >> 8) & 15], HEX[(l1 >> 4) & 15], HEX[l1 & 15],
      HEX[l0 >> 12], HEX[(l0 >> 8) & 15], HEX[(l0 >> 4) & 15], HEX[l0 & 15],
    );
  }
}

const shared = new Fnv64();

/** FNV-1a 64 of a string's UTF-8 bytes, as 16 hex characters. */
export function hash64(s: string): string {
  shared.reset().bytesOf(s);
  return shared.digest();
}

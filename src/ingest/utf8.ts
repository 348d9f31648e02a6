/**
 * Byte-level helpers for the stream decoder: UTF-8 validation and a Windows-1252 decoder
 * that is correct in every runtime.
 */

/**
 * Windows-1252 code points for bytes 0x80–0x9F (the five undefined bytes map to the C1
 * control of the same value, as the WHATWG Encoding standard does).
 */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const C1 = /[\u0080-\u009F]/g;
const latin1 = new TextDecoder('windows-1252');

/**
 * Decodes Windows-1252 bytes. Browsers' TextDecoder does this fully, but Node 20's
 * `TextDecoder('windows-1252')` decodes as ISO-8859-1 (0x93 stays U+0093 instead of `“`), so
 * the C1 range is mapped here; in browsers the fix-up finds nothing to replace.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const s = latin1.decode(bytes);
  C1.lastIndex = 0;
  if (!C1.test(s)) return s;
  C1.lastIndex = 0;
  return s.replace(C1, (ch) => CP1252_80_9F[ch.charCodeAt(0) - 0x80]);
}

/** Length of a UTF-8 sequence that starts with `lead`, or 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Number of bytes at the end of `bytes` that begin a UTF-8 sequence whose remaining bytes have
 * not arrived yet (0–3). Those bytes are held back until the next chunk.
 */
export function incompleteTailLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k];
    if (b >= 0x80 && b <= 0xbf) continue; // continuation byte: look further back
    const len = sequenceLength(b);
    return len > k ? k : 0;
  }
  return 0;
}

/**
 * Index of the first byte that is not part of a well-formed UTF-8 sequence (Unicode table
 * 3-7: no overlongs, no surrogates, nothing above U+10FFFF), or `bytes.length` when all valid.
 * A sequence cut off by the end of the array counts as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len === 0 || i + len > n) return i;
    const b1 = bytes[i + 1];
    let lo = 0x80;
    let hi = 0xbf;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
    else if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k < len; k++) {
      const bk = bytes[i + k];
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += len;
  }
  return n;
}

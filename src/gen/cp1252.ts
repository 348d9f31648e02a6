/**
 * Windows-1252 encoding (what the 2024–25 311 files use). Latin-1 code points map to
 * themselves; 0x80–0x9F hold the typographic extras (curly quotes, dashes, €...).
 * Characters the code page lacks become `?`, as a lossy export would write them.
 */

const EXTRAS: Readonly<Record<number, number>> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Byte of one UTF-16 code unit in Windows-1252, or -1 when the code page lacks it. */
export function cp1252Byte(code: number): number {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return EXTRAS[code] ?? -1;
}

/** Encodes text as Windows-1252 bytes (`?` for characters it cannot hold). */
export function encodeCp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = cp1252Byte(text.charCodeAt(i));
    out[i] = b < 0 ? 0x3f : b;
  }
  return out;
}

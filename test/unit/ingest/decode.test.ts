import { describe, expect, it } from 'vitest';
import { EncodingSniffer, looksBinary, StreamDecoder } from '../../../src/ingest/decode';
import { decodeWindows1252, firstInvalidUtf8, incompleteTailLength } from '../../../src/ingest/utf8';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : new Uint8Array(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) out.set(c, (o += c.length) - c.length);
  return out;
};

/** Decodes `data` split into chunks of `size` bytes. */
function decodeChunked(data: Uint8Array, size: number): { text: string; d: StreamDecoder } {
  const d = new StreamDecoder();
  let text = '';
  for (let i = 0; i < data.length; i += size) text += d.push(data.subarray(i, i + size));
  text += d.end();
  return { text, d };
}

describe('ingest/decode StreamDecoder', () => {
  const sample = 'Case Summary,Neighborhood\n"Café ☕ 𝄞",Five Points\nÀ-la-carte,—\n';

  it.each([1, 2, 3, 5, 7, 64, 100_000])('decodes UTF-8 split into %i-byte chunks', (size) => {
    const { text, d } = decodeChunked(utf8(sample), size);
    expect(text).toBe(sample);
    expect(d.encoding).toBe('utf-8');
    expect(d.invalidBytes).toBe(0);
    expect(d.firstInvalidAt).toBeNull();
  });

  it.each([1, 2, 4, 100])('strips a BOM (%i-byte chunks)', (size) => {
    const { text, d } = decodeChunked(bytes([0xef, 0xbb, 0xbf], sample), size);
    expect(text).toBe(sample);
    expect(d.encoding).toBe('utf-8-bom');
  });

  it('reads Windows-1252 when the first non-ASCII byte is not UTF-8', () => {
    // “Red Days” with cp1252 curly quotes, é, €
    const cp = bytes('a,b\n', [0x93], 'Red Days', [0x94, 0x2c, 0xe9, 0x80, 0x0a]);
    for (const size of [1, 3, cp.length]) {
      const { text, d } = decodeChunked(cp, size);
      expect(text).toBe('a,b\n“Red Days”,é€\n');
      expect(d.encoding).toBe('windows-1252');
      expect(d.invalidBytes).toBe(0);
    }
  });

  it.each([1, 2, 3, 5, 100])('reads a bad byte after real UTF-8 text alone as Windows-1252 and stays UTF-8 (%i-byte chunks)', (size) => {
    const data = bytes('é,x\n', 'y\n', [0xe9], 'z\n', 'Café', [0x92], 'Peña ☕', [0xe2, 0x82], '€\n');
    const { text, d } = decodeChunked(data, size);
    expect(text).toBe('é,x\ny\néz\nCafé’Peña ☕â‚€\n');
    expect(d.encoding).toBe('utf-8');
    expect(d.invalidBytes).toBe(4);
    expect(d.firstInvalidAt).toBe(7); // é is 2 bytes: "é,x\n" + "y\n" = 7
  });

  it('treats a truncated sequence at the end as Windows-1252', () => {
    const { text, d } = decodeChunked(bytes('ab', [0xe2, 0x82]), 10);
    expect(text).toBe('abâ‚');
    expect(d.encoding).toBe('windows-1252');
  });

  it('handles tiny and empty streams', () => {
    expect(decodeChunked(new Uint8Array(0), 1).text).toBe('');
    expect(decodeChunked(utf8('a'), 1).text).toBe('a');
    expect(decodeChunked(bytes([0xef, 0xbb, 0xbf]), 1).text).toBe('');
    expect(decodeChunked(bytes([0xef, 0xbb]), 1).text).toBe('ï»');
  });
});

describe('ingest/utf8 helpers', () => {
  it('decodes every Windows-1252 byte like the WHATWG table', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const s = decodeWindows1252(all);
    expect(s.length).toBe(256);
    expect(s.charCodeAt(0x41)).toBe(0x41);
    expect(s[0x80]).toBe('€');
    expect(s[0x93]).toBe('“');
    expect(s[0x9f]).toBe('Ÿ');
    expect(s.charCodeAt(0x81)).toBe(0x81);
    expect(s[0xe9]).toBe('é');
  });

  it.each<[number[], number]>([
    [[0x41, 0x42], 2],
    [[0xc3, 0xa9], 2],
    [[0xc0, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
    [[0x41, 0xe2, 0x82], 1], // truncated
    [[0x41, 0xe9, 0x41], 1],
    [[0xf0, 0x9d, 0x84, 0x9e], 4],
  ])('firstInvalidUtf8(%j) = %i', (input, expected) => {
    expect(firstInvalidUtf8(new Uint8Array(input))).toBe(expected);
  });

  it.each<[number[], number]>([
    [[0x41], 0],
    [[0x41, 0xc3], 1],
    [[0x41, 0xe2, 0x82], 2],
    [[0xf0, 0x9d, 0x84], 3],
    [[0xf0, 0x9d, 0x84, 0x9e], 0],
    [[0xc3, 0xa9], 0],
    [[0x80], 0],
  ])('incompleteTailLength(%j) = %i', (input, expected) => {
    expect(incompleteTailLength(new Uint8Array(input))).toBe(expected);
  });
});

describe('ingest/decode looksBinary', () => {
  it('accepts CSV text in either encoding', () => {
    expect(looksBinary(utf8('a,b\r\n1,"x\ty"\n'))).toBe(false);
    expect(looksBinary(bytes([0x93, 0x41, 0x94, 0x0a]))).toBe(false);
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });

  it('refuses NUL bytes, zip/gzip signatures and control-character soup', () => {
    expect(looksBinary(bytes('a,b', [0], 'c'))).toBe(true);
    expect(looksBinary(bytes([0x50, 0x4b, 3, 4], 'rest'))).toBe(true);
    expect(looksBinary(bytes([0x1f, 0x8b, 8]))).toBe(true);
    expect(looksBinary(bytes([1, 2, 3, 0x41, 5, 6, 0x41, 0x41]))).toBe(true);
    // UTF-16 text has NULs
    expect(looksBinary(bytes([0xff, 0xfe, 0x61, 0, 0x62, 0]))).toBe(true);
  });
});

describe('ingest/decode EncodingSniffer + StreamDecoder.forPiece', () => {
  /** Seeded lines mixing ASCII, UTF-8, stray Windows-1252 bytes and broken sequences. */
  function randomBytes(seed: number, lines: number, bom: boolean, firstNonAscii: 'utf8' | 'cp1252' | 'none'): Uint8Array {
    let x = seed;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const parts: (string | number[])[] = bom ? [[0xef, 0xbb, 0xbf]] : [];
    parts.push('h1,h2\n', 'plain,ascii\n');
    if (firstNonAscii === 'utf8') parts.push('Café,ok\n');
    if (firstNonAscii === 'cp1252') parts.push([0x93, 0x71, 0x94, 0x2c, 0x78, 0x0a]);
    for (let i = 0; i < lines; i++) {
      const r = rand();
      if (firstNonAscii === 'none' || r < 0.5) parts.push(`v${i},w${Math.floor(rand() * 99)}\n`);
      else if (r < 0.7) parts.push(`“é – ’”,${i}\n`);
      else if (r < 0.8) parts.push([0x61, 0xe9, 0x2c, 0x96, 0x0a]); // Windows-1252 é and –
      else if (r < 0.9) parts.push([0xe2, 0x80, 0x2c, 0x62, 0x0a]); // a UTF-8 sequence cut short
      else parts.push(`\u{1F600},${i}\n`);
    }
    return bytes(...parts);
  }

  /** Cuts `data` after newlines into pieces of about `size` bytes (as the splitter does). */
  function pieces(data: Uint8Array, size: number): { bytes: Uint8Array; offset: number }[] {
    const out: { bytes: Uint8Array; offset: number }[] = [];
    let start = 0;
    while (start < data.length) {
      const nl = data.indexOf(0x0a, Math.min(data.length - 1, start + size - 1));
      const end = nl < 0 ? data.length : nl + 1;
      out.push({ bytes: data.subarray(start, end), offset: start });
      start = end;
    }
    return out;
  }

  it.each([
    [1, false, 'utf8', 7],
    [2, true, 'utf8', 30],
    [3, false, 'cp1252', 12],
    [4, true, 'cp1252', 1],
    [5, false, 'none', 20],
    [6, true, 'none', 1000],
  ] as const)('decodes pieces apart as one stream decoder does (seed %i, BOM %s, first non-ASCII %s, pieces of %i bytes)', (seed, bom, first, size) => {
    const data = randomBytes(seed, 300, bom, first);
    const whole = decodeChunked(data, 64);
    const sniffer = new EncodingSniffer();
    let text = '';
    let invalid = 0;
    let firstAt: number | null = null;
    for (const p of pieces(data, size)) {
      const piece = sniffer.observe(p);
      const d = StreamDecoder.forPiece(sniffer.mode, piece.offset);
      text += d.decodeAll(piece.bytes);
      invalid += d.invalidBytes;
      firstAt ??= d.firstInvalidAt;
    }
    expect(text).toBe(whole.text);
    expect(sniffer.encoding).toBe(whole.d.encoding);
    expect(invalid).toBe(whole.d.invalidBytes);
    expect(firstAt).toBe(whole.d.firstInvalidAt);
    if (first === 'utf8') expect(invalid).toBeGreaterThan(0);
    expect(sniffer.encoding).toBe(first === 'cp1252' ? 'windows-1252' : bom ? 'utf-8-bom' : 'utf-8');
  });
});

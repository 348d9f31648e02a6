import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../../src/ingest/csv-records';
import { firstRecordEnd, RecordSplitter, type BytePiece, type Piece } from '../../../src/ingest/record-split';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
/** A piece as text, with the offset of its bytes. */
const asText = (p: BytePiece | null): (Piece & { offset: number }) | null => (p ? { text: dec(p.bytes), firstLine: p.firstLine, offset: p.offset } : null);

type Rec = { fields: string[]; line: number };

function serial(text: string): Rec[] {
  const out: Rec[] = [];
  const r = new CsvRecords((fields, line) => out.push({ fields: [...fields], line }));
  r.push(text);
  r.end();
  return out;
}

/** Splits `text` fed in `chunk`-sized parts, then parses every piece on its own. */
function split(text: string, chunk: number, target: number, newline: '\n' | '\r\n'): { recs: Rec[]; pieces: Piece[] } {
  const s = new RecordSplitter(target, 1 << 20, (line) => {
    throw new Error(`too long at ${line}`);
  });
  const bytes = enc(text);
  const cut: BytePiece[] = [];
  for (let i = 0; i < bytes.length; i += chunk) cut.push(...s.push(bytes.slice(i, i + chunk)));
  const last = s.end();
  if (last) cut.push(last);
  let offset = 0;
  for (const p of cut) {
    expect(p.offset).toBe(offset);
    offset += p.bytes.length;
  }
  const pieces = cut.map((p) => asText(p)!);
  const recs: Rec[] = [];
  for (const p of pieces) {
    const r = new CsvRecords((fields, line) => recs.push({ fields: [...fields], line }), { firstLine: p.firstLine, newline });
    r.push(p.text);
    r.end();
  }
  return { recs, pieces };
}

/** A seeded CSV with quoted commas, embedded newlines, escaped quotes, stray quotes, blanks. */
function randomCsv(seed: number, rows: number, nl: '\n' | '\r\n'): string {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const field = (): string => {
    const r = rand();
    if (r < 0.1) return `"a, b${nl}c ""q"" d"`;
    if (r < 0.15) return '6" pipe';
    if (r < 0.2) return '""';
    if (r < 0.25) return `"${nl}"`;
    if (r < 0.3) return '"x"""';
    if (r < 0.35) return '"é – ’, ""€""\u{1F600}"';
    if (r < 0.4) return 'naïve “q” ñ';
    return `v${Math.floor(rand() * 1000)}`;
  };
  const lines = ['h1,h2,h3'];
  for (let i = 0; i < rows; i++) lines.push(rand() < 0.05 ? '' : [field(), field(), field()].join(','));
  return lines.join(nl) + (rand() < 0.5 ? nl : '');
}

describe('ingest/record-split', () => {
  it.each([
    [1, '\n', 3, 40],
    [2, '\r\n', 7, 100],
    [3, '\n', 64, 1],
    [4, '\r\n', 1000, 500],
    [5, '\n', 13, 10_000],
    [6, '\r\n', 1, 50],
  ] as const)('pieces parsed apart give the same records and lines as one parser (seed %i)', (seed, nl, chunk, target) => {
    const text = randomCsv(seed, 400, nl);
    const { recs, pieces } = split(text, chunk, target, nl);
    expect(recs).toEqual(serial(text));
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    if (target < 200) expect(pieces.length).toBeGreaterThan(5);
    let line = 1;
    for (const p of pieces) {
      expect(p.firstLine).toBe(line);
      line += p.text.split('\n').length - 1;
    }
  });

  it('a quote split across chunks is decided when the next character arrives', () => {
    const text = 'h\n"a""\nb"\nc\n';
    for (let cut = 1; cut < text.length; cut++) {
      const s = new RecordSplitter(1, 1000, () => {
        throw new Error('too long');
      });
      const pieces = [...s.push(enc(text.slice(0, cut))), ...s.push(enc(text.slice(cut)))].map((p) => asText(p)!);
      const last = asText(s.end());
      if (last) pieces.push(last);
      expect(pieces.map((p) => p.text).join('')).toBe(text);
      expect(pieces.every((p) => p.text === 'h\n' || p.text.endsWith('\n'))).toBe(true);
      expect(pieces.some((p) => p.text.includes('"a""\nb"\n'))).toBe(true);
    }
  });

  it('takes single records for the header, then pieces', () => {
    const s = new RecordSplitter(10, 1000, () => {
      throw new Error('too long');
    });
    s.append(enc('\n"h,1","h\n2"\na,b\nc,d\n'));
    expect(asText(s.takeRecord())).toEqual({ text: '\n', firstLine: 1, offset: 0 });
    expect(asText(s.takeRecord())).toEqual({ text: '"h,1","h\n2"\n', firstLine: 2, offset: 1 });
    expect(s.push(enc('e,f\n')).map(asText)).toEqual([{ text: 'a,b\nc,d\ne,f\n', firstLine: 4, offset: 13 }]);
    expect(s.end()).toBeNull();
  });

  it('reports a record longer than the limit with the line it starts on', () => {
    const s = new RecordSplitter(1 << 20, 50, (line) => {
      throw new Error(`too long at ${line}`);
    });
    s.push(enc('a\nb\n"open'));
    expect(() => s.push(enc('x'.repeat(60)))).toThrow('too long at 3');
  });
});

describe('ingest/record-split firstRecordEnd', () => {
  it.each([
    ['a,b\nc,d\n', 3],
    ['a,b\r\nc,d', 4],
    ['a,"x\ny"\r\nb', 8],
    ['"a""\nb",c\nd', 9],
    ['a,6" pipe\nb', 9],
    ['a,"x",b"\n"c', 8],
    ['a,b', -1],
    ['a,"open\nb', -1],
    ['', -1],
  ] as const)('%j ends its first record at %i', (text, end) => {
    expect(firstRecordEnd(text)).toBe(end);
  });

  it.each([1, 2, 3, 4, 5])('finds where the splitter cuts the first record of every piece (seed %i)', (seed) => {
    const text = randomCsv(seed, 400, seed % 2 ? '\n' : '\r\n');
    for (const p of split(text, 97, 50, '\n').pieces) {
      const s = new RecordSplitter(Infinity, Infinity, () => {
        throw new Error('too long');
      });
      s.append(enc(p.text));
      const first = asText(s.takeRecord());
      expect(firstRecordEnd(p.text), JSON.stringify(p.text.slice(0, 80))).toBe(first ? first.text.length - 1 : -1);
    }
  });
});

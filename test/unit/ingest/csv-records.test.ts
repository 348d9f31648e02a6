import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../../src/ingest/csv-records';

function parse(text: string, chunk: number): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const r = new CsvRecords((fields, line) => out.push({ fields: [...fields], line }));
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  r.end();
  return out;
}

describe('ingest/csv-records', () => {
  const text = 'a,b,c\r\n1,"x, ""y""",3\r\n2,"multi\r\nline",4\r\n\r\n5,6,7';
  it.each([1, 2, 3, 7, 64, 1000])('gives the same records and line numbers for %i-char chunks', (chunk) => {
    expect(parse(text, chunk)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, "y"', '3'], line: 2 },
      { fields: ['2', 'multi\r\nline', '4'], line: 3 },
      { fields: ['5', '6', '7'], line: 6 },
    ]);
  });

  it('counts blank lines apart from records', () => {
    const r = new CsvRecords(() => undefined);
    r.push('h\n1\n\n\n2\n');
    r.end();
    expect(r.blankLines).toBe(2);
  });

  it('handles LF files and a last record without a newline', () => {
    expect(parse('h1,h2\nA,B\nC,D', 4).map((r) => r.fields)).toEqual([
      ['h1', 'h2'],
      ['A', 'B'],
      ['C', 'D'],
    ]);
  });
});

describe('ingest/csv-records: unescaped quotes inside a quoted field (2013–14 311 files)', () => {
  const rows = (n: number, bad: number, value: string, quoteAll = false) =>
    Array.from({ length: n }, (_, i) => {
      const f = [String(i), i === bad ? value : `case ${i}`, `x${i}`];
      return (quoteAll ? f.map((v) => (v.startsWith('"') ? v : `"${v}"`)) : f).join(',');
    }).join('\r\n') + '\r\n';

  it.each([1, 5, 64, 4096, 1 << 20])('reads the flawed record alone and every record after it (%i-char chunks)', (chunk) => {
    const out = parse(rows(300, 100, '"Wood burning on "Red Days""'), chunk);
    expect(out).toHaveLength(300);
    expect(out[100]).toEqual({ fields: ['100', 'Wood burning on "Red Days"', 'x100'], line: 101 });
    expect(out.map((r) => r.fields[0])).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));
    expect(out.every((r, i) => r.line === i + 1 && r.fields.length === 3)).toBe(true);
  });

  it('reads several flawed records, in fully quoted files too, with their line numbers', () => {
    const text = rows(50, 10, '"He said "hi" to me"', true).replace('"case 30"', '"A "B"" and more"').replace('"case 31"', '"Ends "Red""');
    for (const chunk of [3, 100, 100_000]) {
      const out = parse(text, chunk);
      expect(out).toHaveLength(50);
      expect(out[10].fields).toEqual(['10', 'He said "hi" to me', 'x10']);
      expect(out[30].fields).toEqual(['30', 'A "B" and more', 'x30']);
      expect(out[31].fields).toEqual(['31', 'Ends "Red"', 'x31']);
      expect(out[49]).toEqual({ fields: ['49', 'case 49', 'x49'], line: 50 });
    }
  });

  it('reads a file with many flawed records (papaparse then goes on a window of rows at a time)', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `${i},${i % 7 === 3 ? `"stray "q${i}""` : `plain ${i}`},z`).join('\n') + '\n';
    for (const chunk of [97, 4096, 1 << 20]) {
      const out = parse(text, chunk);
      expect(out).toHaveLength(2000);
      expect(out.every((r, i) => r.line === i + 1 && r.fields[0] === String(i) && r.fields[1] === (i % 7 === 3 ? `stray "q${i}"` : `plain ${i}`))).toBe(true);
    }
  });

  it('counts the records read leniently, and keeps a multi-line flawed record on its lines', () => {
    const out: { fields: string[]; line: number }[] = [];
    const r = new CsvRecords((fields, line) => out.push({ fields: [...fields], line }));
    r.push('h,v\n1,"two\nlines "quoted""\n2,"ok"\n3,"last "one""');
    r.end();
    expect(out).toEqual([
      { fields: ['h', 'v'], line: 1 },
      { fields: ['1', 'two\nlines "quoted"'], line: 2 },
      { fields: ['2', 'ok'], line: 4 },
      { fields: ['3', 'last "one"'], line: 5 },
    ]);
    expect(r.lenientRecords).toBe(2);
  });
});

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

import { describe, expect, it } from 'vitest';
import { cp1252Byte, encodeCp1252 } from '../../../src/gen/cp1252';
import { csvRecord, fieldFlags, TEXT_FLAWS } from '../../../src/gen/csv';
import { decodeCp1252 } from './helpers';

describe('gen/csv', () => {
  it.each([
    [['a', 'b'], false, 'a,b\r\n'],
    [['a,b', 'c'], false, '"a,b",c\r\n'],
    [['say "hi"', ''], false, '"say ""hi""",\r\n'],
    [['two\nlines', 'x'], false, '"two\nlines",x\r\n'],
    [['a', '', '  '], true, '"a","","  "\r\n'],
  ] as const)('writes %j (quoteAll %s)', (fields, quoteAll, line) => {
    expect(csvRecord(fields, quoteAll).line).toBe(line);
  });

  it('flags text flaws per field', () => {
    expect(fieldFlags('plain')).toBe(0);
    expect(fieldFlags('a,b')).toBe(TEXT_FLAWS.field_with_comma);
    expect(fieldFlags('Café')).toBe(TEXT_FLAWS.non_ascii_text);
    expect(fieldFlags('CLOSED ')).toBe(TEXT_FLAWS.padded_text);
    expect(fieldFlags('  ')).toBe(TEXT_FLAWS.two_space_placeholder);
    expect(fieldFlags('')).toBe(0);
    expect(fieldFlags('Pothole\u00A0Repair')).toBe(TEXT_FLAWS.non_ascii_text);
  });
});

describe('gen/cp1252', () => {
  it('maps Latin-1 to itself and the typographic extras to 0x80–0x9F', () => {
    expect([...encodeCp1252('Café – ’“”€')]).toEqual([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x92, 0x93, 0x94, 0x80]);
    expect(cp1252Byte(0x4e00)).toBe(-1);
    expect([...encodeCp1252('漢')]).toEqual([0x3f]);
  });

  it('round-trips every character the code page holds', () => {
    const chars: string[] = [];
    for (let code = 0; code < 0x2200; code++) if (cp1252Byte(code) >= 0) chars.push(String.fromCharCode(code));
    expect(chars).toHaveLength(251);
    const text = chars.join('');
    expect(decodeCp1252(encodeCp1252(text))).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { readLenientRecord } from '../../../src/ingest/lenient-record';

describe('ingest/lenient-record', () => {
  it.each([
    ['a,"Wood burning on "Red Days"",z\r\nnext', ['a', 'Wood burning on "Red Days"', 'z'], 34],
    ['"He said "hi" to me",2\n', ['He said "hi" to me', '2'], 23],
    ['"escaped ""q"" kept",2\n', ['escaped "q" kept', '2'], 23],
    ['"value """,x\n', ['value "', 'x'], 13],
    ['"spaced"  ,x\n', ['spaced', 'x'], 13],
    ['6" pipe,"a\nb",c\rrest', ['6" pipe', 'a\nb', 'c'], 16],
    [',,\n', ['', '', ''], 3],
  ])('reads %j', (text, fields, end) => {
    expect(readLenientRecord(text, 0, false)).toEqual({ fields, end });
  });

  it('reads from a start inside the text', () => {
    expect(readLenientRecord('x\n1,"a "b""\n', 2, false)).toEqual({ fields: ['1', 'a "b"'], end: 12 });
  });

  it('waits for more text when the record may go on, and ends it at the end of the file', () => {
    for (const text of ['1,"open', '1,"a "b"', '1,"a "b""', '1,plain', '1,"q"\r', '1,"q"  ']) {
      expect(readLenientRecord(text, 0, false)).toBeNull();
    }
    expect(readLenientRecord('1,"open', 0, true)).toEqual({ fields: ['1', 'open'], end: 7 });
    expect(readLenientRecord('1,"a "b""', 0, true)).toEqual({ fields: ['1', 'a "b"'], end: 9 });
    expect(readLenientRecord('1,plain', 0, true)).toEqual({ fields: ['1', 'plain'], end: 7 });
  });
});

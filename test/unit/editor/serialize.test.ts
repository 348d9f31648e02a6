import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/domain/csv-field';
import { csvChunks, jsonChunks, jsonRowChunks, rowAsTsv, toCsv, toJson } from '../../../src/editor/serialize';
import { columnKind } from '../../../src/editor/column-kind';
import { formatLocal, formatValue } from '../../../src/editor/format';
import { resultOf } from './fixtures';

const rs = resultOf(
  [
    { name: 'id', type: 'BIGINT' },
    { name: 'text', type: 'VARCHAR' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'day', type: 'DATE' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'tags', type: 'LIST' },
  ],
  [
    [1, 'plain', Date.UTC(2024, 0, 2, 3, 4, 5), Date.UTC(2024, 0, 2), true, ['a']],
    [2, 'comma, "quote"\nnewline\r\nCRLF', Date.UTC(2024, 0, 2, 3, 4, 5, 678), null, false, []],
    ['9007199254740993', null, null, null, null, null],
    [4, '<img src=x onerror=alert(1)>', 0, 0, true, [1, 2]],
  ],
);

describe('editor/serialize', () => {
  it('writes CSV and JSON in pieces of rows that join to the whole file, in the given order', () => {
    const order = [3, 1, 0, 2];
    const csv = [...csvChunks(rs, order, 3)];
    // The header line, then rows 3 and 1 and 0, then row 2.
    expect(csv).toHaveLength(3);
    expect(csv.join('')).toBe(toCsv(rs, order));
    expect(csv[2].split('\r\n')[0]).toMatch(/^"?9007199254740993/);
    const json = [...jsonChunks(rs, order, 3)];
    expect(json).toEqual(['[', expect.any(String), expect.any(String), ']\n']);
    expect(JSON.parse(json.join('')).map((r: { id: unknown }) => r.id)).toEqual([4, 2, 1, '9007199254740993']);
    expect(json.join('')).toBe(toJson(rs, order));
  });

  it('writes a later part of a streamed result without the header, and JSON rows without brackets', () => {
    expect([...csvChunks(rs, undefined, 10, false)].join('')).toBe(toCsv(rs).slice(toCsv(rs).indexOf('\r\n') + 2));
    const rows = [...jsonRowChunks(rs, undefined, 3)];
    expect(rows).toHaveLength(2);
    expect(`[${rows.join(',\n')}]\n`).toBe(toJson(rs));
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes CSV that parses back to the same cells', () => {
    const csv = toCsv(rs);
    expect(csv.startsWith('id,text,at,day,ok,tags\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([
      ['id', 'text', 'at', 'day', 'ok', 'tags'],
      ['1', 'plain', '2024-01-02 03:04:05', '2024-01-02', 'true', '["a"]'],
      ['2', 'comma, "quote"\nnewline\r\nCRLF', '2024-01-02 03:04:05.678', '', 'false', '[]'],
      ['9007199254740993', '', '', '', '', ''],
      ['4', '<img src=x onerror=alert(1)>', '1970-01-01 00:00:00', '1970-01-01', 'true', '[1,2]'],
    ]);
  });

  it('follows a sort order', () => {
    const lines = toCsv(rs, [3, 0]).trimEnd().split('\r\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['id', '4', '1']);
  });

  it('writes JSON rows with times as text and NULL as null', () => {
    const rows = JSON.parse(toJson(rs));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ id: 1, text: 'plain', at: '2024-01-02 03:04:05', day: '2024-01-02', ok: true, tags: ['a'] });
    expect(rows[1].text).toBe('comma, "quote"\nnewline\r\nCRLF');
    expect(rows[2]).toEqual({ id: '9007199254740993', text: null, at: null, day: null, ok: null, tags: null });
  });

  it('copies a row as TSV', () => {
    expect(rowAsTsv(rs, 1)).toBe('2\tcomma, "quote" newline CRLF\t2024-01-02 03:04:05.678\t\tfalse\t[]');
  });

  it('formats values for display', () => {
    expect(formatValue(null, 'text')).toBeNull();
    expect(formatValue(1.5, 'number')).toBe('1.5');
    expect(formatValue(Date.UTC(2020, 5, 1, 12), 'timestamp')).toBe('2020-06-01 12:00:00');
    expect(formatValue(Date.UTC(2020, 5, 1), 'date')).toBe('2020-06-01');
    expect(formatValue(0, 'timestamptz')).toBe(formatLocal(0));
    expect(formatValue({ a: 1n }, 'other')).toBe('{"a":"1"}');
    expect(formatValue(new Uint8Array([1, 255, 97]), 'other')).toBe('\\x01\\xFFa');
  });

  it('shows the microseconds a TIMESTAMP holds (the review saw .123456 cut to .123) and zoned ones with theirs', () => {
    const ms = Date.UTC(2024, 2, 10, 2, 30, 0) + 123.456;
    expect(formatValue(ms, 'timestamp')).toBe('2024-03-10 02:30:00.123456');
    expect(formatValue(Date.UTC(2024, 0, 2, 3, 4, 5, 500), 'timestamp')).toBe('2024-01-02 03:04:05.5');
    expect(formatValue(ms, 'timestamptz')).toMatch(/:00\.123456$/);
  });

  it('judges lists, structs and maps as other kinds, whatever they hold', () => {
    expect(columnKind('TIMESTAMP[]')).toBe('other');
    expect(columnKind('INTEGER[3]')).toBe('other');
    expect(columnKind('STRUCT(a INTEGER)')).toBe('other');
    expect(columnKind('MAP(VARCHAR, INTEGER)')).toBe('other');
    expect(columnKind('TIMESTAMPTZ')).toBe('timestamptz');
    expect(columnKind('TIMESTAMP_NS')).toBe('timestamp');
    expect(columnKind('HUGEINT')).toBe('number');
  });
});

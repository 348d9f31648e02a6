import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, formulaSafe, formulaSafeSql } from '../../../src/domain/csv-field';
import { rowsToCsv } from '../../../src/reports/csv';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const FORMULAS = ['=HYPERLINK("http://evil","x")', '@SUM(1)', '+1+cmd|calc', '-2+3', '\t=1', '\r=1', '=1'];
const KEPT = ['plain', '-104.98', '+3', '1e-5', '-.5', 'a=b', ' =1', '', '–dash', '-'];

describe('domain/csv-field', () => {
  it('puts a quote before text a spreadsheet would run as a formula, not before numbers or other text', () => {
    for (const f of FORMULAS) expect(formulaSafe(f)).toBe(`'${f}`);
    expect(formulaSafe('-')).toBe("'-");
    for (const k of KEPT.filter((k) => k !== '-')) expect(formulaSafe(k)).toBe(k);
  });

  it('quotes per RFC 4180 after the guard, and leaves the guard off when asked', () => {
    expect(csvField('=1+1,2')).toBe(`"'=1+1,2"`);
    expect(csvField('=A1 "x"')).toBe(`"'=A1 ""x"""`);
    expect(csvField('-1 day', false)).toBe('-1 day');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('guards the report downloads', () => {
    expect(rowsToCsv([{ type: '=cmd|" /C calc"!A0', n: -3 }])).toBe(`type,n\r\n"'=cmd|"" /C calc""!A0",-3\r\n`);
  });

  describe('as SQL', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb();
    });
    afterAll(() => db.close());

    it('gives the same text as formulaSafe', async () => {
      const all = [...FORMULAS, ...KEPT];
      db.exec(`CREATE TABLE t (i INTEGER, s VARCHAR)`);
      db.exec(`INSERT INTO t VALUES ${all.map((s, i) => `(${i}, '${s.replace(/'/g, "''")}')`).join(', ')}, (${all.length}, NULL)`);
      const rows = await db.query(`SELECT i, ${formulaSafeSql('s')} AS s FROM t ORDER BY i`);
      expect(rows.map((r) => r.s)).toEqual([...all.map(formulaSafe), null]);
    });
  });
});

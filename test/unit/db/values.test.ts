import { beforeAll, describe, expect, it } from 'vitest';
import { blobText, decimalText, intervalText, timestampText, timeText } from '../../../src/db/values';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});

/** Each expression's plain value next to DuckDB's own text of it. */
async function withText(exprs: string[]): Promise<{ value: unknown; text: string }[]> {
  const sql = `SELECT ${exprs.map((e, i) => `${e} AS v${i}, (${e})::VARCHAR AS t${i}`).join(', ')}`;
  const [row] = await db.query(sql);
  return exprs.map((_, i) => ({ value: row[`v${i}`], text: String(row[`t${i}`]) }));
}

describe('db/values (the editor review: intervals, times, decimals, nested values)', () => {
  it('reads INTERVALs as DuckDB prints them (apache-arrow cannot read MONTH_DAY_NANO)', async () => {
    const rows = await withText([
      `TIMESTAMP '2024-01-01 12:16:23' - TIMESTAMP '2024-01-01 10:00:00'`,
      `TIMESTAMP '2024-01-02 12:16:23' - TIMESTAMP '2024-01-01 10:00:00'`,
      `INTERVAL 3 DAY + INTERVAL 4 HOUR`,
      `INTERVAL '1 year 2 months 3 days 04:05:06.25'`,
      `INTERVAL '3 months 2 days'`,
      `INTERVAL 1 DAY`,
      `INTERVAL 1 MONTH`,
      `INTERVAL 2 YEAR`,
      `-INTERVAL 90 MINUTE`,
      `INTERVAL '-1 month'`,
      `INTERVAL '-3 days'`,
      `INTERVAL 0 SECOND`,
      `INTERVAL '00:00:00.000001'`,
      `INTERVAL '1000 hours'`,
    ]);
    for (const r of rows) expect(r.value).toBe(r.text);
    expect(rows[0].value).toBe('02:16:23');
    expect(rows[1].value).toBe('1 day 02:16:23');
    expect(rows[4].value).toBe('3 months 2 days');
  });

  it('reads intervals inside lists and structs', async () => {
    const [row] = await db.query(`SELECT [INTERVAL 1 DAY, INTERVAL 90 MINUTE] AS l, {'iv': INTERVAL '1 year'} AS s`);
    expect(row).toEqual({ l: ['1 day', '01:30:00'], s: { iv: '1 year' } });
  });

  it('reads TIME as DuckDB prints it', async () => {
    const rows = await withText([`TIME '13:45:07.5'`, `TIME '00:00:00'`, `TIME '23:59:59.999999'`, `TIME '01:02:03.000120'`]);
    for (const r of rows) expect(r.value).toBe(r.text);
    expect(rows[0].value).toBe('13:45:07.5');
  });

  it('keeps DECIMALs and HUGEINTs exact: numbers when the number is exact, else exact text', async () => {
    const rows = await withText([
      `12345678901234567.89::DECIMAL(38,2)`,
      `170141183460469231731687303715884105727::HUGEINT`,
      `-170141183460469231731687303715884105727::HUGEINT`,
      `0.1::DECIMAL(5,2) + 0.2::DECIMAL(5,2)`,
      `-1.5::DECIMAL(5,2)`,
      `9007199254740993::HUGEINT`,
      `0.0000001::DECIMAL(38,10)`,
      `123456789012345678::DECIMAL(18,0)`,
    ]);
    expect(rows.map((r) => r.value)).toEqual([
      '12345678901234567.89',
      '170141183460469231731687303715884105727',
      '-170141183460469231731687303715884105727',
      0.3,
      -1.5,
      '9007199254740993',
      '0.0000001000',
      '123456789012345678',
    ]);
    for (const r of rows) expect(Number(r.value)).toBe(Number(r.text));
  });

  it('names HUGEINT, DECIMAL(p,s), TIMESTAMPTZ, ENUM, INTERVAL and nested types as DuckDB does', async () => {
    const rs = await db.run(`SELECT 1::HUGEINT AS h, sum(3::INTEGER) AS s_int, sum(1.5::DECIMAL(10,2)) AS s_dec,
      12.5::DECIMAL(38,2) AS d, 18446744073709551615::UBIGINT AS ub, TIMESTAMPTZ '2024-03-10 02:30:00+00' AS tz,
      TIMESTAMP '2024-03-10 02:30:00' AS ts, TIMESTAMP_NS '2024-01-01 00:00:00' AS tns, 'a'::ENUM('a', 'b') AS en,
      INTERVAL 1 DAY AS iv, TIME '01:02:03' AS t, [TIMESTAMP '2024-01-01'] AS tl, {'a': 1, 'b': 'x'} AS st,
      MAP {'k': 1} AS mp, '\\x00'::BLOB AS bl`);
    expect(Object.fromEntries(rs.columns.map((c) => [c.name, c.type]))).toEqual({
      h: 'HUGEINT',
      s_int: 'HUGEINT',
      s_dec: 'DECIMAL(38,2)',
      d: 'DECIMAL(38,2)',
      ub: 'UBIGINT',
      tz: 'TIMESTAMPTZ',
      ts: 'TIMESTAMP',
      tns: 'TIMESTAMP_NS',
      en: 'ENUM',
      iv: 'INTERVAL',
      t: 'TIME',
      tl: 'TIMESTAMP[]',
      st: 'STRUCT(a INTEGER, b VARCHAR)',
      mp: 'MAP(VARCHAR, INTEGER)',
      bl: 'BLOB',
    });
    expect(rs.rows()[0].ub).toBe('18446744073709551615');
  });

  it('keeps the microseconds of a TIMESTAMP as the fraction of its epoch ms', async () => {
    const rows = await withText([`TIMESTAMP '2024-03-10 02:30:00.123456'`, `TIMESTAMP '1969-07-20 20:17:40.000001'`, `TIMESTAMP '2024-01-01 00:00:01.5'`]);
    for (const r of rows) expect(timestampText(r.value as number)).toBe(r.text);
  });

  it('converts values inside lists, structs and maps by the same rules, times and blobs as text', async () => {
    const [row] = await db.query(`SELECT [TIMESTAMP '2024-01-01 10:00:00', NULL] AS ts_list,
      {'a': 1, 'at': TIMESTAMP '2024-01-01 10:00:00.25', 'd': DATE '2024-02-03', 'big': 12345678901234567.89::DECIMAL(38,2)} AS st,
      MAP {'k1': DATE '2024-01-01'} AS mp, [1.5::DECIMAL(10,2)] AS dl, ['\\x00\\xFFa'::BLOB] AS bl, [[TIME '01:02:03']] AS nested`);
    expect(row).toEqual({
      ts_list: ['2024-01-01 10:00:00', null],
      st: { a: 1, at: '2024-01-01 10:00:00.25', d: '2024-02-03', big: '12345678901234567.89' },
      mp: { k1: '2024-01-01' },
      dl: [1.5],
      bl: ['\\x00\\xFFa'],
      nested: [['01:02:03']],
    });
  });

  it('reads text the same in any order, from chunks of plain ASCII and chunks with other characters', async () => {
    // Chunks of ASCII text are decoded once and sliced; any other character sends a chunk back
    // to one decode per value.
    const expected = (i: number) => (i % 5 === 0 ? null : i % 11 === 0 ? '' : i >= 3000 && i % 97 === 0 ? `é ${i} “x”` : `row ${i}`);
    const rs = await db.run(`SELECT CASE WHEN range % 5 = 0 THEN NULL WHEN range % 11 = 0 THEN '' WHEN range >= 3000 AND range % 97 = 0 THEN 'é ' || range || ' “x”' ELSE 'row ' || range END AS s,
      [CASE WHEN range % 2 = 0 THEN 'a' ELSE 'ü' END] AS l FROM range(6000) ORDER BY range`);
    const order = [...Array.from({ length: 6000 }, (_, i) => i), ...Array.from({ length: 6000 }, (_, i) => 5999 - i), 4000, 10, 5999, 0, 3007];
    for (const i of order) {
      expect(rs.cell(i, 0), `row ${i}`).toBe(expected(i));
      expect(rs.cell(i, 1), `row ${i}`).toEqual([i % 2 === 0 ? 'a' : 'ü']);
    }
  });

  it('writes the text forms', () => {
    expect(decimalText(-5n, 2)).toBe('-0.05');
    expect(decimalText(12n, 0)).toBe('12');
    expect(timeText(0n)).toBe('00:00:00');
    expect(intervalText(0, 0, 0n)).toBe('00:00:00');
    expect(intervalText(14, 3, 14_706_250_000n)).toBe('1 year 2 months 3 days 04:05:06.25');
    expect(blobText(new Uint8Array([0, 255, 97, 92]))).toBe('\\x00\\xFFa\\x5C');
  });
});

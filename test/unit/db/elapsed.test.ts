/**
 * Elapsed times between Denver wall-clock timestamps, in DuckDB (the store's macros): daylight
 * saving time is judged by the same rules as the ingest's denver-time.ts, and spans across a
 * change of the clocks count the hour the wall clocks gained or lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denverIsDst, elapsedMacrosSql, secondsBetween } from '../../../src/db/elapsed';
import { hoursBetween } from '../../../src/db/closure';
import { isDenverDst } from '../helpers/denver-elapsed';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const HOUR = 3_600_000;
let db: TestDb;

beforeAll(async () => {
  db = await openTestDb();
  for (const s of elapsedMacrosSql()) db.exec(s);
});
afterAll(() => db.close());

/** The wall-clock timestamp literal of wall-clock ms `w`. */
const ts = (w: number) => `TIMESTAMP '${new Date(w).toISOString().slice(0, 19).replace('T', ' ')}'`;

async function dst(at: string): Promise<boolean | null> {
  const [{ d }] = await db.query(`SELECT ${denverIsDst(`TIMESTAMP '${at}'`)} AS d`);
  return d as boolean | null;
}

describe('denverIsDst', () => {
  it.each([
    ['2024-01-15 12:00:00', false],
    ['2024-07-04 12:00:00', true],
    // 2024: second Sunday of March (the 10th) to first Sunday of November (the 3rd), at 02:00
    ['2024-03-10 01:59:59', false],
    ['2024-03-10 02:00:00', true],
    ['2024-03-10 03:00:00', true],
    ['2024-11-03 01:59:59', true],
    ['2024-11-03 02:00:00', false],
    // 2019: March 10, November 3; 2021: March 14, November 7 (the 1st was a Monday)
    ['2019-03-09 23:00:00', false],
    ['2021-03-14 02:30:00', true],
    ['2021-11-06 23:59:59', true],
    ['2021-11-07 02:00:00', false],
    // before 2007: first Sunday of April to last Sunday of October
    ['2006-03-12 12:00:00', false],
    ['2006-04-02 02:00:00', true],
    ['2006-10-29 01:59:59', true],
    ['2006-10-29 02:00:00', false],
    // years the macro has no bounds for count as standard time
    ['1969-07-04 12:00:00', false],
    ['1900-07-04 12:00:00', false],
    ['0800-07-04 12:00:00', false],
    ['2100-07-04 12:00:00', false],
    ['9999-07-04 12:00:00', false],
    ['2099-07-04 12:00:00', true],
  ])('%s is daylight time: %s', async (at, expected) => {
    expect(await dst(at)).toBe(expected);
  });

  it('is NULL for NULL', async () => {
    const [{ d }] = await db.query(`SELECT ${denverIsDst('CAST(NULL AS TIMESTAMP)')} AS d`);
    expect(d).toBeNull();
  });

  it('agrees with the ingest (denver-time.ts) on 3,000 wall-clock times, the changes of the clocks among them', async () => {
    const walls: number[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) walls.push(Date.UTC(1990, 0, 1) + Math.floor(next() * 40 * 365 * 24) * HOUR + Math.floor(next() * 3600) * 1000);
    for (let y = 1990; y < 2040; y++) {
      for (const [m, d0] of y >= 2007 ? [[2, 8], [10, 1]] : [[3, 1], [9, 25]]) {
        const first = Date.UTC(y, m, d0);
        const sunday = first + ((7 - new Date(first).getUTCDay()) % 7) * 24 * HOUR;
        for (const off of [-1, 0, 1, 2, 3]) walls.push(sunday + off * HOUR + (off === 1 ? 59 * 60_000 + 59_000 : 0));
      }
    }
    db.exec(`CREATE OR REPLACE TABLE walls (i INTEGER, w TIMESTAMP)`);
    db.exec(`INSERT INTO walls VALUES ${walls.map((w, i) => `(${i}, ${ts(w)})`).join(', ')}`);
    const rows = await db.query(`SELECT i, ${denverIsDst('w')} AS d FROM walls ORDER BY i`);
    const mismatches = rows.filter((r) => r.d !== isDenverDst(walls[Number(r.i)])).map((r) => new Date(walls[Number(r.i)]).toISOString());
    expect(rows.length).toBe(walls.length);
    expect(mismatches).toEqual([]);
  });
});

describe('secondsBetween / hoursBetween', () => {
  const hours = async (from: string, to: string) => {
    const [{ h }] = await db.query(`SELECT ${hoursBetween(`TIMESTAMP '${from}'`, `TIMESTAMP '${to}'`)} AS h`);
    return h;
  };

  it('counts the hour the clocks skip in spring and repeat in fall', async () => {
    expect(await hours('2024-03-09 12:00:00', '2024-03-11 12:00:00')).toBe(47);
    expect(await hours('2024-11-02 12:00:00', '2024-11-04 12:00:00')).toBe(49);
    expect(await hours('2024-03-10 01:30:00', '2024-03-10 03:30:00')).toBe(1);
    // backwards across a change too
    expect(await hours('2024-03-11 12:00:00', '2024-03-09 12:00:00')).toBe(-47);
  });

  it('is the wall-clock difference when both ends are on the same side of the changes', async () => {
    expect(await hours('2024-01-01 00:00:00', '2024-01-02 06:30:00')).toBe(30.5);
    expect(await hours('2024-06-01 08:00:00', '2024-06-01 08:00:00')).toBe(0);
    // a span over a whole year crosses both changes: they cancel
    expect(await hours('2023-01-10 00:00:00', '2024-01-10 00:00:00')).toBe(365 * 24);
    expect(await hours('2024-04-01 10:00:00', '2024-12-01 10:00:00')).toBe(244 * 24 + 1);
  });

  it('keeps fractions of a second and NULL', async () => {
    const [{ s, n }] = await db.query(
      `SELECT ${secondsBetween(`TIMESTAMP '2024-05-01 00:00:00'`, `TIMESTAMP '2024-05-01 00:00:01.25'`)} AS s,
        ${secondsBetween(`TIMESTAMP '2024-05-01 00:00:00'`, 'CAST(NULL AS TIMESTAMP)')} AS n`,
    );
    expect(s).toBe(1.25);
    expect(n).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { resultToParquet } from '../../../src/db/parquet';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;

beforeAll(async () => {
  db = await openTestDb();
});

describe('editor/export via Connector.copyTo', () => {
  it('writes CSV that DuckDB reads back', async () => {
    const bytes = await db.copyTo(`SELECT 1 AS a, 'x,"y"' AS b UNION ALL SELECT 2, NULL`, 'csv');
    const text = new TextDecoder().decode(bytes);
    expect(text.split(/\r?\n/)[0]).toBe('a,b');
    expect(text).toContain('"x,""y"""');
  });

  it('writes Parquet that a Parquet reader reads back', async () => {
    const sql = `SELECT range AS id, 'row ' || range AS label, TIMESTAMP '2025-01-02 03:04:05' + INTERVAL (range) MINUTE AS at, NULL::DOUBLE AS nothing FROM range(1000)`;
    const bytes = await db.copyTo(sql, 'parquet');
    const magic = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(magic(bytes.slice(0, 4))).toBe('PAR1');
    expect(magic(bytes.slice(-4))).toBe('PAR1');
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    expect(rows.length).toBe(1000);
    expect(rows[999]).toMatchObject({ id: 999n, label: 'row 999', nothing: null });
    expect((rows[0].at as Date).toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  it('writes a result in a given row order (the grid sort) without running anything', async () => {
    const rs = await db.run(`SELECT range AS id, 'row ' || range AS label FROM range(5)`);
    const bytes = resultToParquet(rs, [4, 2, 0]);
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    expect(rows).toEqual([
      { id: 4n, label: 'row 4' },
      { id: 2n, label: 'row 2' },
      { id: 0n, label: 'row 0' },
    ]);
  });
});

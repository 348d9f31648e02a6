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

describe('editor/export of the types the editor review found written wrong', () => {
  it('writes DATE as DATE, DECIMAL/HUGEINT as exact DECIMALs, BLOB as bytes, microseconds kept, nested values as JSON text', async () => {
    const { parquetMetadata } = await import('hyparquet');
    const rs = await db.run(`SELECT DATE '1969-07-20' AS d, 12345678901234567.89::DECIMAL(38,2) AS dec,
      170141183460469231731687303715884105727::HUGEINT AS huge, -1.5::DECIMAL(5,2) AS neg, '\\x00\\xFF'::BLOB AS bl,
      TIMESTAMP '2024-03-10 02:30:00.123456' AS ts, [1, 2] AS lst, INTERVAL 90 MINUTE AS iv`);
    const bytes = resultToParquet(rs);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const schema = Object.fromEntries(parquetMetadata(file).schema.slice(1).map((e) => [e.name, e]));
    expect(schema.d).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
    expect(schema.dec).toMatchObject({ converted_type: 'DECIMAL', precision: 38, scale: 2 });
    expect(schema.huge).toMatchObject({ converted_type: 'DECIMAL', precision: 38, scale: 0 });
    expect(schema.bl.type).toBe('BYTE_ARRAY');
    expect(schema.bl.converted_type).toBeUndefined();
    expect(schema.ts).toMatchObject({ type: 'INT64', converted_type: 'TIMESTAMP_MICROS' });
    const [row] = (await parquetReadObjects({ file, utf8: false })) as Record<string, unknown>[];
    expect((row.d as Date).toISOString().slice(0, 10)).toBe('1969-07-20');
    expect(row.dec).toBe(Number('12345678901234567.89'));
    expect(row.huge).toBe(Number('170141183460469231731687303715884105727'));
    expect(Array.from(row.bl as Uint8Array)).toEqual([0, 255]);
    expect(row.lst).toBe('[1,2]');
    expect(row.iv).toBe('01:30:00');
    expect(row.neg).toBe(-1.5);
    // hyparquet reads DECIMALs as doubles; the bytes hold the exact unscaled value (1234567890123456789).
    const needle = Uint8Array.from([0x11, 0x22, 0x10, 0xf4, 0x7d, 0xe9, 0x81, 0x15]);
    expect(Buffer.from(bytes).indexOf(Buffer.from(needle))).toBeGreaterThan(0);
  });

  it('writes NULL as an empty CSV field and an empty string as ""', async () => {
    const { toCsv } = await import('../../../src/editor/serialize');
    const rs = await db.run(`SELECT NULL::VARCHAR AS a, '' AS b, 'x' AS c, '\\x00\\xFF'::BLOB AS bl, 12345678901234567.89::DECIMAL(38,2) AS d`);
    expect(toCsv(rs)).toBe('a,b,c,bl,d\r\n,"",x,\\x00\\xFF,12345678901234567.89\r\n');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
let parquet = false;

beforeAll(async () => {
  db = await openTestDb();
  // The parquet extension is not built into duckdb-wasm; without it (no network here) skip.
  const rows = await db.query(`SELECT (loaded OR installed) AS ok FROM duckdb_extensions() WHERE extension_name = 'parquet'`);
  parquet = rows[0]?.ok === true;
});

describe('editor/export via Connector.copyTo', () => {
  it('writes CSV that DuckDB reads back', async () => {
    const bytes = await db.copyTo(`SELECT 1 AS a, 'x,"y"' AS b UNION ALL SELECT 2, NULL`, 'csv');
    const text = new TextDecoder().decode(bytes);
    expect(text.split(/\r?\n/)[0]).toBe('a,b');
    expect(text).toContain('"x,""y"""');
  });

  it('writes Parquet that read_parquet reads back', async (ctx) => {
    if (!parquet) ctx.skip('parquet extension unavailable offline');
    const sql = `SELECT range AS id, 'row ' || range AS label FROM range(1000)`;
    const bytes = await db.copyTo(sql, 'parquet');
    const magic = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(magic(bytes.slice(0, 4))).toBe('PAR1');
    expect(magic(bytes.slice(-4))).toBe('PAR1');
    db.exec(`COPY (${sql}) TO 'editor-export.parquet' (FORMAT parquet)`);
    expect(await db.query(`SELECT count(*)::INTEGER AS n, max(label) AS m FROM read_parquet('editor-export.parquet')`)).toEqual([
      { n: 1000, m: 'row 999' },
    ]);
  });
});

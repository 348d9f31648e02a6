import { describe, expect, it } from 'vitest';
import { castFor, parquetToIpc, rowsToIpc } from '../../../src/app/parquet-import';
import { resultToParquet } from '../../../src/db/parquet';
import { openTestDb } from '../helpers/duckdb';

describe('app/parquet-import: a Parquet file as a staged Arrow stream (what the restore worker does)', () => {
  it("reads a backup table's Parquet into a stream that stages and casts back to the stored values", async () => {
    const db = await openTestDb();
    db.exec(`CREATE TABLE t (id BIGINT, label VARCHAR, ts TIMESTAMP, d DATE, x DOUBLE, flag BOOLEAN)`);
    db.exec(`INSERT INTO t SELECT range, CASE WHEN range % 3 = 0 THEN NULL ELSE 'café ' || range END, TIMESTAMP '2025-03-09 01:30:00' + INTERVAL (range) HOUR,
      DATE '2024-02-28' + range::INTEGER, range / 8, range % 2 = 0 FROM range(3000)`);
    const bytes = resultToParquet(await db.run('SELECT * FROM t ORDER BY id'));
    const { ipc, rows } = await parquetToIpc(bytes.slice().buffer);
    expect(rows).toBe(3000);
    db.insertIpc(ipc!, 'staged');
    const types: Record<string, string> = { id: 'BIGINT', label: 'VARCHAR', ts: 'TIMESTAMP', d: 'DATE', x: 'DOUBLE', flag: 'BOOLEAN' };
    db.exec(`CREATE TABLE back AS SELECT ${Object.entries(types).map(([c, ty]) => `${castFor(ty, c)} AS ${c}`).join(', ')} FROM staged`);
    const diff = await db.query(`SELECT count(*) AS n FROM (SELECT * FROM t EXCEPT SELECT * FROM back) UNION ALL SELECT count(*) FROM back`);
    expect(diff.map((r) => Number(r.n))).toEqual([0, 3000]);
  });

  it('makes no stream of no rows', async () => {
    expect(rowsToIpc([])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { castFor, parquetGroupsToIpc, rowsToIpc } from '../../../src/app/parquet-import';
import { readParquetGroups } from '../../../src/app/parquet-reader';
import { encodeParquet } from '../../../src/db/parquet';
import { concatBytes } from '../../../src/ingest/bytes';
import { openTestDb } from '../helpers/duckdb';

describe('app/parquet-import: a Parquet file as a staged Arrow stream (what the restore worker does)', () => {
  it("reads a backup table's Parquet into a stream that stages and casts back to the stored values", async () => {
    const db = await openTestDb();
    db.exec(`CREATE TABLE t (id BIGINT, label VARCHAR, ts TIMESTAMP, d DATE, x DOUBLE, flag BOOLEAN)`);
    db.exec(`INSERT INTO t SELECT range, CASE WHEN range % 3 = 0 THEN NULL ELSE 'café ' || range END, TIMESTAMP '2025-03-09 01:30:00' + INTERVAL (range) HOUR,
      DATE '2024-02-28' + range::INTEGER, range / 8, range % 2 = 0 FROM range(3000)`);
    // Row groups of 1,000 rows: the file is read, and staged, a group at a time.
    const bytes = concatBytes(encodeParquet(await db.run('SELECT * FROM t ORDER BY id'), { groupRows: 1000 }));
    const groups: number[] = [];
    for await (const { ipc, rows } of parquetGroupsToIpc(bytes.slice().buffer)) {
      groups.push(rows);
      db.insertIpc(ipc!, 'staged', groups.length === 1);
    }
    expect(groups).toEqual([1000, 1000, 1000]);
    const types: Record<string, string> = { id: 'BIGINT', label: 'VARCHAR', ts: 'TIMESTAMP', d: 'DATE', x: 'DOUBLE', flag: 'BOOLEAN' };
    db.exec(`CREATE TABLE back AS SELECT ${Object.entries(types).map(([c, ty]) => `${castFor(ty, c)} AS ${c}`).join(', ')} FROM staged`);
    const diff = await db.query(`SELECT count(*) AS n FROM (SELECT * FROM t EXCEPT SELECT * FROM back) UNION ALL SELECT count(*) FROM back`);
    expect(diff.map((r) => Number(r.n))).toEqual([0, 3000]);
  });

  it('reads a Blob a row group at a time where there are no workers, each group handled before the next is read', async () => {
    const db = await openTestDb();
    const bytes = concatBytes(encodeParquet(await db.run(`SELECT range AS id, 'r' || range AS label FROM range(2500)`), { groupRows: 1000 }));
    const seen: string[] = [];
    const total = await readParquetGroups(new Blob([bytes as BlobPart]), async (ipc, rows) => {
      seen.push(`start ${rows}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(ipc).not.toBeNull();
      seen.push(`end ${rows}`);
    });
    expect(total).toBe(2500);
    expect(seen).toEqual(['start 1000', 'end 1000', 'start 1000', 'end 1000', 'start 500', 'end 500']);
  });

  it('makes no stream of no rows', async () => {
    expect(rowsToIpc([])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { castableText, parquetGroupsToIpc } from '../../../src/app/parquet-import';
import { readParquetGroups } from '../../../src/app/parquet-reader';
import { encodeParquet } from '../../../src/db/parquet';
import { concatBytes } from '../../../src/ingest/bytes';
import { openTestDb } from '../helpers/duckdb';

describe('app/parquet-import: a Parquet file as Arrow streams of a table\'s columns (what the restore worker does)', () => {
  it("reads a backup table's Parquet into a stream that stages and casts back to the stored values", async () => {
    const db = await openTestDb();
    db.exec(`CREATE TABLE t (id BIGINT, label VARCHAR, ts TIMESTAMP, d DATE, x DOUBLE, flag BOOLEAN)`);
    db.exec(`INSERT INTO t SELECT range, CASE WHEN range % 3 = 0 THEN NULL ELSE 'café ' || range END, TIMESTAMP '2025-03-09 01:30:00' + INTERVAL (range) HOUR,
      DATE '2024-02-28' + range::INTEGER, range / 8, range % 2 = 0 FROM range(3000)`);
    // Row groups of 1,000 rows: the file is read, and appended, a group at a time, as the
    // table's own columns (one more the backup does not have, a newer schema's, comes back null).
    db.exec(`CREATE TABLE back (id BIGINT, label VARCHAR, ts TIMESTAMP, d DATE, x DOUBLE, flag BOOLEAN, added INTEGER)`);
    const target = (await db.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'back' ORDER BY ordinal_position`)).map(
      (c) => ({ name: String(c.name), type: String(c.type) }),
    );
    const bytes = concatBytes(encodeParquet(await db.run('SELECT * FROM t ORDER BY id'), { groupRows: 1000 }));
    const groups: number[] = [];
    for await (const { ipc, rows } of parquetGroupsToIpc(bytes.slice().buffer, target)) {
      groups.push(rows);
      db.insertIpc(ipc!, 'back', false);
    }
    expect(groups).toEqual([1000, 1000, 1000]);
    const diff = await db.query(`SELECT count(*) AS n FROM (SELECT * FROM t EXCEPT SELECT * EXCLUDE (added) FROM back) UNION ALL SELECT count(*) FROM back WHERE added IS NULL`);
    expect(diff.map((r) => Number(r.n))).toEqual([0, 3000]);
  });

  it('sends integers past 2^53 as exact text, and times as wall-clock text', async () => {
    const db = await openTestDb();
    const bytes = concatBytes(encodeParquet(await db.run(`SELECT * FROM (VALUES (9223372036854775807, 7), (-9007199254740993, 8), (1, NULL)) v(h, n)`)));
    db.exec(`CREATE TABLE big (h BIGINT, n INTEGER)`);
    for await (const { ipc } of parquetGroupsToIpc(bytes.slice().buffer, [{ name: 'h', type: 'BIGINT' }, { name: 'n', type: 'INTEGER' }])) db.insertIpc(ipc!, 'big', false);
    expect(await db.query(`SELECT h::VARCHAR AS h, n FROM big ORDER BY n NULLS LAST`)).toEqual([
      { h: '9223372036854775807', n: 7 },
      { h: '-9007199254740993', n: 8 },
      { h: '1', n: null },
    ]);
    expect(castableText(new Date(Date.UTC(2025, 2, 9, 2, 30, 0, 125)), 'TIMESTAMP')).toBe('2025-03-09 02:30:00.125');
    expect(castableText(new Date(Date.UTC(2024, 1, 29)), 'DATE')).toBe('2024-02-29');
    expect(castableText(undefined, 'VARCHAR')).toBeNull();
  });

  it('reads a Blob a row group at a time where there are no workers, each group handled before the next is read', async () => {
    const db = await openTestDb();
    const bytes = concatBytes(encodeParquet(await db.run(`SELECT range AS id, 'r' || range AS label FROM range(2500)`), { groupRows: 1000 }));
    const seen: string[] = [];
    const total = await readParquetGroups(new Blob([bytes as BlobPart]), [{ name: 'id', type: 'BIGINT' }], async (ipc, rows) => {
      seen.push(`start ${rows}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(ipc).not.toBeNull();
      seen.push(`end ${rows}`);
    });
    expect(total).toBe(2500);
    expect(seen).toEqual(['start 1000', 'end 1000', 'start 1000', 'end 1000', 'start 500', 'end 500']);
  });

  it('makes no stream of a row group without rows', async () => {
    const db = await openTestDb();
    const bytes = concatBytes(encodeParquet(await db.run(`SELECT 'x' AS a WHERE false`)));
    const groups = [];
    for await (const g of parquetGroupsToIpc(bytes.slice().buffer, [{ name: 'a', type: 'VARCHAR' }])) groups.push(g);
    expect(groups.every((g) => g.ipc === null && g.rows === 0)).toBe(true);
  });
});

import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { IpcParquetEncoder, ParquetEncoder, arrowValues, encodeParquet, parquetPlan, parquetValues, resultToParquet } from '../../../src/db/parquet';
import { batchesToIpc, fromIpcPieces, toResultSet } from '../../../src/db/result-set';
import { concatBytes } from '../../../src/ingest/bytes';
import type { ResultSet } from '../../../src/db/types';
import { openRawConnection, openTestDb, type TestDb } from '../helpers/duckdb';

// Node's duckdb-wasm build returns tables of the CommonJS copy of apache-arrow: its writer makes
// their IPC bytes here, as the page's own copy does in the browser.
const cjsArrow = createRequire(import.meta.url)('apache-arrow') as { tableToIPC(t: unknown, f: 'stream'): Uint8Array };

let db: TestDb;
let rs: ResultSet;

beforeAll(async () => {
  db = await openTestDb();
  rs = await db.run(`SELECT range AS id, CASE WHEN range % 7 = 0 THEN NULL ELSE 'row ' || range END AS label,
    TIMESTAMP '2025-01-02 03:04:05' + INTERVAL (range) MINUTE AS at, range / 4 AS share FROM range(2500)`);
});

const read = async (bytes: Uint8Array) => {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { meta: parquetMetadata(file), rows: (await parquetReadObjects({ file })) as Record<string, unknown>[] };
};

describe('ParquetEncoder: a file written a slice at a time', () => {
  it('cuts row groups at the given size whatever the slices, and hands the bytes over a row group at a time', async () => {
    const plan = parquetPlan(rs);
    const encoder = new ParquetEncoder(plan.schema, 1000);
    for (let start = 0; start < rs.rowCount; start += 300) encoder.add(parquetValues(rs, plan, start, Math.min(rs.rowCount, start + 300)));
    expect(encoder.rowCount).toBe(2500);
    const chunks = encoder.finish();
    // One piece per row group (the first with the header), then the footer.
    expect(chunks.length).toBe(4);
    const { meta, rows } = await read(concatBytes(chunks));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    expect(rows.length).toBe(2500);
    expect(rows[0]).toMatchObject({ id: 0n, label: null, share: 0 });
    expect(rows[1999]).toMatchObject({ id: 1999n, label: 'row 1999', share: 499.75 });
    expect((rows[2499].at as Date).toISOString()).toBe('2025-01-03T20:43:05.000Z');
  });

  it('writes the same file as resultToParquet (one go, row groups of 100k) when fed whole row groups', async () => {
    const plan = parquetPlan(rs);
    const encoder = new ParquetEncoder(plan.schema);
    encoder.add(parquetValues(rs, plan, 0, 1234));
    encoder.add(parquetValues(rs, plan, 1234, 2500));
    expect(concatBytes(encoder.finish())).toEqual(resultToParquet(rs));
  });

  it('writes an empty result as a file with its columns and no rows', async () => {
    const empty = await db.run(`SELECT 1 AS a, 'x' AS b WHERE false`);
    const { meta, rows } = await read(resultToParquet(empty));
    expect(meta.schema.slice(1).map((e) => e.name)).toEqual(['a', 'b']);
    expect(Number(meta.num_rows)).toBe(0);
    expect(rows).toEqual([]);
  });
});

describe('a result sent to the Parquet worker as Arrow IPC pieces', () => {
  const SQL = `SELECT range AS id, CASE WHEN range % 7 = 0 THEN NULL ELSE 'café ' || range END AS label, DATE '2024-02-28' + (range % 5)::INTEGER AS d,
    (range / 3)::DECIMAL(12,3) AS dec, [range, range + 1] AS pair, range % 2 = 0 AS even,
    CASE WHEN range % 11 = 0 THEN NULL ELSE TIMESTAMP '2025-03-09 01:59:59.123456' + INTERVAL (range * 7) SECOND END AS at, range / 8 AS share,
    (range % 300)::SMALLINT AS small, (range * 1000)::UINTEGER AS wide, CASE WHEN range % 13 = 0 THEN NULL ELSE range % 3 = 0 END AS maybe FROM range(2500)`;
  /** A result of the page's own apache-arrow, as the browser's connector returns (see cjsArrow). */
  const pageResult = async (sql: string) => toResultSet(tableFromIPC(cjsArrow.tableToIPC((await openRawConnection()).query(sql), 'stream')));

  it('makes the same file from the pieces as from the result itself, in the given order, slice by slice across row groups, saying how far it is', async () => {
    const conn = await openRawConnection();
    const here = toResultSet(conn.query(SQL));
    // A table of the other copy of apache-arrow does not travel (its bytes would read as empty).
    expect(here.ipcPieces!()).toBeNull();
    const there = fromIpcPieces([...(await pageResult(SQL)).ipcPieces!()!]);
    expect(there.columns).toEqual(here.columns);
    const order = Array.from({ length: 2500 }, (_, i) => 2499 - i);
    const seen: number[] = [];
    const bytes = concatBytes(encodeParquet(there, { order, onSlice: (rows) => seen.push(rows), sliceRows: 700, groupRows: 1000 }));
    expect(seen).toEqual([700, 1400, 2100, 2500]);
    expect(bytes).toEqual(concatBytes(encodeParquet(here, { order, groupRows: 1000 })));
    expect(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ id: 2499n, label: null, pair: '[2499,2500]', even: false });
    expect(rows[1]).toMatchObject({ id: 2498n, label: 'café 2498', even: true });
    expect(rows[2499]).toMatchObject({ id: 0n, label: null, even: true });
    expect(rows[2498]).toMatchObject({ id: 1n, label: 'café 1' });
  });

  it('cuts a large result into several pieces that read back whole, ENUMs included; an empty one into one', async () => {
    const sql = `SELECT range AS id, (['low', 'mid', 'high'])[range % 3 + 1]::ENUM ('low', 'mid', 'high') AS level FROM range(50000)`;
    const own = await pageResult(sql);
    const pieces = [...own.ipcPieces!()!];
    expect(pieces.length).toBeGreaterThan(1);
    const back = fromIpcPieces(pieces);
    expect(back.rowCount).toBe(50000);
    expect(back.columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 'level', type: 'ENUM' }]);
    for (const r of [0, 1, 2, 40000, 49999]) expect(back.rows(r, r + 1)).toEqual(own.rows(r, r + 1));
    const empty = await pageResult(`SELECT 1 AS a, 'x' AS b WHERE false`);
    const none = [...empty.ipcPieces!()!];
    expect(none.length).toBe(1);
    expect(fromIpcPieces(none)).toMatchObject({ rowCount: 0, columns: [{ name: 'a', type: 'INTEGER' }, { name: 'b', type: 'VARCHAR' }] });
  });

  it('writes a streamed result piece by piece into the same file as the whole result, handing over each row group as it completes', async () => {
    const own = await pageResult(SQL);
    const table = tableFromIPC(concatBytes([...own.ipcPieces!()!]));
    // Pieces of 300 rows, as Database.streamIpc makes them of DuckDB's batches.
    const batches = table.batches.flatMap((b) => Array.from({ length: Math.ceil(b.numRows / 300) }, (_, i) => b.slice(i * 300, Math.min(b.numRows, (i + 1) * 300))));
    // Every flat column of a common type is read straight from its Arrow buffers; the decimal
    // and the list go cell by cell (the same file either way, as the comparison below checks).
    const plan = parquetPlan(toResultSet(table));
    expect(plan.columns.map((col, c) => arrowValues(table.getChildAt(c)!.data as never, col) !== null)).toEqual([
      true, true, true, false, false, true, true, true, true, true, true,
    ]);
    const encoder = new IpcParquetEncoder(1000);
    const handed: number[] = [];
    const chunks: Uint8Array[] = [];
    for (const batch of batches) {
      const out = encoder.add(batchesToIpc([batch]));
      if (out.length) handed.push(encoder.rowCount);
      chunks.push(...out);
    }
    chunks.push(...encoder.finish());
    // Row groups go out as soon as they are complete: in the pieces holding the 1,000th and the
    // 2,000th row (DuckDB's first batch of 2,048 rows ends a piece early).
    expect(handed).toEqual([1200, 2048]);
    expect(concatBytes(chunks)).toEqual(concatBytes(encodeParquet(own, { groupRows: 1000 })));
    const empty = new IpcParquetEncoder();
    const schema = tableFromIPC([...(await pageResult(`SELECT 1 AS a, 'x' AS b WHERE false`)).ipcPieces!()!][0]).schema;
    expect(empty.add(batchesToIpc([], schema))).toEqual([]);
    const file = concatBytes(empty.finish());
    expect(parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer)).toMatchObject({ num_rows: 0n });
    expect(() => new IpcParquetEncoder().finish()).toThrow(/no piece/);
  });

  it("does not send an interval (apache-arrow 17 cannot read DuckDB's)", async () => {
    expect((await pageResult(`SELECT 1 AS a, {'i': INTERVAL 90 MINUTE} AS s`)).ipcPieces!()).toBeNull();
  });
});

/** Staging batches from BatchBuilder, inserted into a real (Node) DuckDB as IPC bytes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinIpcStreams } from '../../../src/ingest/arrow-columns';
import { BatchBuilder } from '../../../src/ingest/batch-builder';
import { detectHeader } from '../../../src/ingest/detect';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { ACC_19, SR_CLASSIC } from './fixtures/headers';
import { accRecord, srRecord } from './fixtures/rows';

describe('ingest/batch-builder → DuckDB', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db?.close());

  it('inserts a 311 batch: counts, NULLs, non-ASCII text, wall-clock timestamps', async () => {
    const b = new BatchBuilder(detectHeader(SR_CLASSIC));
    b.add(srRecord({ 'Case Summary': 'Café “Red Days” 𝄞 — ñ' }), 2);
    b.add(srRecord({ 'Case Summary': '', Longitude: '0', Latitude: '0', 'Council District': '' }), 3);
    b.add(srRecord({ 'Case Summary': 'plain ascii' }), 4);
    db.insertIpc(b.flush(), 'stage_sr');

    const [r] = await db.query(`
      SELECT count(*) AS n, count(case_summary) AS summaries, count(longitude) AS lons,
             count(council_district) AS districts, count(coord_flag) AS flagged,
             max(CASE WHEN source_line = 2 THEN case_summary END) AS summary,
             strftime(epoch_ms(CAST(min(created_at) AS BIGINT)), '%Y-%m-%d %H:%M:%S') AS created
      FROM stage_sr`);
    expect(r).toEqual({
      n: 3,
      summaries: 2,
      lons: 2,
      districts: 2,
      flagged: 1,
      summary: 'Café “Red Days” 𝄞 — ñ',
      created: '2019-10-14 22:20:00',
    });
    const types = await db.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'stage_sr' AND column_name IN ('case_summary', 'created_at', 'row_key')`,
    );
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.data_type]))).toEqual({
      case_summary: 'VARCHAR',
      created_at: 'DOUBLE',
      row_key: 'VARCHAR',
    });
  });

  it('keeps ids above 2^53 exact as text, and appends later batches', async () => {
    const b = new BatchBuilder(detectHeader(ACC_19));
    b.add(accRecord({ OFFENSE_ID: '20148031043544100', INCIDENT_ID: '20148031043.0' }), 2);
    db.insertIpc(b.flush(), 'stage_acc');
    b.add(accRecord({ OFFENSE_ID: '9007199254740993' }), 3); // 2^53 + 1
    db.insertIpc(b.flush(), 'stage_acc', false);

    const rows = await db.query(`
      SELECT offense_id, CAST(offense_id AS BIGINT) % 1000 AS last3, incident_id, row_key,
             CAST(bicycle_ind AS BOOLEAN) AS bike
      FROM stage_acc ORDER BY source_line`);
    expect(rows).toEqual([
      { offense_id: '20148031043544100', last3: 100, incident_id: '20148031043', row_key: 'o:20148031043544100', bike: true },
      { offense_id: '9007199254740993', last3: 993, incident_id: '201411917', row_key: 'o:9007199254740993', bike: true },
    ]);
  });

  it('creates a table from an empty batch', async () => {
    const b = new BatchBuilder(detectHeader(SR_CLASSIC));
    db.insertIpc(b.flush(), 'stage_empty');
    const [r] = await db.query('SELECT count(*) AS n FROM stage_empty');
    expect(r.n).toBe(0);
  });

  it('inserts batches joined as bytes into one stream: every row, in order', async () => {
    const b = new BatchBuilder(detectHeader(SR_CLASSIC));
    const streams = [3, 1, 4].map((n, k) => {
      for (let i = 0; i < n; i++) b.add(srRecord({ 'Case Summary': `run ${k} “row” ${i}` }), 10 * k + i + 2);
      return b.flush();
    });
    db.insertIpc(joinIpcStreams(streams), 'stage_joined');
    const rows = await db.query(`SELECT source_line AS line, case_summary AS summary FROM stage_joined ORDER BY rowid`);
    expect(rows.map((r) => Number(r.line))).toEqual([2, 3, 4, 12, 22, 23, 24, 25]);
    expect(rows[4].summary).toBe('run 2 “row” 0');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import {
  classCountsSql,
  dropStagingSql,
  loadFiguresSql,
  mergeStatements,
  stagedRowsSql,
  workspace,
  type Workspace,
} from '../../../src/db/merge-sql';
import { chooseInsertOrder } from '../../../src/db/compact';
import { migrationSql } from '../../../src/db/schema';
import { stagingColumnsDdl } from '../../../src/db/staging-ddl';
import { str } from '../../../src/sql/quote';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 10, 9, 30);

interface R {
  key: string;
  hash: string;
  day: number;
  type?: string;
  line: number;
}

/**
 * Stages rows with `stageRows` (INSERT statements into the staged table) and merges them as one
 * load of `dataset`, as the ingest runner does; returns the classification counts and figures.
 */
async function mergeLoad(
  db: TestDb,
  dataset: 'traffic_accidents' | 'service_requests',
  loadId: number,
  stageRows: (stage: string) => string[],
  ws: Workspace,
  objectIds = false,
): Promise<Record<string, unknown>> {
  db.exec(`ATTACH IF NOT EXISTS ':memory:' AS staging`);
  db.exec(dropStagingSql(ws).join(';'));
  db.exec(`CREATE TABLE ${ws.stage} (${stagingColumnsDdl(dataset)})`);
  db.exec(`CREATE TABLE ${ws.rejects} (line DOUBLE, reason VARCHAR, raw VARCHAR)`);
  for (const sql of stageRows(ws.stage)) db.exec(sql);
  db.exec(stagedRowsSql(dataset, ws));
  const [fig] = await db.query(loadFiguresSql(ws));
  const { prepare, apply } = mergeStatements({ dataset, loadId, ws, objectIds });
  for (const s of prepare) db.exec(s);
  const [cls] = await db.query(classCountsSql(ws));
  const order = await chooseInsertOrder(db, ws);
  db.exec('BEGIN');
  for (const s of apply(order)) db.exec(s);
  db.exec(`INSERT INTO ingest_log (load_id, dataset, data_max_at) VALUES (${loadId}, '${dataset}', ${fig.data_max_at === null ? 'NULL' : `epoch_ms(${fig.data_max_at})`})`);
  db.exec('COMMIT');
  db.exec(dropStagingSql(ws).join(';'));
  return { ...(cls as Record<string, number>), duplicates: Number(fig.duplicates), key_clashes: Number(fig.key_clashes), order };
}

/** Stages accident rows (only the columns the merge looks at) and merges them as one load. */
function load(db: TestDb, loadId: number, rows: R[], ws: Workspace = workspace(false)): Promise<Record<string, unknown>> {
  return mergeLoad(db, 'traffic_accidents', loadId, (stage) =>
    rows.map(
      (r) => `INSERT INTO ${stage} (row_key, content_hash, first_occurrence_at, offense_type_id, neighborhood_slug, source_line)
      VALUES (${str(r.key)}, ${str(r.hash)}, ${T0 + r.day * DAY}, ${str(r.type ?? 'traffic-accident')}, 'cbd', ${r.line})`,
    ), ws);
}

describe('db/merge-sql', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    for (const s of migrationSql(0)) db.exec(s);
  });

  it('inserts new keys, collapses exact duplicates and rejects id clashes', async () => {
    const c = await load(db, 1, [
      { key: 'o:1', hash: 'a', day: 0, line: 2 },
      { key: 'o:1', hash: 'a', day: 0, line: 3 },
      { key: 'o:2', hash: 'b', day: 1, line: 4 },
      { key: 'o:2', hash: 'c', day: 1, line: 5 },
      { key: 'n:x', hash: 'd', day: 2, line: 6 },
      { key: 'n:x', hash: 'e', day: 2, line: 7 },
    ]);
    expect(c).toMatchObject({ inserted: 4, updated: 0, unchanged: 0, duplicates: 1, key_clashes: 1 });
    const keys = (await db.query(`SELECT row_key FROM traffic_accidents ORDER BY row_key`)).map((r) => r.row_key);
    expect(keys).toEqual(['n:x', 'n:x#2', 'o:1', 'o:2']);
  });

  it('is idempotent: the same rows again change nothing but last_seen', async () => {
    const rows = [
      { key: 'o:1', hash: 'a', day: 0, line: 2 },
      { key: 'o:2', hash: 'b', day: 1, line: 3 },
    ];
    await load(db, 1, rows);
    const before = await db.query(`SELECT * EXCLUDE (last_seen) FROM traffic_accidents ORDER BY row_key`);
    const c = await load(db, 2, rows);
    expect(c).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await db.query(`SELECT * EXCLUDE (last_seen) FROM traffic_accidents ORDER BY row_key`)).toEqual(before);
    expect((await db.query(`SELECT DISTINCT last_seen FROM traffic_accidents`))[0].last_seen).toBe(2);
  });

  it('updates changed records from a newer file, keeps history and absent rows', async () => {
    await load(db, 1, [
      { key: 'o:1', hash: 'a', day: 0, line: 2 },
      { key: 'o:2', hash: 'b', day: 1, line: 3 },
    ]);
    const c = await load(db, 2, [
      { key: 'o:2', hash: 'b2', day: 1, type: 'traffic-accident-hit-and-run', line: 2 },
      { key: 'o:3', hash: 'c', day: 40, line: 3 },
    ]);
    expect(c).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    const rows = await db.query(`SELECT row_key, offense_type_id, first_seen, last_seen, version_load FROM traffic_accidents ORDER BY row_key`);
    expect(rows).toEqual([
      { row_key: 'o:1', offense_type_id: 'traffic-accident', first_seen: 1, last_seen: 1, version_load: 1 },
      { row_key: 'o:2', offense_type_id: 'traffic-accident-hit-and-run', first_seen: 1, last_seen: 2, version_load: 2 },
      { row_key: 'o:3', offense_type_id: 'traffic-accident', first_seen: 2, last_seen: 2, version_load: 2 },
    ]);
    const hist = await db.query(`SELECT row_key, replaced_by_load, version_load, content_hash FROM traffic_accidents_history`);
    expect(hist).toEqual([{ row_key: 'o:2', replaced_by_load: 2, version_load: 1, content_hash: 'b' }]);
  });

  it('merges the same way when staging on disk (large files)', async () => {
    const big = workspace(true);
    await load(db, 1, [{ key: 'o:1', hash: 'a', day: 0, line: 2 }, { key: 'o:1', hash: 'a', day: 0, line: 3 }], big);
    const c = await load(db, 2, [{ key: 'o:1', hash: 'b', day: 5, line: 2 }, { key: 'o:2', hash: 'c', day: 6, line: 3 }], big);
    expect(c).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    const left = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '\\_lens\\_%' ESCAPE '\\'`);
    expect(left[0].n).toBe(0);
  });

  it('never rolls a record back when an older file is loaded after a newer one', async () => {
    await load(db, 1, [{ key: 'o:2', hash: 'new', day: 40, line: 2 }]);
    const c = await load(db, 2, [
      { key: 'o:2', hash: 'old', day: 1, line: 2 },
      { key: 'o:9', hash: 'z', day: 0, line: 3 },
    ]);
    expect(c).toMatchObject({ inserted: 1, updated: 0, stale: 1 });
    expect((await db.query(`SELECT content_hash FROM traffic_accidents WHERE row_key = 'o:2'`))[0].content_hash).toBe('new');
  });

  /** Stages `n` accidents on lines 2.., the line-th one at minute `minute(i)` (SQL over i = 0..n-1), and merges them. */
  const loadGenerated = (loadId: number, n: number, minute: string, ws = workspace(false)) =>
    mergeLoad(db, 'traffic_accidents', loadId, (stage) => [
      `INSERT INTO ${stage} (row_key, content_hash, first_occurrence_at, offense_type_id, neighborhood_slug, source_line)
SELECT 'o:' || i, 'h' || i, ${T0} + 60000 * (${minute}), 'traffic-accident', 'cbd', i + 2 FROM range(${n}) r(i)`,
    ], ws);
  /** How often a stored row is earlier in time than the one stored before it, and the rows. */
  const backSteps = async () =>
    (await db.query(`SELECT count(*) FILTER (WHERE first_occurrence_at < prev) AS back, count(*) AS n
FROM (SELECT first_occurrence_at, lag(first_occurrence_at) OVER (ORDER BY rowid) AS prev FROM traffic_accidents)`))[0];

  it('appends a file written in time order as it is, and sorts one that is not', async () => {
    // In time order, three row groups: appended in file order, which is time order.
    expect(await loadGenerated(1, 300_000, 'i')).toMatchObject({ inserted: 300_000, order: 'file' });
    expect(await backSteps()).toEqual({ back: 0, n: 300_000 });
    // Scrambled (7919 is coprime with 300000): sorted by event time before it is appended.
    db.exec(`DELETE FROM traffic_accidents`);
    expect(await loadGenerated(2, 300_000, '(i * 7919) % 300000')).toMatchObject({ inserted: 300_000, order: 'time' });
    expect(await backSteps()).toEqual({ back: 0, n: 300_000 });
    // Fewer rows than a row group: no order within one group is worth a sort.
    db.exec(`DELETE FROM traffic_accidents`);
    expect(await loadGenerated(3, 1_000, '(i * 7) % 1000')).toMatchObject({ inserted: 1_000, order: 'file' });
    // A large load keeps file order (the compaction after it sorts in slices if needed).
    db.exec(`DELETE FROM traffic_accidents`);
    expect(await loadGenerated(4, 300_000, '(i * 7919) % 300000', workspace(true))).toMatchObject({ inserted: 300_000, order: 'file' });
  }, 120_000);
});

interface SR {
  key: string;
  hash: string;
  day: number;
  oid?: number;
  closedDay?: number;
  line: number;
}

/** Stages 311 rows (the columns the merge and the open requests look at) and merges them as one load. */
function load311(db: TestDb, loadId: number, rows: SR[], ws: Workspace = workspace(false)): Promise<Record<string, unknown>> {
  const stageRows = (stage: string) =>
    rows.map(
      (r) => `INSERT INTO ${stage} (row_key, content_hash, created_at, closed_at, object_id, type, neighborhood_slug, source_line)
      VALUES (${str(r.key)}, ${str(r.hash)}, ${T0 + r.day * DAY}, ${r.closedDay === undefined ? 'NULL' : T0 + r.closedDay * DAY},
        ${r.oid === undefined ? 'NULL' : str(String(r.oid))}, 'Pothole', 'cbd', ${r.line})`,
    );
  return mergeLoad(db, 'service_requests', loadId, stageRows, ws, rows.some((r) => r.oid !== undefined));
}

describe('db/merge-sql: 311 stores keyed by OBJECTID before natural keys', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    for (const s of migrationSql(0)) db.exec(s);
  });

  it.each([false, true])('renames the stored oid: keys an ArcGIS file matches, then merges by natural key (large: %s)', async (large) => {
    const ws = workspace(large);
    // As an earlier build stored an ArcGIS file: keyed by OBJECTID.
    await load311(db, 1, [
      { key: 'oid:101', hash: 'a', day: 0, oid: 101, closedDay: 1, line: 2 },
      { key: 'oid:102', hash: 'b', day: 1, oid: 102, line: 3 },
      { key: 'oid:104', hash: 'd', day: 2, oid: 104, line: 4 },
    ], ws);
    expect(await db.query(`SELECT row_key FROM open_requests ORDER BY 1`)).toEqual([{ row_key: 'oid:102' }, { row_key: 'oid:104' }]);
    // The same layer now, keyed by natural key: 101 unchanged, 102 closed since, 103 new, 104 absent.
    const c = await load311(db, 2, [
      { key: 'n:x', hash: 'a', day: 0, oid: 101, closedDay: 1, line: 2 },
      { key: 'n:y', hash: 'b2', day: 1, oid: 102, closedDay: 3, line: 3 },
      { key: 'n:z', hash: 'c', day: 3, oid: 103, line: 4 },
    ], ws);
    expect(c).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, stale: 0 });
    const stored = await db.query(`SELECT row_key, content_hash, first_seen, last_seen FROM service_requests ORDER BY 1`);
    expect(stored).toEqual([
      { row_key: 'n:x', content_hash: 'a', first_seen: 1, last_seen: 2 },
      { row_key: 'n:y', content_hash: 'b2', first_seen: 1, last_seen: 2 },
      { row_key: 'n:z', content_hash: 'c', first_seen: 2, last_seen: 2 },
      { row_key: 'oid:104', content_hash: 'd', first_seen: 1, last_seen: 1 },
    ]);
    expect(await db.query(`SELECT row_key, content_hash FROM service_requests_history`)).toEqual([{ row_key: 'n:y', content_hash: 'b' }]);
    expect(await db.query(`SELECT row_key FROM open_requests ORDER BY 1`)).toEqual([{ row_key: 'n:z' }, { row_key: 'oid:104' }]);
    // The classic file of the same records (no OBJECTID) changes nothing.
    const again = await load311(db, 3, [
      { key: 'n:x', hash: 'a', day: 0, closedDay: 1, line: 2 },
      { key: 'n:y', hash: 'b2', day: 1, closedDay: 3, line: 3 },
      { key: 'n:z', hash: 'c', day: 3, line: 4 },
    ], ws);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await db.query(`SELECT count(*) AS n FROM service_requests`)).toEqual([{ n: 4 }]);
  });

  it('leaves a stored oid: row alone when the natural key is stored already', async () => {
    await load311(db, 1, [
      { key: 'n:x', hash: 'a', day: 0, line: 2 },
      { key: 'oid:101', hash: 'a', day: 0, oid: 101, line: 3 },
    ]);
    const c = await load311(db, 2, [{ key: 'n:x', hash: 'a', day: 0, oid: 101, line: 2 }]);
    expect(c).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(await db.query(`SELECT row_key FROM service_requests ORDER BY 1`)).toEqual([{ row_key: 'n:x' }, { row_key: 'oid:101' }]);
  });
});

/**
 * The rollups stay equal to a full recomputation while loads merge new, changed, unchanged and
 * stale records (changed records move between days, months, types, neighborhoods and grid
 * cells; some have no time or no coordinates), in both datasets and both staging workspaces.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { classCountsSql, dropStagingSql, loadFiguresSql, mergeStatements, stagedRowsSql, workspace, type Workspace } from '../../../src/db/merge-sql';
import { CLOSURE_ROLLUPS, DERIVED_TABLES, ROLLUPS, createRollupSql, rebuildDerivedSql, refreshRollupsSql } from '../../../src/db/rollups';
import { chooseInsertOrder } from '../../../src/db/compact';
import { closeBinExpr, closureStateExpr, hoursBetween } from '../../../src/db/closure';
import { elapsedMacrosSql } from '../../../src/db/elapsed';
import { SCHEMA_VERSION, migrationSql, migrations } from '../../../src/db/schema';
import { denverDstBounds } from '../../../src/ingest/normalize/denver-time';
import { stagingColumnsDdl } from '../../../src/db/staging-ddl';
import { eventTimeColumn, type Dataset } from '../../../src/domain/columns';
import { ident, literal, str } from '../../../src/sql/quote';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 30, 22, 30);

interface Rec {
  key: string;
  hash: string;
  /** Days after T0 (hours too: fractions), or null for no time. */
  day: number | null;
  type?: string;
  hood?: string | null;
  source?: string | null;
  lon?: number | null;
  lat?: number | null;
  /** 311: hours from creation to closure (null: open, the default). */
  closeHours?: number | null;
  agency?: string;
}

const TYPE_COLUMN: Record<Dataset, string> = { service_requests: 'type', traffic_accidents: 'offense_type_id' };

/** Stages records and merges them as one load, as the ingest does (one transaction). */
async function load(db: TestDb, dataset: Dataset, loadId: number, rows: Rec[], ws: Workspace = workspace(false)): Promise<Record<string, number>> {
  db.exec(`ATTACH IF NOT EXISTS ':memory:' AS staging`);
  db.exec(dropStagingSql(ws).join(';'));
  db.exec(`CREATE TABLE ${ws.stage} (${stagingColumnsDdl(dataset)})`);
  db.exec(`CREATE TABLE ${ws.rejects} (line DOUBLE, reason VARCHAR, raw VARCHAR)`);
  const cols = ['row_key', 'content_hash', eventTimeColumn(dataset), TYPE_COLUMN[dataset], 'neighborhood_slug', 'longitude', 'latitude', 'source_line'];
  if (dataset === 'service_requests') cols.push('case_source', 'closed_at', 'agency');
  rows.forEach((r, i) => {
    const values = [
      str(r.key),
      str(r.hash),
      r.day === null ? 'NULL' : String(Math.round(T0 + r.day * DAY)),
      literal(r.type ?? 'pothole'),
      literal(r.hood === undefined ? 'cbd' : r.hood),
      literal(r.lon === undefined ? -104.99 : r.lon),
      literal(r.lat === undefined ? 39.74 : r.lat),
      String(i + 2),
    ];
    if (dataset === 'service_requests') {
      const closed = r.day === null || r.closeHours == null ? 'NULL' : String(Math.round(T0 + r.day * DAY + r.closeHours * 3_600_000));
      values.push(literal(r.source === undefined ? 'Phone' : r.source), closed, literal(r.agency ?? 'Transportation'));
    }
    db.exec(`INSERT INTO ${ws.stage} (${cols.map(ident).join(', ')}) VALUES (${values.join(', ')})`);
  });
  db.exec(stagedRowsSql(dataset, ws));
  const [fig] = await db.query(loadFiguresSql(ws));
  const { prepare, apply } = mergeStatements({ dataset, loadId, ws });
  for (const s of prepare) db.exec(s);
  const [cls] = await db.query(classCountsSql(ws));
  const order = await chooseInsertOrder(db, ws);
  db.exec('BEGIN');
  for (const s of apply(order)) db.exec(s);
  const maxAt = fig.data_max_at === null ? 'NULL' : `epoch_ms(${fig.data_max_at})`;
  db.exec(`INSERT INTO ingest_log (load_id, dataset, data_max_at) VALUES (${loadId}, ${str(dataset)}, ${maxAt})`);
  db.exec('COMMIT');
  db.exec(dropStagingSql(ws).join(';'));
  return cls as Record<string, number>;
}

/** The rollups, the open 311 requests and the latest timestamp. */
async function rollupContents(db: TestDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of DERIVED_TABLES) out[t] = await db.query(`SELECT * FROM ${ident(t)} ORDER BY ALL`);
  return out;
}

/** The rollups as kept by the loads, and as a full recomputation gives them. */
async function incrementalAndFull(db: TestDb): Promise<[Record<string, unknown[]>, Record<string, unknown[]>]> {
  const incremental = await rollupContents(db);
  for (const s of rebuildDerivedSql()) db.exec(s);
  return [incremental, await rollupContents(db)];
}

describe('db/rollups', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    for (const s of migrationSql(0)) db.exec(s);
  });

  it.each([
    ['in-memory staging', false],
    ['on-disk staging', true],
  ] as const)('equal a full recomputation after every load (%s)', async (_name, large) => {
    const ws = workspace(large);
    const loads: [Dataset, Rec[]][] = [
      [
        'service_requests',
        [
          { key: 'oid:1', hash: 'a', day: 0, closeHours: 5 },
          { key: 'oid:2', hash: 'b', day: 0.1, type: 'graffiti', source: 'Web', closeHours: 0 },
          { key: 'oid:3', hash: 'c', day: 1.6, hood: null, lon: null, lat: null },
          { key: 'oid:4', hash: 'd', day: 35, hood: 'five-points', lon: -104.98, lat: 39.76 },
          { key: 'oid:5', hash: 'e', day: null, source: null },
          { key: 'oid:6', hash: 'f', day: 2, lon: -105.3, lat: 40.1 },
        ],
      ],
      ['traffic_accidents', [{ key: 'o:1', hash: 'a', day: 0.2 }, { key: 'o:2', hash: 'b', day: 40, hood: 'baker' }]],
      [
        // newer file: changes move records between days, months, types, places; one is new
        'service_requests',
        [
          { key: 'oid:1', hash: 'a', day: 0, closeHours: 5 },
          { key: 'oid:2', hash: 'b2', day: 33, type: 'pothole', source: 'Phone', closeHours: 250 },
          { key: 'oid:3', hash: 'c2', day: 1.6, hood: 'baker', lon: -104.99, lat: 39.71, closeHours: -2, agency: 'Parks' },
          { key: 'oid:4', hash: 'd2', day: 36.5, hood: 'five-points', lon: -104.97, lat: 39.76 },
          { key: 'oid:5', hash: 'e2', day: 3 },
          { key: 'oid:7', hash: 'g', day: 70 },
        ],
      ],
      // older file: its changes are stale and must not move anything
      ['service_requests', [{ key: 'oid:2', hash: 'b-old', day: 1 }, { key: 'oid:8', hash: 'h', day: 2 }]],
      // a change that gives a record no time at all
      ['service_requests', [{ key: 'oid:7', hash: 'g2', day: null }, { key: 'oid:9', hash: 'i', day: 71 }]],
      ['traffic_accidents', [{ key: 'o:2', hash: 'b2', day: 2, type: 'hit-and-run' }]],
    ];
    const classes: Record<string, number>[] = [];
    const latest: unknown[] = [];
    for (const [i, [dataset, rows]] of loads.entries()) {
      classes.push(await load(db, dataset, i + 1, rows, ws));
      const [incremental, full] = await incrementalAndFull(db);
      expect(incremental, `after load ${i + 1}`).toEqual(full);
      // ...and the recomputation is what the backlog used to read from the 311 table.
      expect(full.open_requests, `after load ${i + 1}`).toEqual(
        await db.query(`SELECT row_key, created_at, type, case_source, neighborhood_slug FROM service_requests WHERE closed_at IS NULL AND created_at IS NOT NULL ORDER BY ALL`),
      );
      const [{ at }] = await db.query(`SELECT greatest(max(created_at), max(closed_at)) AS at FROM service_requests`);
      expect(full.request_extent, `after load ${i + 1}`).toEqual([{ dataset: 'service_requests', latest_at: at }]);
      latest.push(at);
    }
    // The latest timestamp moved with records that held it (changed to a later time, then to none).
    expect(new Set(latest.map(String)).size).toBeGreaterThanOrEqual(3);
    expect(classes[2]).toMatchObject({ inserted: 1, updated: 4, unchanged: 1 });
    expect(classes[3]).toMatchObject({ inserted: 1, stale: 1 });
    const counts = await rollupContents(db);
    for (const r of ROLLUPS) expect(counts[r.table].length, r.table).toBeGreaterThan(0);
    // every rollup sums to the number of events (the closure rollups: of 311 requests)
    for (const r of ROLLUPS) {
      const [{ n }] = await db.query(`SELECT count(*) AS n FROM events${CLOSURE_ROLLUPS.includes(r) ? ` WHERE dataset = 'service_requests'` : ''}`);
      const [{ total }] = await db.query(`SELECT CAST(sum(n) AS BIGINT) AS total FROM ${ident(r.table)}`);
      expect(total, r.table).toBe(n);
    }
    // closures changed by a newer file moved between states and bins
    expect(await db.query(`SELECT closed, close_bin, CAST(sum(n) AS INTEGER) AS n FROM rollup_month_close_type GROUP BY ALL ORDER BY ALL`)).toEqual(
      await db.query(`SELECT ${closureStateExpr('created_at', 'closed_at')} AS closed, ${closeBinExpr('created_at', 'closed_at')} AS close_bin, CAST(count(*) AS INTEGER) AS n FROM service_requests GROUP BY ALL ORDER BY ALL`),
    );
  });

  it.each([false, true])('computes the hours to close of a load\'s requests once for both closure rollups (on disk: %s)', (large) => {
    const tables = { table: 'service_requests', history: 'service_requests_history' };
    const count = (sql: string[]) => sql.join('\n').split(hoursBetween('created_at', 'closed_at')).length - 1;
    // once for the versions the load wrote, once for those it replaced
    expect(count(refreshRollupsSql('service_requests', 3, tables, workspace(large)))).toBe(2);
    expect(count(refreshRollupsSql('traffic_accidents', 3, { table: 'traffic_accidents', history: 'traffic_accidents_history' }, workspace(large)))).toBe(0);
  });

  it('places events in the density grid like the report did', async () => {
    await load(db, 'traffic_accidents', 1, [
      { key: 'o:1', hash: 'a', day: 0, lon: -105.11, lat: 39.6 },
      { key: 'o:2', hash: 'b', day: 0, lon: -104.6, lat: 39.92 },
      { key: 'o:3', hash: 'c', day: 0, lon: -105.3, lat: 39.7 },
      { key: 'o:4', hash: 'd', day: 0, lon: null, lat: null },
    ]);
    const rows = await db.query(`SELECT place, ix, iy, n FROM rollup_month_cell ORDER BY ALL`);
    expect(rows).toEqual([
      { place: 'bin', ix: 0, iy: 0, n: 1 },
      { place: 'bin', ix: 101, iy: 79, n: 1 },
      { place: 'missing', ix: null, iy: null, n: 1 },
      { place: 'outside', ix: null, iy: null, n: 1 },
    ]);
  });

  it('creates each rollup table with its bucket, dimensions and count', () => {
    expect(createRollupSql(ROLLUPS.find((r) => r.table === 'rollup_month_cell')!)).toBe(
      'CREATE TABLE "rollup_month_cell" (dataset VARCHAR, month DATE, "place" VARCHAR, "ix" INTEGER, "iy" INTEGER, n BIGINT)',
    );
  });

  it('the migrations from version 1 fill the rollups from the data already stored', async () => {
    const old = await openTestDb();
    for (const s of migrations[0]) old.exec(s);
    old.exec(`INSERT INTO meta VALUES ('schema_version', '1')`);
    old.exec(`INSERT INTO traffic_accidents (row_key, first_occurrence_at, offense_type_id, neighborhood_slug)
      VALUES ('o:1', TIMESTAMP '2025-01-30 22:30:00', 'pothole', 'cbd'), ('o:2', TIMESTAMP '2025-03-01 08:00:00', 'x', NULL)`);
    old.exec(`INSERT INTO service_requests (row_key, created_at, closed_at, type) VALUES ('oid:1', TIMESTAMP '2025-02-01 10:00:00', TIMESTAMP '2025-02-02 10:00:00', 'pothole')`);
    for (const s of migrationSql(1)) old.exec(s);
    for (const r of ROLLUPS) {
      const [{ total }] = await old.query(`SELECT CAST(sum(n) AS BIGINT) AS total FROM ${ident(r.table)}`);
      expect(total, r.table).toBe(CLOSURE_ROLLUPS.includes(r) ? 1 : 3);
    }
    expect(await old.query(`SELECT close_bin FROM rollup_month_close_type`)).toEqual([{ close_bin: Math.floor(Math.log10(24) * 20) }]);
    // version 4: the open requests (none here) and the latest timestamp (the closure)
    expect(await old.query(`SELECT count(*)::INTEGER AS n FROM open_requests`)).toEqual([{ n: 0 }]);
    expect(await old.query(`SELECT dataset, strftime(latest_at, '%Y-%m-%d %H:%M') AS at FROM request_extent`)).toEqual([
      { dataset: 'service_requests', at: '2025-02-02 10:00' },
    ]);
    expect(await old.query(`SELECT value FROM meta WHERE key = 'schema_version'`)).toEqual([{ value: String(SCHEMA_VERSION) }]);
    old.close();
  });

  it('the migration from version 4 bins hours to close again, counted across the change of the clocks', async () => {
    const old = await openTestDb();
    for (const s of migrations[0]) old.exec(s);
    // 2 hours by the wall clock, 1 hour elapsed: the clocks went forward at 02:00
    old.exec(`INSERT INTO service_requests (row_key, created_at, closed_at, type)
      VALUES ('o:1', TIMESTAMP '2024-03-10 01:30:00', TIMESTAMP '2024-03-10 03:30:00', 'pothole')`);
    for (const s of [...elapsedMacrosSql(), ...migrations.slice(1, 4).flat()]) old.exec(s);
    // a version-4 store had no macros
    old.exec(`DROP MACRO denver_seconds_between; DROP MACRO denver_is_dst`);
    old.exec(`INSERT INTO meta VALUES ('schema_version', '4')`);
    // what version 4 stored: the wall-clock bin
    const wallBin = Math.floor(Math.log10(2) * 20);
    for (const r of CLOSURE_ROLLUPS) old.exec(`UPDATE ${ident(r.table)} SET close_bin = ${wallBin}`);
    for (const s of migrationSql(4)) old.exec(s);
    for (const r of CLOSURE_ROLLUPS) {
      expect(await old.query(`SELECT closed, close_bin, CAST(n AS INTEGER) AS n FROM ${ident(r.table)}`), r.table).toEqual([
        { closed: 'after', close_bin: 0, n: 1 },
      ]);
    }
    expect(await old.query(`SELECT value FROM meta WHERE key = 'schema_version'`)).toEqual([{ value: String(SCHEMA_VERSION) }]);
    old.close();
  });

  it('replaces a version-5 store\'s macros (bounds as list literals, slow to plan) with the current ones, same values', async () => {
    const old = await openTestDb();
    for (const s of [...elapsedMacrosSql(), ...migrations.slice(0, 5).flat()]) old.exec(s);
    // version 5's definition: the bounds as two list literals indexed by year
    const bounds = (k: 0 | 1) =>
      Array.from({ length: 130 }, (_, i) => (denverDstBounds(1970 + i)[k] - (k ? 6 : 7) * 3_600_000) / 1000).join(', ');
    old.exec(`CREATE OR REPLACE MACRO denver_is_dst(ts) AS (epoch(ts) >= coalesce([${bounds(0)}][year(ts) - 1969], 0) AND epoch(ts) < coalesce([${bounds(1)}][year(ts) - 1969], 0))`);
    old.exec(`INSERT INTO meta VALUES ('schema_version', '5')`);
    const macroText = async () => (await old.query(`SELECT macro_definition AS d FROM duckdb_functions() WHERE function_name = 'denver_is_dst'`))[0].d as string;
    expect(await macroText()).toContain('[');
    const probe = `SELECT list(denver_is_dst(TIMESTAMP '2024-03-10 01:00:00' + i * INTERVAL 30 MINUTE) ORDER BY i) AS l FROM range(6000) r(i)`;
    const before = await old.query(probe);
    for (const s of migrationSql(5)) old.exec(s);
    expect(await macroText()).toContain('substr');
    expect(await old.query(probe)).toEqual(before);
    expect(await old.query(`SELECT value FROM meta WHERE key = 'schema_version'`)).toEqual([{ value: String(SCHEMA_VERSION) }]);
    old.close();
  });
});

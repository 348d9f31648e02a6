import { beforeAll, describe, expect, it } from 'vitest';
import { migrationSql } from '../../../src/db/schema';
import { previewSql, rowCountSql, sqlName, summarizeSql } from '../../../src/editor/schema-model';
import { loadFunctions, loadSchema } from '../../../src/editor/schema-load';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const s of migrationSql(0)) db.exec(s);
  db.exec(`CREATE TEMP TABLE "My Temp" AS SELECT 1 AS x UNION ALL SELECT 2`);
});

describe('editor/schema-model', () => {
  it('lists tables, views and temp tables with columns, types and row counts', async () => {
    const model = await loadSchema(db);
    const names = model.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['service_requests', 'traffic_accidents', 'neighborhoods', 'events', 'My Temp']));
    const sr = model.tables.find((t) => t.name === 'service_requests')!;
    expect(sr).toMatchObject({ kind: 'table', rows: 0, ref: 'service_requests' });
    expect(sr.columns).toContainEqual({ name: 'created_at', type: 'TIMESTAMP' });
    expect(sr.columns).toContainEqual({ name: 'case_status', type: 'VARCHAR' });
    const nb = model.tables.find((t) => t.name === 'neighborhoods')!;
    expect(nb.rows).toBe(78);
    expect(model.tables.find((t) => t.name === 'events')).toMatchObject({ kind: 'view', rows: null });
    expect(model.tables.find((t) => t.name === 'My Temp')).toMatchObject({ kind: 'temp', rows: 2, ref: '"My Temp"' });
    // temp tables come last
    expect(names[names.length - 1]).toBe('My Temp');
  });

  it('builds preview and summarize SQL that DuckDB runs', async () => {
    const model = await loadSchema(db);
    for (const t of model.tables) {
      await expect(db.query(previewSql(t, 5))).resolves.toBeDefined();
      if (t.kind !== 'view') await expect(db.query(summarizeSql(t))).resolves.toBeDefined();
    }
    expect(previewSql({ ref: 'neighborhoods' })).toBe('SELECT * FROM neighborhoods LIMIT 100');
  });

  it('quotes names that need it', () => {
    expect(sqlName('plain_name1')).toBe('plain_name1');
    expect(sqlName('Mixed')).toBe('"Mixed"');
    expect(sqlName('a"b')).toBe('"a""b"');
    expect(rowCountSql([{ catalog: 'memory', schema: 'main', name: "it's", kind: 'table' }])).toBe(
      `SELECT 'memory\u001fmain\u001fit''s' AS k, count(*)::BIGINT AS n FROM "memory"."main"."it's"`,
    );
    expect(rowCountSql([])).toBeNull();
  });

  it('lists DuckDB functions for completion', async () => {
    const fns = await loadFunctions(db);
    expect(fns.length).toBeGreaterThan(300);
    const strftime = fns.find((f) => f.name === 'strftime');
    expect(strftime?.kind).toBe('scalar');
    expect(strftime?.detail).toMatch(/^scalar\(.*\) → VARCHAR$/);
    expect(fns.some((f) => f.name === 'count' && f.kind === 'aggregate')).toBe(true);
    expect(fns.every((f) => /^[a-z][a-z0-9_]*$/.test(f.name))).toBe(true);
  });
});

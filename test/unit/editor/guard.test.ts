import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/db/types';
import { checkStatement } from '../../../src/editor/guard';
import { duckdbParser, planRoot, readSerialized, type SqlParser } from '../../../src/editor/parser-probe';
import { migrationSql } from '../../../src/db/schema';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
let parser: SqlParser;

beforeAll(async () => {
  db = await openTestDb();
  for (const s of migrationSql(0)) db.exec(s);
  parser = duckdbParser(db);
});

describe('editor/parser-probe (EXPLAIN, against DuckDB)', () => {
  it.each([
    ['SELECT * FROM service_requests', 'select'],
    ['WITH a AS (SELECT 1 AS x) SELECT x FROM a', 'select'],
    ['FROM neighborhoods', 'select'],
    ['VALUES (1)', 'select'],
    ['PIVOT daily_counts ON dataset USING sum(n)', 'select'],
    ['WITH a AS (SELECT 1 AS load_id) INSERT INTO rejected_rows (load_id) SELECT load_id FROM a', 'other'],
    ['DROP TABLE service_requests', 'other'],
    ['CREATE TABLE x AS SELECT 1', 'other'],
    ['SELEC 1', 'error'],
    ['SELECT * FROM no_such_table', 'error'],
    ["SELECT ';'", 'unavailable'],
  ])('%s → %s', async (sql, expected) => {
    expect(await parser.probe(sql)).toBe(expected);
  });

  it('never runs what it probes', async () => {
    await parser.probe('DROP TABLE meta');
    await parser.probe("INSERT INTO meta VALUES ('probe', 'x')");
    expect(await db.query(`SELECT count(*)::INTEGER AS n FROM meta WHERE key = 'probe'`)).toEqual([{ n: 0 }]);
  });

  it('reads plan roots', () => {
    expect(planRoot('┌──┐\n│         DROP           │\n└──┘')).toBe('DROP');
    expect(planRoot('│      CREATE_TABLE_AS      │')).toBe('CREATE_TABLE_AS');
    expect(planRoot('no box')).toBeNull();
  });
});

describe('editor/parser-probe (json_serialize_sql)', () => {
  it('reads json_serialize_sql output', () => {
    expect(readSerialized('{"error":false,"statements":[{"node":{"type":"SELECT_NODE"}}]}')).toBe('select');
    expect(
      readSerialized('{"error":true,"error_type":"not implemented","error_message":"Only SELECT statements can be serialized to json!"}'),
    ).toBe('other');
    expect(readSerialized('{"error":true,"error_type":"parser","error_message":"syntax error at or near \\"SELEC\\""}')).toBe('error');
    expect(readSerialized('not json')).toBe('unavailable');
  });

  it('uses json_serialize_sql with the SQL as a quoted literal when the json extension is loaded', async () => {
    const seen: string[] = [];
    const fake: Connector = {
      async query(sql) {
        seen.push(sql);
        if (sql.includes('duckdb_functions')) return [{ n: 1 }];
        if (sql.startsWith('SELECT json_serialize_sql(')) {
          return [{ j: sql.includes('DROP') ? '{"error":true,"error_type":"not implemented","error_message":"Only SELECT statements can be serialized to json!"}' : '{"error":false,"statements":[{}]}' }];
        }
        throw new Error('Parser Error: syntax error');
      },
      run: async () => {
        throw new Error('unused');
      },
      copyTo: async () => new Uint8Array(),
    };
    const p = duckdbParser(fake);
    expect(await p.probe("SELECT 'it''s'")).toBe('select');
    expect(seen).toContain(`SELECT json_serialize_sql('SELECT ''it''''s''') AS j`);
    // json says "not a SELECT"; EXPLAIN (which the fake rejects) does not override it.
    expect(await p.probe("SELECT 1; DROP TABLE t")).toBe('other');
  });
});

describe('editor/guard', () => {
  const check = (sql: string, allowWrites = false) => checkStatement(sql, { allowWrites, parser });

  it('allows reads, temp objects and settings', async () => {
    for (const sql of ['SELECT count(*) FROM service_requests', 'SUMMARIZE neighborhoods', 'CREATE TEMP TABLE t1 AS SELECT 1', 'SET threads = 1']) {
      expect(await check(sql)).toMatchObject({ ok: true });
    }
  });

  it('refuses DROP TABLE service_requests with a clear message', async () => {
    const g = await check('DROP TABLE service_requests');
    expect(g.ok).toBe(false);
    expect(!g.ok && g.message).toMatch(/Refused: DROP .*Allow writes/);
  });

  it('refuses what DuckDB parses as a write even when it starts like a query', async () => {
    const g = await check('WITH a AS (SELECT 1 AS x) INSERT INTO rejected_rows (load_id) SELECT x FROM a');
    expect(g.ok).toBe(false);
  });

  it('refuses statements it cannot classify, unless DuckDB rejects them as they are (a typo)', async () => {
    const g = await checkStatement('FROBNICATE everything', { allowWrites: false, parser: null });
    expect(!g.ok && g.message).toMatch(/cannot tell/);
    // Regression: `SELEC 1` was refused as "cannot tell whether … is read-only"; DuckDB's syntax error is what helps.
    expect(await check('SELEC 1')).toMatchObject({ ok: true });
    expect(await check('FROBNICATE everything')).toMatchObject({ ok: true });
    // A typo that names a dataset table must not count as a write (it would recompute every rollup).
    expect(await check('SELEC * FROM service_requests')).toEqual({ ok: true, verdict: 'read' });
    const rejecting: SqlParser = { probe: async () => 'other' };
    expect(await checkStatement('FROBNICATE everything', { allowWrites: false, parser: rejecting })).toMatchObject({ ok: false });
  });

  it('refuses EXPLAIN ANALYZE of a write in every spelling (regression: EXPLAIN (ANALYZE) DELETE deleted rows)', async () => {
    for (const sql of [
      'EXPLAIN (ANALYZE) DELETE FROM traffic_accidents',
      'EXPLAIN (ANALYZE, FORMAT json) DELETE FROM traffic_accidents',
      'EXPLAIN (ANALYZE) CREATE TABLE pwned AS SELECT 1',
      'EXPLAIN ANALYZE VERBOSE INSERT INTO meta VALUES (1, 2)',
    ]) {
      expect(await check(sql), sql).toMatchObject({ ok: false });
    }
    expect(await check('EXPLAIN (ANALYZE) SELECT count(*) FROM service_requests')).toMatchObject({ ok: true });
    expect(await check('EXPLAIN DELETE FROM traffic_accidents')).toMatchObject({ ok: true });
  });

  it('refuses temporary objects that would hide the store\'s tables or views or a built-in function from the reports', async () => {
    for (const sql of [
      'CREATE TEMP TABLE daily_counts AS SELECT 1',
      'CREATE OR REPLACE TEMP VIEW "Neighborhoods" AS SELECT 1',
      'CREATE TEMP TABLE IF NOT EXISTS temp.service_requests (x INTEGER)',
      'CREATE TEMP MACRO date_trunc(p, t) AS NULL',
      'CREATE TEMPORARY FUNCTION strftime(a, b) AS NULL',
    ]) {
      const g = await check(sql);
      expect(g.ok, sql).toBe(false);
      expect(!g.ok && g.message).toMatch(/would hide .* from the reports/);
    }
    for (const sql of ['CREATE TEMP TABLE scratch AS SELECT 1', 'CREATE OR REPLACE TEMP MACRO add_one(x) AS x + 1']) {
      expect(await check(sql), sql).toMatchObject({ ok: true });
      await db.query(sql);
    }
    // Replacing one's own temporary object hides nothing more.
    expect(await check('CREATE OR REPLACE TEMP TABLE scratch AS SELECT 2')).toMatchObject({ ok: true });
    expect(await check('CREATE OR REPLACE TEMP MACRO add_one(x) AS x + 2')).toMatchObject({ ok: true });
    expect(await check('CREATE TEMP TABLE daily_counts AS SELECT 1', true)).toMatchObject({ ok: true });
  });

  it('refuses settings that break the reports: the expression depth and the optimizer', async () => {
    for (const sql of ['SET max_expression_depth = 5', 'SET enable_optimizer = false', 'PRAGMA disable_optimizer']) {
      expect(await check(sql), sql).toMatchObject({ ok: false });
    }
  });

  it('lets syntax errors through to DuckDB, which reports them', async () => {
    expect(await check('SELECT FROM WHERE')).toMatchObject({ ok: true });
  });

  it('allows everything when writes are allowed', async () => {
    expect(await check('DROP TABLE service_requests', true)).toMatchObject({ ok: true, verdict: 'write' });
  });
});

import { describe, expect, it } from 'vitest';
import { classifyTokens } from '../../../src/editor/classify';

describe('editor/classify', () => {
  it.each([
    ['SELECT * FROM service_requests', 'read'],
    ['  -- comment\n  select 1', 'read'],
    ['WITH a AS (SELECT 1) SELECT * FROM a', 'read'],
    ['WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r', 'read'],
    ['VALUES (1), (2)', 'read'],
    ['FROM service_requests LIMIT 5', 'read'],
    ['(SELECT 1) UNION (SELECT 2)', 'read'],
    ['TABLE neighborhoods', 'read'],
    ['PIVOT daily_counts ON dataset USING sum(n)', 'read'],
    ['UNPIVOT t ON a, b INTO NAME k VALUE v', 'read'],
    ['EXPLAIN SELECT 1', 'read'],
    ['EXPLAIN DROP TABLE service_requests', 'read'],
    ['DESCRIBE service_requests', 'read'],
    ['SUMMARIZE service_requests', 'read'],
    ['SHOW TABLES', 'read'],
    ["PRAGMA table_info('service_requests')", 'read'],
    ["CALL pragma_table_info('service_requests')", 'read'],
    ['CALL duckdb_tables()', 'read'],
    ['SET threads = 2', 'session'],
    ["RESET threads", 'session'],
    ["SET SESSION explain_output = 'all'", 'session'],
    ['SET VARIABLE x = 42', 'session'],
    ['PRAGMA enable_profiling', 'session'],
    ["SET search_path = 'temp'", 'write'],
    ["SET schema = 'temp'", 'write'],
    ['SET GLOBAL autoinstall_known_extensions = true', 'write'],
    ["SET custom_extension_repository = 'https://example.com'", 'write'],
    ['RESET memory_limit', 'write'],
    ["SET \"search_path\" = 'temp'", 'write'],
    ['RESET ALL', 'write'],
    ["SET default_order = 'desc'", 'write'],
    ["PRAGMA memory_limit = '100MB'", 'write'],
    ['CREATE TEMP TABLE x AS SELECT 1', 'temp'],
    ['create or replace temporary view v as select 1', 'temp'],
    ['CREATE TEMP MACRO add1(a) AS a + 1', 'temp'],
    ['DROP TABLE temp.x', 'temp'],
    ['DROP VIEW IF EXISTS temp."my view"', 'temp'],
    ['INSERT INTO temp.x VALUES (1)', 'temp'],
    ['INSERT OR REPLACE INTO temp.x SELECT * FROM service_requests', 'temp'],
    ['UPDATE temp.x SET a = 1', 'temp'],
    ['DELETE FROM temp.x WHERE a = 1', 'temp'],
    ['INSERT INTO temp.x SELECT * FROM (DELETE FROM meta RETURNING *)', 'write'],
    ['INSERT INTO temp.main.x VALUES (1)', 'write'],
    ['INSERT INTO x VALUES (1)', 'write'],
    ['DROP TABLE service_requests', 'write'],
    ['DROP TABLE temp.x, service_requests', 'write'],
    ['drop table if exists main.service_requests', 'write'],
    ['INSERT INTO meta VALUES (1, 2)', 'write'],
    ['UPDATE meta SET value = 1', 'write'],
    ['DELETE FROM meta', 'write'],
    ['ALTER TABLE meta ADD COLUMN x INT', 'write'],
    ['CREATE TABLE x AS SELECT 1', 'write'],
    ['CREATE OR REPLACE VIEW events AS SELECT 1', 'write'],
    ['CREATE TEMP SECRET s (TYPE s3)', 'write'],
    ["COPY meta FROM 'x.csv'", 'write'],
    ["COPY meta TO 'x.csv'", 'write'],
    ["ATTACH 'x.db' AS x", 'write'],
    ['DETACH x', 'write'],
    ["IMPORT DATABASE 'dir'", 'write'],
    ["EXPORT DATABASE 'dir'", 'write'],
    ['CHECKPOINT', 'write'],
    ['FORCE CHECKPOINT', 'write'],
    ['INSTALL spatial', 'write'],
    ['LOAD spatial', 'write'],
    ['USE memory', 'write'],
    ['VACUUM', 'write'],
    ['TRUNCATE meta', 'write'],
    ['BEGIN TRANSACTION', 'write'],
    ['PRAGMA force_checkpoint', 'write'],
    ["PRAGMA import_database('x')", 'write'],
    ['CALL dbgen(sf = 1)', 'write'],
    ['WITH a AS (SELECT 1) INSERT INTO meta SELECT * FROM a', 'write'],
    ['WITH d AS (DELETE FROM meta RETURNING *) SELECT * FROM d', 'write'],
    ['SELECT * INTO newtable FROM meta', 'write'],
    ['EXPLAIN ANALYZE DELETE FROM meta', 'write'],
    ['EXPLAIN ANALYZE SELECT 1', 'read'],
    ['EXPLAIN (ANALYZE) DELETE FROM meta', 'write'],
    ['EXPLAIN (FORMAT json) DROP TABLE meta', 'write'],
    ['EXPLAIN (ANALYZE, FORMAT json) SELECT 1', 'read'],
    ['SELECT * FROM range(3) t(copy)', 'read'],
    ['SELECT * FROM range(3) t(insert, delete)', 'read'],
    ['SELECT * FROM (DELETE FROM meta RETURNING *)', 'write'],
    ['GIBBERISH 1', 'unknown'],
    ['"quoted" 1', 'unknown'],
  ])('%s → %s', (sql, verdict) => {
    expect(classifyTokens(sql).verdict).toBe(verdict);
  });

  it('names the temporary object a CREATE TEMP makes, as DuckDB resolves it', () => {
    expect(classifyTokens('CREATE TEMP TABLE Daily_Counts AS SELECT 1').creates).toEqual({ kind: 'relation', name: 'daily_counts' });
    expect(classifyTokens('CREATE OR REPLACE TEMP VIEW IF NOT EXISTS temp."Odd ""V""" AS SELECT 1').creates).toEqual({ kind: 'relation', name: 'odd "v"' });
    expect(classifyTokens('CREATE TEMPORARY MACRO date_trunc(p, t) AS NULL').creates).toEqual({ kind: 'function', name: 'date_trunc' });
    expect(classifyTokens('CREATE TEMP SEQUENCE s').creates).toEqual({ kind: 'relation', name: 's' });
    expect(classifyTokens('CREATE TABLE t AS SELECT 1').creates).toBeUndefined();
  });

  it('asks DuckDB to confirm queries, not catalog reads', () => {
    expect(classifyTokens('WITH a AS (SELECT 1) SELECT 2').probe).toBe('WITH a AS (SELECT 1) SELECT 2');
    expect(classifyTokens('-- c\nSELECT 1').probe).toBe('SELECT 1');
    expect(classifyTokens('EXPLAIN ANALYZE SELECT 1').probe).toBe('SELECT 1');
    expect(classifyTokens('EXPLAIN (ANALYZE, FORMAT json) SELECT 1').probe).toBe('SELECT 1');
    expect(classifyTokens('SUMMARIZE t').probe).toBeNull();
    expect(classifyTokens('DROP TABLE t').probe).toBeNull();
  });
});

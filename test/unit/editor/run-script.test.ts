import { beforeAll, describe, expect, it } from 'vitest';
import { migrationSql } from '../../../src/db/schema';
import { QueryCancelled, type Connector } from '../../../src/db/types';
import { duckdbParser } from '../../../src/editor/parser-probe';
import { runScript } from '../../../src/editor/run-script';
import { splitStatements } from '../../../src/editor/split';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const s of migrationSql(0)) db.exec(s);
  db.exec(`INSERT INTO neighborhoods (id, name) VALUES (999, '<img src=x onerror=alert(1)>')`);
});

const run = (sql: string, allowWrites = false, signal?: AbortSignal) =>
  runScript(db, splitStatements(sql), { allowWrites, parser: duckdbParser(db), signal, script: sql });

describe('editor/run-script', () => {
  it('runs a script and keeps the last result', async () => {
    const out = await run('SELECT 1 AS a;\nSELECT name FROM neighborhoods WHERE id = 999');
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.result.rows()).toEqual([{ name: '<img src=x onerror=alert(1)>' }]);
    expect(out.statement.text).toMatch(/^SELECT name/);
    expect(out.verdicts).toEqual(['read', 'read']);
  });

  it('refuses DROP TABLE service_requests and the table is still there', async () => {
    const out = await run('SELECT 1; DROP TABLE service_requests');
    expect(out).toMatchObject({ kind: 'refused', range: { from: 10, to: 37 } });
    expect(out.kind !== 'ok' && out.message).toMatch(/DROP/);
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM service_requests')).toEqual([{ n: 0 }]);
  });

  it('refuses the whole script before running any of it', async () => {
    const out = await run(`CREATE TEMP TABLE before_refusal AS SELECT 1 AS x; DELETE FROM meta`);
    expect(out.kind).toBe('refused');
    await expect(db.query('SELECT * FROM before_refusal')).rejects.toThrow();
  });

  it('allows temporary tables and views', async () => {
    const out = await run('CREATE TEMP TABLE tmp_a AS SELECT 42 AS x; CREATE TEMP VIEW tmp_v AS SELECT x + 1 AS y FROM tmp_a; SELECT y FROM tmp_v');
    expect(out.kind === 'ok' && out.result.rows()).toEqual([{ y: 43 }]);
    expect(out.kind === 'ok' && out.verdicts).toEqual(['temp', 'temp', 'read']);
  });

  it('allows writing to and dropping temporary tables through temp.name', async () => {
    const out = await run('CREATE TEMP TABLE tmp_w (x INTEGER); INSERT INTO temp.tmp_w VALUES (1), (2); UPDATE temp.tmp_w SET x = x * 10; DELETE FROM temp.tmp_w WHERE x = 10; SELECT sum(x) AS s FROM tmp_w');
    expect(out.kind === 'ok' && out.result.rows()).toEqual([{ s: 20 }]);
    expect((await run('DROP TABLE temp.tmp_w')).kind).toBe('ok');
  });

  it('runs writes when allowed', async () => {
    const out = await run(`CREATE TABLE scratch AS SELECT 1 AS x; DROP TABLE scratch`, true);
    expect(out.kind).toBe('ok');
  });

  it('maps DuckDB error positions onto the script', async () => {
    const sql = 'SELECT 1;\n\nSELECT id,\n  nosuchcolumn\nFROM neighborhoods';
    const out = await run(sql);
    expect(out.kind).toBe('error');
    if (out.kind === 'ok' || !out.range) throw new Error('expected a positioned error');
    expect(sql.slice(out.range.from, out.range.to)).toBe('nosuchcolumn');
    expect(out.message).toMatch(/nosuchcolumn/);
  });

  it('says which statement of a script failed, on which editor line, and what ran', async () => {
    const sql = 'SELECT 1;\nSELECT 2;\nSELECT * FROM no_such_table;\nSELECT 4;\nSELECT 5';
    const out = await run(sql);
    if (out.kind !== 'error') throw new Error('expected an error');
    const lines = out.message.split('\n');
    expect(lines[0]).toBe('Statement 3 of 5 (line 3) failed; statements 1–2 ran, 4–5 did not run.');
    expect(out.failedAt).toEqual({ index: 3, count: 5 });
    const at = lines.findIndex((l) => l.startsWith('LINE '));
    expect(lines[at]).toBe('LINE 3: SELECT * FROM no_such_table');
    expect(lines[at + 1].indexOf('^')).toBe(lines[at].indexOf('no_such_table'));
    expect(out.message).not.toMatch(/LINE 1:/);
  });

  it('numbers an error inside a later multi-line statement by the editor line, the caret kept in place', async () => {
    const lines = ['SELECT 1;', '', ...Array.from({ length: 7 }, () => '-- note'), 'SELECT id,', '  nosuchcolumn', 'FROM neighborhoods'];
    const out = await run(lines.join('\n'));
    if (out.kind !== 'error') throw new Error('expected an error');
    const msg = out.message.split('\n');
    expect(msg[0]).toBe('Statement 2 of 2 (line 3) failed; statement 1 ran.');
    const at = msg.findIndex((l) => l.startsWith('LINE '));
    expect(msg[at]).toMatch(/^LINE 11: +nosuchcolumn/);
    expect(msg[at + 1].indexOf('^')).toBe(msg[at].indexOf('nosuchcolumn'));
  });

  it('keeps a lone statement\'s message as DuckDB gave it, on the editor\'s line', async () => {
    const out = await runScript(db, [{ text: 'SELECT * FROM no_such_table', from: 20, to: 47 }], {
      allowWrites: false,
      parser: null,
      script: '-- a\n-- b\n-- c\n-- d\nSELECT * FROM no_such_table',
    });
    if (out.kind !== 'error') throw new Error('expected an error');
    expect(out.message).not.toMatch(/^Statement/);
    expect(out.message).toMatch(/LINE 5: SELECT \* FROM no_such_table/);
  });

  it('reports an empty script', async () => {
    expect(await run('  -- nothing\n')).toMatchObject({ kind: 'error', message: expect.stringMatching(/Nothing to run/) });
  });

  it('reports a cancel', async () => {
    const ac = new AbortController();
    const slow: Connector = {
      query: (sql) => db.query(sql),
      run: (_sql, opts) =>
        new Promise((_resolve, reject) => opts?.signal?.addEventListener('abort', () => reject(new QueryCancelled()))),
      copyTo: (sql, f) => db.copyTo(sql, f),
    };
    const pending = runScript(slow, splitStatements('SELECT 1'), { allowWrites: false, parser: null, signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ kind: 'cancelled', message: 'Query cancelled.' });
  });
});

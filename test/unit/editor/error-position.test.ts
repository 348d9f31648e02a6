import { beforeAll, describe, expect, it } from 'vitest';
import { errorPosition, tidyMessage, unpackError } from '../../../src/editor/error-position';
import { openTestDb, type TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  db.exec('CREATE TABLE t (id INTEGER, name VARCHAR)');
});

async function duckError(sql: string): Promise<string> {
  try {
    await db.query(sql);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected an error from ${sql}`);
}

/** The underlined text for a statement DuckDB rejects. */
async function underlined(sql: string): Promise<string | null> {
  const pos = errorPosition(await duckError(sql), sql);
  return pos ? sql.slice(pos.offset, pos.offset + pos.length) : null;
}

describe('editor/error-position (real DuckDB messages)', () => {
  it.each([
    ['SELECT * FROM nope', 'nope'],
    ['SELECT 1 +\nFROM t', 'FROM'],
    ['SELECT nme FROM t', 'nme'],
    ['SELECT id,\n  name,\n  bogus(id)\nFROM t', 'bogus'],
    ['SELECT 1;\n  SELEC 2', 'SELEC'],
    ['SELECT "ünïcödé" FROM t', '"ünïcödé"'],
    ["SELECT '日本語テキスト', '🦆🦆', missing_col FROM t", 'missing_col'],
  ])('%j underlines %j', async (sql, expected) => {
    expect(await underlined(sql)).toBe(expected);
  });

  it('finds the error on a long line that DuckDB cuts short', async () => {
    const cols = Array.from({ length: 30 }, (_, i) => `id AS c${i}`).join(', ');
    const sql = `SELECT ${cols}, not_a_column, ${cols} FROM t`;
    const msg = await duckError(sql);
    expect(msg).toContain('...');
    expect(await underlined(sql)).toBe('not_a_column');
  });

  it('reports the line', async () => {
    const sql = 'SELECT id\nFROM t\nWHERE nope = 1';
    expect(errorPosition(await duckError(sql), sql)?.line).toBe(3);
  });

  it('falls back to "at or near" and to the end of input', () => {
    expect(errorPosition('Parser Error: syntax error at or near "FROM"', 'SELECT a, FROM t')).toMatchObject({ offset: 10, length: 4 });
    expect(errorPosition('Parser Error: syntax error at end of input', 'SELECT (1 ')).toMatchObject({ offset: 8 });
    expect(errorPosition('Out of Memory Error: nope', 'SELECT 1')).toBeNull();
  });

  it('drops repeated context blocks', () => {
    const msg = 'Parser Error: x\n\nLINE 1: SELEC\n        ^\n\nLINE 1: SELEC\n        ^';
    expect(tidyMessage(msg)).toBe('Parser Error: x\n\nLINE 1: SELEC\n        ^');
  });

  // duckdb-wasm's streaming path (the editor's) sends parser errors as JSON: the editor review's
  // `SELECT 1,\n  2 +\nFROM service_requests` showed this text raw, with nothing underlined.
  const jsonSql = 'SELECT 1,\n  2 +\nFROM service_requests';
  const jsonError =
    '{"exception_type":"Parser","exception_message":"syntax error at or near \\"FROM\\"\\n\\nLINE 3: FROM service_requests\\n        ^","error_subtype":"SYNTAX_ERROR","position":"16"}';

  it('unpacks a parser error sent as JSON into the message a binder error reads like', () => {
    expect(unpackError(jsonError)).toEqual({
      message: 'Parser Error: syntax error at or near "FROM"\n\nLINE 3: FROM service_requests\n        ^',
      position: 16,
    });
    expect(tidyMessage(jsonError)).toBe('Parser Error: syntax error at or near "FROM"\n\nLINE 3: FROM service_requests\n        ^');
    expect(tidyMessage(jsonError)).not.toContain('exception_type');
    expect(unpackError('Binder Error: x')).toEqual({ message: 'Binder Error: x', position: null });
    expect(unpackError('{not json')).toEqual({ message: '{not json', position: null });
  });

  it('underlines the place a JSON parser error gives', () => {
    const pos = errorPosition(jsonError, jsonSql);
    expect(pos).toMatchObject({ offset: 16, length: 4, line: 3 });
    expect(jsonSql.slice(pos!.offset, pos!.offset + pos!.length)).toBe('FROM');
  });

  it('uses the JSON position (UTF-8 bytes) when the message has no LINE block', () => {
    const sql = "SELECT 'é', 2 + FROM t";
    const json = JSON.stringify({ exception_type: 'Parser', exception_message: 'syntax error somewhere', position: '17' });
    const pos = errorPosition(json, sql);
    expect(sql.slice(pos!.offset, pos!.offset + pos!.length)).toBe('FROM');
  });
});

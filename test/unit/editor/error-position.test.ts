import { beforeAll, describe, expect, it } from 'vitest';
import { errorPosition, tidyMessage } from '../../../src/editor/error-position';
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
});

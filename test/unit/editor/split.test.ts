import { describe, expect, it } from 'vitest';
import { splitStatements, statementAt, statementsToRun } from '../../../src/editor/split';
import { tokenize } from '../../../src/editor/tokenize';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('editor/split', () => {
  it.each([
    ['SELECT 1; SELECT 2', ['SELECT 1', 'SELECT 2']],
    ['SELECT 1;;  ;\n SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ["SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", 'SELECT 2']],
    ["SELECT 'it''s; ok'; SELECT 2", ["SELECT 'it''s; ok'", 'SELECT 2']],
    ['SELECT "we;ird" FROM t; SELECT 2', ['SELECT "we;ird" FROM t', 'SELECT 2']],
    ['SELECT "a""b;" ; SELECT 2', ['SELECT "a""b;"', 'SELECT 2']],
    ["SELECT E'a\\';b'; SELECT 2", ["SELECT E'a\\';b'", 'SELECT 2']],
    ['SELECT $$a;b$$; SELECT 2', ['SELECT $$a;b$$', 'SELECT 2']],
    ['SELECT $tag$ $$ ; $tag$; SELECT 2', ['SELECT $tag$ $$ ; $tag$', 'SELECT 2']],
    ['SELECT $1, $name; SELECT 2', ['SELECT $1, $name', 'SELECT 2']],
    ['SELECT 1 -- no; split\n; SELECT 2', ['SELECT 1 -- no; split', 'SELECT 2']],
    // DuckDB ends a line comment at CR too, so the statement after it is seen (and guarded).
    ['SELECT 1 --\r; DROP TABLE service_requests', ['SELECT 1 --', 'DROP TABLE service_requests']],
    ['SELECT /* a; /* nested; */ still; */ 1; SELECT 2', ['SELECT /* a; /* nested; */ still; */ 1', 'SELECT 2']],
    ['-- only a comment\n;\n/* and another */', []],
    ['-- leading\nSELECT 1', ['-- leading\nSELECT 1']],
    ["SELECT 'unterminated; SELECT 2", ["SELECT 'unterminated; SELECT 2"]],
    ['SELECT 1;\n-- trailing comment', ['SELECT 1']],
  ])('%j', (sql, expected) => {
    expect(texts(sql)).toEqual(expected);
  });

  it('keeps offsets into the script', () => {
    const sql = 'SELECT 1;\n  SELECT 2 ;';
    for (const s of splitStatements(sql)) expect(sql.slice(s.from, s.to)).toBe(s.text);
    expect(splitStatements(sql, 100)[1].from).toBe(112);
  });

  it('tokens cover every character', () => {
    const sql = "SELECT e'x\\'', \"q\"\"\", $a$;$a$ /* c */ -- d\n 1.5e3 ? :x;";
    const toks = tokenize(sql);
    expect(toks.map((t) => sql.slice(t.start, t.end)).join('')).toBe(sql);
    for (let i = 1; i < toks.length; i++) expect(toks[i].start).toBe(toks[i - 1].end);
  });

  describe('statementAt', () => {
    const sql = 'SELECT 1;\nSELECT 2;  \n\nSELECT 3';
    it.each([
      [0, 'SELECT 1'],
      [8, 'SELECT 1'],
      [9, 'SELECT 1'], // after the semicolon, same line
      [10, 'SELECT 2'],
      [20, 'SELECT 2'], // trailing spaces on the line of SELECT 2
      [22, 'SELECT 3'], // blank line: the next statement
      [sql.length, 'SELECT 3'],
    ])('cursor at %i → %s', (pos, expected) => {
      expect(statementAt(sql, pos)?.text).toBe(expected);
    });
    it('is null for an empty script', () => {
      expect(statementAt('  -- nothing\n', 3)).toBeNull();
    });
  });

  it('runs the selection when there is one', () => {
    const sql = 'SELECT 1; SELECT 2; SELECT 3';
    const run = statementsToRun(sql, 10, 28);
    expect(run.map((s) => s.text)).toEqual(['SELECT 2', 'SELECT 3']);
    expect(run[0].from).toBe(10);
    expect(statementsToRun(sql, 28, 10).map((s) => s.text)).toEqual(['SELECT 2', 'SELECT 3']);
    expect(statementsToRun(sql, 12, 12).map((s) => s.text)).toEqual(['SELECT 2']);
  });
});

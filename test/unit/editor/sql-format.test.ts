/**
 * The editor's Format command: only whitespace and keyword case change (the same tokens in the
 * same order), formatting twice changes nothing, and DuckDB gives formatted SQL (every report's
 * among it) the same columns and rows as the original. Conditions go one AND / OR a line; blank
 * lines a statement holds stay where a line starts anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_KEYWORDS } from '../../../src/editor/duckdb-words';
import { formatRange, formatSql } from '../../../src/editor/sql-format';
import { sameTokens } from '../../../src/editor/sql-format-check';
import { splitStatements } from '../../../src/editor/split';
import { tokenize } from '../../../src/editor/tokenize';
import { storeBoundariesSql } from '../../../src/reports/boundaries';
import { DATE_FILTERS, TINY_GEOJSON, openFixtureDb } from '../reports/fixture';
import { REPORTS } from '../../../src/reports/registry';
import { withDefaults } from '../../../src/reports/types';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const KEYWORDS = new Set(DUCKDB_KEYWORDS.split(' '));

/** Tokens other than whitespace, keywords lower-cased. */
function tokens(sql: string): string[] {
  return tokenize(sql)
    .filter((t) => t.type !== 'space')
    .map((t) => {
      const text = sql.slice(t.start, t.end);
      return t.type === 'word' && KEYWORDS.has(text.toLowerCase()) ? `${t.type}:${text.toLowerCase()}` : `${t.type}:${text}`;
    });
}

const TABLES = `
  CREATE TABLE t (id INTEGER, x INTEGER, y VARCHAR, "my col" VARCHAR, type VARCHAR, month INTEGER, l INTEGER[]);
  INSERT INTO t VALUES (1, 10, 'a', 'p q', 'k1', 1, [1, 2]), (2, 20, 'b', 'r', 'k2', 2, [3]), (3, 30, NULL, NULL, 'k1', 2, []);
  CREATE TABLE u (id INTEGER, z DOUBLE);
  INSERT INTO u VALUES (1, 0.5), (3, 1.5), (4, 2.5);
`;

/** [name, SQL, runs against TABLES (compared with DuckDB)]. */
const CASES: readonly [string, string, boolean][] = [
  ['simple select', 'select id, x from t where x > 10 order by id', true],
  ['keywords as column names keep their case', 'select type, month, count(*) as Count from t group by type, month order by 1, 2', true],
  ['joins', 'select t.id, u.z, v.w from t left outer join u on t.id = u.id inner join (select id as w from u) as v on v.w = t.id cross join (select 1 as one) c order by 1', true],
  ['ASOF, POSITIONAL, ANTI and SEMI joins', 'select * from t positional join u; select * from t anti join u on t.id = u.id; select * from t semi join u on t.id = u.id order by 1; select * from t asof join u on t.id >= u.id order by 1', true],
  ['nested subqueries', 'select * from (select id, (select max(z) from u where u.id = t.id) as mz from t where id in (select id from u)) s where mz is not null', true],
  ['CTEs', 'with recursive a as (select 1 as k union all select k + 1 from a where k < 3), b(n) as materialized (select k * 2 from a) select * from a join b on a.k = b.n / 2', true],
  ['window functions stay inline', 'select id, sum(x) over (partition by type order by id rows between unbounded preceding and current row) as run, row_number() over w from t window w as (order by x desc) qualify run > 0 order by id', true],
  ['CASE', "select case when x > 15 then 'big' when x is null then null else 'small' end as size, case type when 'k1' then 1 else 2 end from t order by x", true],
  ['strings holding keywords and semicolons', "select 'select * from t; where', E'it\\'s ; from', 'x''y' as \"select\" from t limit 1", true],
  ['comments holding keywords and semicolons', 'select id, -- from here; select\n x /* where ; order by */ from t -- trailing; comment\nwhere /* nested /* ; */ from */ x > 1 order by id', true],
  ['quoted identifiers with spaces and doubled quotes', 'select "my col" as "a ""quoted"" name", t."type" from "t" order by "id"', true],
  ['dollar-quoted strings', 'select $$ select ; from $$ as a, $tag$ it\'s $$ ; $tag$ as b', true],
  ['GROUP BY ALL, ORDER BY ALL', 'select type, count(*) from t group by all order by all desc', true],
  ['EXCLUDE, REPLACE, COLUMNS', 'select * exclude (l, "my col") replace (x * 2 as x), columns(\'^i\') from t order by id', true],
  ['FROM first, FROM alone', 'from t select id, x where x < 30 order by id; from u', true],
  ['lambdas, :: casts, struct and list literals', "select list_transform(l, x -> x + 1) as l2, x::varchar as s, {'a': 1, 'b': [1, 2]} as st, [1, 2, 3][2] as e, id::double / 2 from t order by id", true],
  ['PIVOT', 'pivot t on type using sum(x) group by month order by month', true],
  ['set operations', '(select id from t except select id from u) union by name select 9 as id intersect select 9 order by 1', true],
  ['DISTINCT ON, IS DISTINCT FROM, BETWEEN, LIKE', "select distinct on (type) type, id, x is distinct from 10 as d from t where y like 'a%' or x between 15 and 25 order by type, id", true],
  ['VALUES, LIMIT and OFFSET', 'select * from (values (1, \'a\'), (2, \'b\'), (3, \'c\')) v(n, s) order by n limit 2 offset 1', true],
  ['function named like a join word', "select left(y, 1), right('abc', 2), struct_pack(a := 1) from t order by 1", true],
  ['aliases after AS keep their case', 'select 1 as Limit_x, 2 as Order, 3 as over', false],
  // DuckDB keeps an unquoted alias's spelling: upper-casing `select` would rename the column.
  ['keywords as aliases and after a dot', 'select 1 as select, 2 as "from", 3 as where, 4 as order, 5 as Group, 6 as limit, 7 as union, 8 as with, 9 as pivot', true],
  ['keywords after a dot', 'select s.order, s.group, s.select, s.from from (select 1 as order, 2 as group, 3 as select, 4 as from) s where s.where is null or true', false],
  ['casts and CTE materialization around aliases', 'with a as materialized (select cast(1 as integer) as from), b as not materialized (select try_cast(\'2\' as double) as select) select a.from, b.select, 3::varchar as join from a, b', true],
  ['INSERT, UPDATE, DELETE', "insert into t (id, x) values (9, 90), (10, 100) returning id; update t set x = x + 1, y = 'z' where id = 9; delete from t using u where t.id = u.id", false],
  ['CREATE TABLE AS WITH', 'create table z as with q as (select 1) select * from q', false],
  ['statements with a comment after the semicolon', 'select 1; -- one\n\n\n-- two\nselect 2;', false],
  ['AND / OR in WHERE, ON, HAVING, QUALIFY', 'select type, count(*) as n from t join u on t.id = u.id and u.z > 0 or t.id = 2 where x between 5 and 35 and (y is null or y <> \'q\') group by type having count(*) > 0 and sum(x) > 5 qualify row_number() over (order by type) = 1 or true order by 1', true],
  ['blank lines inside a statement', 'with a as (select id from t),\n\n\nb as (select id from u)\n\nselect *\nfrom\n\na join b\n\n on a.id = b.id\n\nwhere a.id > 0\n\n and b.id < 9', true],
];

describe('editor/sql-format', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    db.exec(TABLES);
  });
  afterAll(() => db.close());

  it.each(CASES)('%s: same tokens, idempotent, same result', async (_, sql, runs) => {
    const formatted = formatSql(sql);
    expect(formatted).not.toBe(sql);
    expect(tokens(formatted)).toEqual(tokens(sql));
    expect(formatSql(formatted)).toBe(formatted);
    if (!runs) return;
    // Each statement on its own: DuckDB's query() gives the last statement's result.
    const a = splitStatements(sql).map((s) => s.text);
    const b = splitStatements(formatted).map((s) => s.text);
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) {
      expect(await db.query(`DESCRIBE ${b[i]}`)).toEqual(await db.query(`DESCRIBE ${a[i]}`));
      expect(await db.query(b[i])).toEqual(await db.query(a[i]));
    }
  });

  it('lays out clauses, lists, subqueries and CTEs', () => {
    expect(
      formatSql(
        "with recent as (select id, type from t where month >= 2), counts as (select type, count(*) as n from recent group by all) select c.type, c.n, (select max(z) from u) as top from counts c left join t on t.type = c.type where c.n in (1, 2) and c.type <> 'x' order by c.n desc, c.type limit 5",
      ),
    ).toBe(
      [
        'WITH',
        '  recent AS (',
        '    SELECT',
        '      id,',
        '      type',
        '    FROM t',
        '    WHERE month >= 2',
        '  ),',
        '  counts AS (',
        '    SELECT',
        '      type,',
        '      count(*) AS n',
        '    FROM recent',
        '    GROUP BY ALL',
        '  )',
        'SELECT',
        '  c.type,',
        '  c.n,',
        '  (',
        '    SELECT',
        '      max(z)',
        '    FROM u',
        '  ) AS top',
        'FROM counts c',
        'LEFT JOIN t ON t.type = c.type',
        'WHERE c.n IN (1, 2)',
        "  AND c.type <> 'x'",
        'ORDER BY',
        '  c.n DESC,',
        '  c.type',
        'LIMIT 5',
      ].join('\n'),
    );
  });

  it('keeps OVER (…), CASE and calls on one line, comments where they were, statements a blank line apart', () => {
    expect(
      formatSql(
        "-- totals\nselect type, sum(x) over (partition by type order by id) as s, -- running\n case when x > 1 then 'a' else 'b' end as c from t;select 2 -- two\n;",
      ),
    ).toBe(
      [
        '-- totals',
        'SELECT',
        '  type,',
        '  sum(x) OVER (PARTITION BY type ORDER BY id) AS s, -- running',
        "  CASE WHEN x > 1 THEN 'a' ELSE 'b' END AS c",
        'FROM t;',
        '',
        'SELECT',
        '  2 -- two',
        '  ;',
      ].join('\n'),
    );
  });

  it.each([
    ['from t select id where x > 1', 'FROM t\nSELECT\n  id\nWHERE x > 1'],
    ['select distinct on (type) type, id from t', 'SELECT DISTINCT ON (type)\n  type,\n  id\nFROM t'],
    ['select 1 union all select 2', 'SELECT\n  1\nUNION ALL\nSELECT\n  2'],
    ["insert into t (id, y) values (1, 'a'), (2, 'b')", "INSERT INTO t (id, y)\nVALUES\n  (1, 'a'),\n  (2, 'b')"],
    ['update t set x = 1, y = null where id = 2', 'UPDATE t\nSET\n  x = 1,\n  y = NULL\nWHERE id = 2'],
    ['delete from t where id = 1', 'DELETE FROM t\nWHERE id = 1'],
    ['select constructor, toString from t', 'SELECT\n  constructor,\n  toString\nFROM t'],
  ])('lays out %j', (sql, expected) => {
    expect(formatSql(sql)).toBe(expected);
  });

  it.each([
    ['SELECT 1 AS select, 2 AS "from"', 'SELECT\n  1 AS select,\n  2 AS "from"'],
    ['select t.order, t.Select from t', 'SELECT\n  t.order,\n  t.Select\nFROM t'],
    ['select x as from from t as Where', 'SELECT\n  x AS from\nFROM t AS Where'],
    ['select cast(x as integer), try_cast(x as double), x::varchar from t', 'SELECT\n  CAST(x AS integer),\n  try_cast(x AS double),\n  x::varchar\nFROM t'],
    ['create table z as select 1 as select', 'CREATE TABLE z AS\nSELECT\n  1 AS select'],
    ['with a as not materialized (select 1) select 2 as with', 'WITH\n  a AS NOT MATERIALIZED (\n    SELECT\n      1\n  )\nSELECT\n  2 AS with'],
  ])('reads a word after AS or a dot as a name: %j', (sql, expected) => {
    expect(formatSql(sql)).toBe(expected);
  });

  it.each([
    ['select a from t where a = 1 and b = 2 or c', 'SELECT\n  a\nFROM t\nWHERE a = 1\n  AND b = 2\n  OR c'],
    ['select type from t group by type having count(*) > 1 or sum(x) > 5', 'SELECT\n  type\nFROM t\nGROUP BY\n  type\nHAVING count(*) > 1\n  OR sum(x) > 5'],
    ['select * from t left join u on t.id = u.id and u.z > 1 where x > 1', 'SELECT\n  *\nFROM t\nLEFT JOIN u ON t.id = u.id\n  AND u.z > 1\nWHERE x > 1'],
    ['select id from t qualify row_number() over (order by x) = 1 or id = 2', 'SELECT\n  id\nFROM t\nQUALIFY row_number() OVER (ORDER BY x) = 1\n  OR id = 2'],
    // A subquery keeps its layout, under the line that opens it; its own WHERE is a condition too.
    [
      'select id from t where x > 1 and id in (select id from u where z > 1 and z < 3) or id = 2',
      'SELECT\n  id\nFROM t\nWHERE x > 1\n  AND id IN (\n    SELECT\n      id\n    FROM u\n    WHERE z > 1\n      AND z < 3\n  )\n  OR id = 2',
    ],
  ])('puts each top-level AND / OR of a condition on its own line: %j', (sql, expected) => {
    expect(formatSql(sql)).toBe(expected);
  });

  it.each([
    ['select * from t where x between 1 and 2 or y', 'SELECT\n  *\nFROM t\nWHERE x BETWEEN 1 AND 2\n  OR y'],
    ['select * from t where x not between (1 + (2)) and (3 * (2 + 1)) and y', 'SELECT\n  *\nFROM t\nWHERE x NOT BETWEEN (1 + (2)) AND (3 * (2 + 1))\n  AND y'],
    [
      'select * from t where x between case when a and b then 1 else 0 end and 5 or y',
      'SELECT\n  *\nFROM t\nWHERE x BETWEEN CASE WHEN a AND b THEN 1 ELSE 0 END AND 5\n  OR y',
    ],
    ['select * from t where (a or b) and c', 'SELECT\n  *\nFROM t\nWHERE (a OR b)\n  AND c'],
    ['select * from t join u on (t.id = u.id or u.z > 1) and t.x > 0', 'SELECT\n  *\nFROM t\nJOIN u ON (t.id = u.id OR u.z > 1)\n  AND t.x > 0'],
    ['select * from t where coalesce(a and b, c or d) and e', 'SELECT\n  *\nFROM t\nWHERE coalesce(a AND b, c OR d)\n  AND e'],
    ['select * from t where case when a and b then true else c or d end or e', 'SELECT\n  *\nFROM t\nWHERE CASE WHEN a AND b THEN TRUE ELSE c OR d END\n  OR e'],
    ['select * from t where case when x between 1 and 2 and y then 1 end = 1 and z', 'SELECT\n  *\nFROM t\nWHERE CASE WHEN x BETWEEN 1 AND 2 AND y THEN 1 END = 1\n  AND z'],
    ['select a and b as flag, x or y from t where a and b', 'SELECT\n  a AND b AS flag,\n  x OR y\nFROM t\nWHERE a\n  AND b'],
    ['select * from t where t.and = 1 or t.or', 'SELECT\n  *\nFROM t\nWHERE t.and = 1\n  OR t.or'],
  ])('keeps BETWEEN, brackets, CASE and other clauses on their line: %j', (sql, expected) => {
    expect(formatSql(sql)).toBe(expected);
  });

  it.each([
    // BETWEEN and EXISTS are upper-cased where they are operators, and only there: a column may be named between.
    ['select * from t where case when a then 1 end between 0 and 1 or x is null between false and true', 'SELECT\n  *\nFROM t\nWHERE CASE WHEN a THEN 1 END BETWEEN 0 AND 1\n  OR x IS NULL BETWEEN FALSE AND TRUE'],
    ['select between, a, between from t where between > 1', 'SELECT\n  between,\n  a,\n  between\nFROM t\nWHERE between > 1'],
    // and its AND is a condition's
    ['select * from t where between = 1 and x = 2', 'SELECT\n  *\nFROM t\nWHERE between = 1\n  AND x = 2'],
    ['select * from t where exists (select 1) and not exists (with q as (select 1) select * from q)', 'SELECT\n  *\nFROM t\nWHERE EXISTS (\n  SELECT\n    1\n)\n  AND NOT EXISTS (\n    WITH\n      q AS (\n        SELECT\n          1\n      )\n    SELECT\n      *\n    FROM q\n  )'],
  ])('upper-cases BETWEEN and EXISTS as operators, not as names: %j', (sql, expected) => {
    expect(formatSql(sql)).toBe(expected);
  });

  it.each([
    // Between two CTEs, before a clause, before an AND line: one blank line, however many.
    [
      'with a as (select 1),\n\n\n\nb as (select 2) select * from a\n\n\nwhere x = 1\n\nand y',
      'WITH\n  a AS (\n    SELECT\n      1\n  ),\n\n  b AS (\n    SELECT\n      2\n  )\nSELECT\n  *\nFROM a\n\nWHERE x = 1\n\n  AND y',
    ],
    // Before an own-line comment: the comment stays above what it is about.
    ['select a,\n\n-- b is\nb from t', 'SELECT\n  a,\n\n  -- b is\n  b\nFROM t'],
    // Inside a line Format joins: dropped.
    ['select a\n\nfrom\n\nt where x\n\n= 1 and y in (1,\n\n2)', 'SELECT\n  a\n\nFROM t\nWHERE x = 1\n  AND y IN (1, 2)'],
    // Between statements, as before: one blank line, none after a comment there.
    ['select 1;\n\n\n-- c\n\nselect 2', 'SELECT\n  1;\n\n-- c\nSELECT\n  2'],
    ['-- c\n\nselect 1', '-- c\nSELECT\n  1'],
  ])('keeps a blank line inside a statement only where a line starts anyway: %j', (sql, expected) => {
    const formatted = formatSql(sql);
    expect(formatted).toBe(expected);
    expect(formatSql(formatted)).toBe(formatted);
  });

  it('gives a condition laid out one AND / OR a line the same rows in DuckDB', async () => {
    const sql =
      "select t.id, u.z from t join u on t.id = u.id and u.z between 0 and 2 where t.x not between (5 + 6) and (15) and t.y is not null or t.id = 3 and case when t.x > 1 and t.x < 100 then true end order by 1";
    const formatted = formatSql(sql);
    expect(formatted).toBe(
      [
        'SELECT',
        '  t.id,',
        '  u.z',
        'FROM t',
        'JOIN u ON t.id = u.id',
        '  AND u.z BETWEEN 0 AND 2',
        'WHERE t.x NOT BETWEEN (5 + 6) AND (15)',
        '  AND t.y IS NOT NULL',
        '  OR t.id = 3',
        '  AND CASE WHEN t.x > 1 AND t.x < 100 THEN TRUE END',
        'ORDER BY',
        '  1',
      ].join('\n'),
    );
    const rows = await db.query(formatted);
    expect(rows).toEqual(await db.query(sql));
    expect(rows).toEqual([
      { id: 1, z: 0.5 },
      { id: 3, z: 1.5 },
    ]);
  });

  it('fails its own check when a name changes case, not only a keyword', () => {
    const sql = 'select 1 as select';
    const keywords = new Set([0, 9]);
    expect(sameTokens(sql, tokenize(sql), 'SELECT 1 AS select', keywords)).toBe(true);
    expect(sameTokens(sql, tokenize(sql), 'SELECT 1 AS SELECT', keywords)).toBe(false);
    expect(sameTokens(sql, tokenize(sql), 'SELECT 1 AS select', new Set([0, 9, 12]))).toBe(true);
  });

  it('gives back text it cannot read whole unchanged', () => {
    for (const sql of ["select 'open", 'select "open', 'select /* open', 'select $$ open', 'select (1', 'select 1)', 'select [1', "select {'a': 1", 'select (1]', '']) {
      expect(formatSql(sql)).toBe(sql);
    }
  });

  it('keeps touching tokens touching and keeps the text a line comment ends', () => {
    expect(formatSql('select a>=b,c::int,x->x from t')).toBe('SELECT\n  a>=b,\n  c::int,\n  x->x\nFROM t');
    expect(formatSql('select 1 -- c')).toBe('SELECT\n  1 -- c');
    expect(formatSql('select 1\n')).toBe('SELECT\n  1\n');
  });

  it('formats text that starts with whitespace or blank lines', () => {
    expect(formatSql('  select 1')).toBe('SELECT\n  1');
    expect(formatSql('\n\n  select 1 -- c\n')).toBe('SELECT\n  1 -- c\n');
    expect(formatRange('\n  select a, b from t', 0, 0)?.text).toBe('SELECT\n  a,\n  b\nFROM t');
  });
});

describe('editor/sql-format formatRange', () => {
  const doc = 'select 1;\nselect a, b from t where x = 1;\nselect 3';
  it('formats the whole text without a selection, the lines a selection touches with one', () => {
    expect(formatRange(doc, 5, 5)?.text).toBe(formatSql(doc));
    const line2 = doc.indexOf('select a');
    expect(formatRange(doc, line2 + 3, line2 + 12)).toEqual({ from: line2, to: doc.lastIndexOf('\n'), text: 'SELECT\n  a,\n  b\nFROM t\nWHERE x = 1;' });
    // Ending at the start of the next line leaves that line out.
    expect(formatRange(doc, line2, doc.lastIndexOf('\n') + 1)?.to).toBe(doc.lastIndexOf('\n'));
  });
  it('keeps the indent of the selected lines', () => {
    const nested = 'select *\nfrom (\n    select a, b from t where x = 1\n) s';
    const line = nested.indexOf('    select');
    const r = formatRange(nested, line + 6, line + 8);
    expect(r).toEqual({ from: line, to: nested.lastIndexOf('\n'), text: '    SELECT\n      a,\n      b\n    FROM t\n    WHERE x = 1' });
    // Formatting the same lines again changes nothing.
    const again = nested.slice(0, r!.from) + r!.text + nested.slice(r!.to);
    expect(formatRange(again, line, line + r!.text.length)).toBeNull();
    // Statements stay a blank line apart, with nothing on the blank line; tabs stay tabs.
    expect(formatRange('x;\n  select 1; select 2\n', 4, 5)?.text).toBe('  SELECT\n    1;\n\n  SELECT\n    2');
    expect(formatRange('\tselect 1', 0, 3)?.text).toBe('\tSELECT\n\t  1');
    // A blank line kept inside a statement has nothing on it either.
    expect(formatRange('x;\n  select a\n\n\n  from t where a and b;', 3, 40)?.text).toBe('  SELECT\n    a\n\n  FROM t\n  WHERE a\n    AND b;');
    // The whole text is laid out from the first column, as before.
    expect(formatRange('select 1;\n    select 2', 0, 0)?.text).toBe('SELECT\n  1;\n\nSELECT\n  2');
  });
  it('leaves blank lines at either end of the selected lines where they are (they were dropped)', () => {
    const doc = 'x;\n\n  select 1\n\ny;';
    const r = formatRange(doc, 3, doc.length - 2);
    expect(r).toEqual({ from: 4, to: 14, text: '  SELECT\n    1' });
    expect(doc.slice(0, r!.from) + r!.text + doc.slice(r!.to)).toBe('x;\n\n  SELECT\n    1\n\ny;');
    // Only blank lines selected: nothing to do.
    expect(formatRange(doc, 3, 4)).toBeNull();
    expect(formatRange('a;\r\n\r\n  select 1\r\n', 4, 16)?.text).toBe('  SELECT\n    1');
  });
  it('indents no line inside a string or comment the selected lines hold', () => {
    const doc = "  select 'a\nb' as s, /* c\nd */ x from t";
    const r = formatRange(doc, 0, doc.length);
    expect(r?.text).toBe("  SELECT\n    'a\nb' AS s, /* c\nd */\n    x\n  FROM t");
    expect(tokens(r!.text)).toEqual(tokens(doc));
  });
  it('does nothing when the lines start or end inside a string or comment', () => {
    const multi = "select 'a\nfrom b' as s, /* x\nwhere */ 1 from t";
    expect(formatRange(multi, multi.indexOf('from b'), multi.length)).toBeNull();
    expect(formatRange(multi, 0, 3)).toBeNull();
    expect(formatRange('SELECT\n  1', 0, 0)).toBeNull();
  });
});

describe('every report formatted gives the same result', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openFixtureDb();
    await db.query(storeBoundariesSql('tiny.geojson', TINY_GEOJSON, new Date('2024-01-01T00:00:00Z')));
  });
  afterAll(() => db.close());

  const filters = DATE_FILTERS.filter(([name]) => name === 'none' || name === 'whole months');
  it.each(REPORTS.flatMap((def) => filters.map(([name, f]) => [def.id, name, def, f] as const)))('%s (%s)', async (_id, _f, def, f) => {
    const sql = def.sql(f, withDefaults(def));
    const formatted = formatSql(sql);
    expect(tokens(formatted)).toEqual(tokens(sql));
    expect(formatSql(formatted)).toBe(formatted);
    expect(await db.query(`DESCRIBE ${formatted}`)).toEqual(await db.query(`DESCRIBE ${sql}`));
    expect(await db.query(formatted)).toEqual(await db.query(sql));
  });
});

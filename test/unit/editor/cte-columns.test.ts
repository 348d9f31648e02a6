import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cteColumns, cteForQualifier, cteNames, ctesInScope } from '../../../src/editor/cte-columns';
import type { SchemaModel, SchemaTable } from '../../../src/editor/schema-model';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const table = (name: string, columns: string[]): SchemaTable => ({
  catalog: 'memory', schema: 'main', name, kind: 'table', rows: 0, ref: name,
  columns: columns.map((c) => ({ name: c, type: 'INTEGER' })),
});
const model: SchemaModel = {
  tables: [
    table('service_requests', ['service_request_id', 'neighborhood', 'case_status', 'Odd Name']),
    table('traffic_accidents', ['incident_id', 'neighborhood', 'reported_at']),
  ],
};
const FIXTURE = `CREATE TABLE service_requests (service_request_id INT, neighborhood VARCHAR, case_status VARCHAR, "Odd Name" INT);
CREATE TABLE traffic_accidents (incident_id INT, neighborhood VARCHAR, reported_at TIMESTAMP)`;

const columnsOf = (sql: string, name: string, m: SchemaModel | null = model) => cteColumns(sql, m).find((c) => c.name === name)?.columns;

/**
 * [what, statement (its outer query reads the CTE), CTE, expected columns, true when DuckDB names
 * no other column]: each is checked against the names DuckDB gives the outer query's columns.
 */
const CASES: [string, string, string, string[], boolean][] = [
  ['aliases, names, count(*)', 'WITH recent AS (SELECT service_request_id AS id, neighborhood, count(*) AS n FROM service_requests GROUP BY ALL) SELECT * FROM recent', 'recent', ['id', 'neighborhood', 'n'], true],
  ['a column keeps its own spelling; count_star(); f(col)', 'WITH r AS (SELECT s.service_request_id id, s.NEIGHBORHOOD, COUNT(*), Sum(s.service_request_id), random() FROM service_requests s GROUP BY ALL) SELECT * FROM r', 'r', ['id', 'neighborhood', 'count_star()', 'sum(s.service_request_id)', 'random()'], true],
  ['unnamed expressions are left out', 'WITH r AS (SELECT service_request_id + 1, max("Odd Name"), CASE WHEN true THEN 1 END AS c FROM service_requests GROUP BY ALL) SELECT * FROM r', 'r', ['c'], false],
  ['the explicit list wins, the rest keep their names', 'WITH t(a) AS (SELECT 1 AS x, 2 AS y) SELECT * FROM t', 't', ['a', 'y'], true],
  ['* of a table, EXCLUDE any case', 'WITH t AS (SELECT * EXCLUDE (CASE_STATUS, "odd name") FROM service_requests) SELECT * FROM t', 't', ['service_request_id', 'neighborhood'], true],
  ['t.* and an earlier CTE, USING, repeated names numbered', 'WITH a AS (SELECT * EXCLUDE ("Odd Name") FROM service_requests), b AS (SELECT a.*, t.* FROM a JOIN traffic_accidents t USING (neighborhood)) SELECT * FROM b', 'b', ['service_request_id', 'neighborhood', 'case_status', 'incident_id', 'neighborhood_1', 'reported_at'], true],
  ['* over a USING join names the column once', 'WITH b AS (SELECT * FROM service_requests JOIN traffic_accidents USING (neighborhood)) SELECT * FROM b', 'b', ['service_request_id', 'neighborhood', 'case_status', 'Odd Name', 'incident_id', 'reported_at'], true],
  ['NATURAL join', 'WITH b AS (SELECT * FROM service_requests NATURAL JOIN traffic_accidents) SELECT * FROM b', 'b', ['service_request_id', 'neighborhood', 'case_status', 'Odd Name', 'incident_id', 'reported_at'], true],
  ['SEMI join keeps the left side', 'WITH b AS (SELECT * FROM service_requests s SEMI JOIN traffic_accidents t ON s.neighborhood = t.neighborhood) SELECT * FROM b', 'b', ['service_request_id', 'neighborhood', 'case_status', 'Odd Name'], true],
  ['comma join', 'WITH b AS (SELECT * FROM service_requests, traffic_accidents) SELECT * FROM b', 'b', ['service_request_id', 'neighborhood', 'case_status', 'Odd Name', 'incident_id', 'neighborhood_1', 'reported_at'], true],
  ['RENAME, and an alias named like a column', 'WITH t AS (SELECT * EXCLUDE (neighborhood) RENAME (case_status AS status), 1 AS neighborhood FROM service_requests) SELECT * FROM t', 't', ['service_request_id', 'status', 'Odd Name', 'neighborhood'], true],
  ['q.* EXCLUDE', 'WITH t AS (SELECT service_requests.* EXCLUDE (case_status) FROM service_requests) SELECT * FROM t', 't', ['service_request_id', 'neighborhood', 'Odd Name'], true],
  ['strings, comments and nested brackets do not split the list', `WITH t AS (/* (, */ SELECT 'a,b' AS "x,y", -- c, d
    list_value(1, 2) AS l, {'p': 1, 'q': 2} AS s, [1, (2)] AS arr FROM service_requests) SELECT * FROM t`, 't', ['x,y', 'l', 's', 'arr'], true],
  ['prefix alias, string alias, IS NOT DISTINCT FROM', "WITH t AS (SELECT x: neighborhood, 'lit' AS 'y', neighborhood IS NOT DISTINCT FROM case_status AS same FROM service_requests) SELECT * FROM t", 't', ['x', 'y', 'same'], true],
  ['DISTINCT ON', 'WITH t AS (SELECT DISTINCT ON (neighborhood) neighborhood, case_status FROM service_requests ORDER BY neighborhood) SELECT * FROM t', 't', ['neighborhood', 'case_status'], true],
  ['aliases without AS after CASE, NULL, a cast', "WITH t AS (SELECT CASE WHEN true THEN 1 END c, NULL n2, service_request_id::VARCHAR sid, 'x' \"Q\"\"q\" FROM service_requests) SELECT * FROM t", 't', ['c', 'n2', 'sid', 'Q"q'], true],
  ['WITH RECURSIVE takes the first SELECT', 'WITH RECURSIVE t AS (SELECT 1 AS k UNION ALL SELECT k + 1 FROM t WHERE k < 3) SELECT * FROM t', 't', ['k'], true],
  ['UNION of parenthesized SELECTs', 'WITH t AS ((SELECT 1 AS p) UNION (SELECT 2 AS q)) SELECT * FROM t', 't', ['p'], true],
  ['FROM-first', 'WITH t AS (FROM service_requests SELECT neighborhood AS nb, case_status) SELECT * FROM t', 't', ['nb', 'case_status'], true],
  ['FROM alone', 'WITH t AS (FROM traffic_accidents) SELECT * FROM t', 't', ['incident_id', 'neighborhood', 'reported_at'], true],
  ['VALUES', "WITH t AS (VALUES (1, 'a'), (2, 'b')) SELECT * FROM t", 't', ['col0', 'col1'], true],
  ['a subquery and its column aliases', 'WITH t AS (SELECT * FROM (VALUES (1, 2)) v(a, b)) SELECT * FROM t', 't', ['a', 'b'], true],
  ['a table alias list renames the first columns', 'WITH t AS (SELECT * FROM service_requests s(a, b)) SELECT * FROM t', 't', ['a', 'b', 'case_status', 'Odd Name'], true],
  ['a WITH inside the body', 'WITH t AS (WITH inner_q AS (SELECT 1 AS deep) SELECT * FROM inner_q) SELECT * FROM t', 't', ['deep'], true],
  ['quoted CTE name', 'WITH "Odd CTE" AS MATERIALIZED (SELECT "Odd Name" FROM service_requests) SELECT * FROM "Odd CTE"', 'Odd CTE', ['Odd Name'], true],
];

describe('editor/cte-columns', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    db.exec(FIXTURE);
  });
  afterAll(() => db.close());

  it.each(CASES)('%s', async (_, sql, name, expected, complete) => {
    expect(columnsOf(sql, name)).toEqual(expected);
    const duck = (await db.query(`DESCRIBE ${sql}`)).map((r) => String(r.column_name));
    if (complete) expect(duck).toEqual(expected);
    else expect(duck.filter((c) => expected.includes(c))).toEqual(expected);
  });

  it('finds CTE names (moved from ui/editor/completion), not in strings or comments, nor WITH TIME ZONE', () => {
    expect(cteNames('WITH a AS (SELECT 1), "b c" AS MATERIALIZED (SELECT 2), d(x) AS (SELECT 3) SELECT * FROM a')).toEqual(['a', 'b c', 'd']);
    expect(cteNames('WITH RECURSIVE t AS (SELECT 1) SELECT 1')).toEqual(['t']);
    expect(cteNames('WITH RECURSIVE t(a, b) USING KEY (a) AS (SELECT 1, 2) SELECT 1')).toEqual(['t']);
    expect(cteNames('SELECT a, b FROM x')).toEqual([]);
    expect(cteNames("SELECT 'WITH a AS (SELECT 1)' -- WITH b AS (\n")).toEqual([]);
    expect(cteNames("SELECT '2020-01-01'::TIMESTAMP WITH TIME ZONE AS (x)")).toEqual([]);
  });

  it('lists every CTE once, nested ones too', () => {
    expect(cteColumns('WITH a AS (WITH b AS (SELECT 1 AS x) SELECT x AS y FROM b), A AS (SELECT 2) SELECT * FROM a')).toEqual([
      { name: 'a', columns: ['y'] },
      { name: 'b', columns: ['x'] },
    ]);
  });

  it('without a schema: names from the text only, * of a table unknown', () => {
    expect(columnsOf('WITH t AS (SELECT a, * , b FROM service_requests) SELECT 1', 't', null)).toEqual(['a', 'b']);
    expect(columnsOf('WITH t(x, y) AS (SELECT * FROM service_requests) SELECT 1', 't', null)).toEqual(['x', 'y']);
    // Past an unknown number of columns, names cannot be matched to the explicit list.
    expect(columnsOf('WITH t(x) AS (SELECT *, b FROM service_requests) SELECT 1', 't', null)).toEqual(['x']);
  });

  it('reads a statement still being typed', () => {
    expect(columnsOf('WITH t AS (SELECT a, b AS c, FROM service_requests', 't')).toEqual(['a', 'c']);
    expect(columnsOf('WITH t AS (SELECT a, lower(', 't')).toEqual(['a']);
    expect(columnsOf('WITH t AS (SELECT a) SELECT t.', 't')).toEqual(['a']);
  });

  it('puts in scope the CTEs the statement reads, not one inside its own body unless it reads itself', () => {
    const sql = 'WITH a AS (SELECT 1 AS x), b AS (SELECT y FROM a), c AS (SELECT 3 AS z) SELECT * FROM b';
    const scope = (pos: number) => ctesInScope(sql, pos).map((c) => c.name);
    expect(scope(sql.length)).toEqual(['a', 'b']);
    expect(scope(sql.indexOf('y FROM a'))).toEqual(['a']);
    const rec = 'WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM t) SELECT 1';
    expect(ctesInScope(rec, rec.indexOf('k + 1'))).toEqual([{ name: 't', columns: ['k'] }]);
  });

  it('resolves a qualifier: a CTE name any case, its alias, not a table alias or a name used inside its own body', () => {
    const sql = 'WITH recent AS (SELECT 1 AS n) SELECT * FROM recent AS r JOIN service_requests s ON true';
    const end = sql.length;
    expect(cteForQualifier(sql, 'RECENT', end)?.columns).toEqual(['n']);
    expect(cteForQualifier(sql, 'r', end)?.name).toBe('recent');
    expect(cteForQualifier(sql, 's', end, model)).toBeNull();
    expect(cteForQualifier(sql, 'service_requests', end, model)).toBeNull();
    expect(cteForQualifier(sql, 'recent', sql.indexOf('1 AS n'))).toBeNull();
  });
});

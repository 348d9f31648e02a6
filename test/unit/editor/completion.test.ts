import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { schemaCompletionSource, sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { SchemaModel } from '../../../src/editor/schema-model';
import { columnSource, cteColumnSource, cteSource, functionSource, outsideStrings, schemaNamespace } from '../../../src/ui/editor/completion';
import { sqlName } from '../../../src/editor/schema-model';
import { DuckDB } from '../../../src/ui/editor/dialect';

const model: SchemaModel = {
  tables: [
    {
      catalog: 'memory', schema: 'main', name: 'service_requests', kind: 'table', rows: 10, ref: 'service_requests',
      columns: [{ name: 'case_status', type: 'VARCHAR' }, { name: 'created_at', type: 'TIMESTAMP' }],
    },
    {
      catalog: 'memory', schema: 'main', name: 'traffic_accidents', kind: 'table', rows: 5, ref: 'traffic_accidents',
      columns: [{ name: 'reported_at', type: 'TIMESTAMP' }, { name: 'Odd Name', type: 'INTEGER' }],
    },
  ],
};

/** Runs a completion source with the cursor at `|`. */
function complete(source: ReturnType<typeof columnSource>, text: string, explicit = false): CompletionResult | null {
  const pos = text.indexOf('|');
  const doc = text.replace('|', '');
  const state = EditorState.create({ doc, extensions: [sql({ dialect: DuckDB })] });
  return source(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}

describe('ui/editor/completion', () => {
  const columns = columnSource(() => model);

  it('offers the columns of the tables the statement mentions, with types', () => {
    const r = complete(columns, 'SELECT * FROM service_requests WHERE case_|');
    expect(r?.options.map((o) => [o.label, o.detail])).toEqual([
      ['case_status', 'VARCHAR · service_requests'],
      ['created_at', 'TIMESTAMP · service_requests'],
    ]);
    expect(r?.from).toBe('SELECT * FROM service_requests WHERE '.length);
  });

  it('offers every table’s columns when none is mentioned yet, quoting odd names', () => {
    const r = complete(columns, 'SELECT c|');
    expect(r?.options.map((o) => o.label)).toEqual(['case_status', 'created_at', 'reported_at', 'Odd Name']);
    expect(r?.options.find((o) => o.label === 'Odd Name')?.apply).toBe('"Odd Name"');
  });

  it('stays quiet in strings, comments, after a dot, and on an empty word unless asked', () => {
    expect(complete(columns, "SELECT 'cas|'")).toBeNull();
    expect(complete(columns, 'SELECT 1 -- cas|')).toBeNull();
    expect(complete(columns, 'SELECT service_requests.c|')).toBeNull();
    expect(complete(columns, 'SELECT |')).toBeNull();
    expect(complete(columns, 'SELECT |', true)?.options.length).toBe(4);
  });

  it('offers DuckDB functions', () => {
    const fns = functionSource(() => [{ name: 'strftime', kind: 'scalar', detail: 'scalar(data, format) → VARCHAR' }]);
    expect(complete(fns, 'SELECT strf|')?.options[0]).toMatchObject({ label: 'strftime', type: 'function' });
  });

  it('leaves table positions to the table names: no columns right after FROM, JOIN, INTO…', () => {
    expect(complete(columns, 'SELECT * FROM serv|')).toBeNull();
    expect(complete(columns, 'SELECT * FROM service_requests s JOIN tr|')).toBeNull();
    expect(complete(columns, 'DESCRIBE s|')).toBeNull();
    expect(complete(columns, 'SELECT * FROM service_requests WHERE cas|')?.options.length).toBe(2);
  });

  it('narrows the columns to a quoted table name the statement mentions', () => {
    const odd: SchemaModel = { tables: [...model.tables, { ...model.tables[1], name: 'Odd Table', ref: '"Odd Table"', columns: [{ name: 'only_here', type: 'DOUBLE' }] }] };
    const r = complete(columnSource(() => odd), 'SELECT o| FROM "Odd Table"');
    expect(r?.options.map((o) => o.label)).toEqual(['only_here']);
  });

  it('quotes a column named like a reserved word (order, group), and only those', () => {
    expect(sqlName('order')).toBe('"order"');
    expect(sqlName('group')).toBe('"group"');
    expect(sqlName('type')).toBe('type');
    expect(sqlName('source')).toBe('source');
  });

  it("offers the statement's CTE names, first where a table goes", () => {
    const ctes = cteSource();
    const r = complete(ctes, 'WITH recent AS (SELECT 1) SELECT * FROM rec|');
    expect(r?.options).toEqual([expect.objectContaining({ label: 'recent', detail: 'CTE', boost: 3 })]);
    expect(complete(ctes, 'WITH "b c" AS (SELECT 1) SELECT * FROM b|')?.options[0].apply).toBe('"b c"');
    // Only the statement under the cursor's.
    expect(complete(ctes, 'WITH recent AS (SELECT 1) SELECT 1; SELECT * FROM rec|')).toBeNull();
  });

  const RECENT = 'WITH recent AS (SELECT service_request_id AS id, neighborhood, count(*) AS n FROM service_requests GROUP BY ALL)';
  const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label);

  it("offers a CTE's columns after `cte.` (the select list's aliases and names)", () => {
    const dotted = cteColumnSource(() => model);
    const r = complete(dotted, `${RECENT} SELECT recent.| FROM recent`);
    expect(labels(r)).toEqual(['id', 'neighborhood', 'n']);
    expect(r?.from).toBe(`${RECENT} SELECT recent.`.length);
    expect(r?.options[0]).toMatchObject({ type: 'property', detail: 'CTE recent' });
    // The word after the dot, any case of the name, the alias the statement gives it.
    expect(complete(dotted, `${RECENT} SELECT RECENT.nei| FROM recent`)?.from).toBe(`${RECENT} SELECT RECENT.`.length);
    expect(labels(complete(dotted, `${RECENT} SELECT r.| FROM recent AS r`))).toEqual(['id', 'neighborhood', 'n']);
    expect(labels(complete(dotted, `${RECENT} SELECT r.| FROM service_requests s JOIN recent r USING (neighborhood)`))).toEqual(['id', 'neighborhood', 'n']);
  });

  it('after `cte.`: a quoted CTE name, quoted columns, `*` spread over the tables it reads', () => {
    const dotted = cteColumnSource(() => model);
    const text = 'WITH "b c" AS (SELECT count(*), 1 AS "order", * FROM service_requests) SELECT "b c".| FROM "b c"';
    const r = complete(dotted, text);
    expect(labels(r)).toEqual(['count_star()', 'order', 'case_status', 'created_at']);
    expect(r?.options.map((o) => o.apply)).toEqual(['"count_star()"', '"order"', undefined, undefined]);
  });

  it('stays quiet after a dot that is not a CTE: tables, their aliases, strings, comments, other statements', () => {
    const dotted = cteColumnSource(() => model);
    expect(complete(dotted, `${RECENT} SELECT service_requests.| FROM service_requests`)).toBeNull();
    expect(complete(dotted, `${RECENT} SELECT recent.| FROM service_requests recent`)).toBeNull();
    expect(complete(dotted, `${RECENT} SELECT main.recent.| FROM recent`)).toBeNull();
    expect(complete(dotted, `${RECENT} SELECT 'recent.|' FROM recent`)).toBeNull();
    expect(complete(dotted, `${RECENT} SELECT 1 -- recent.|`)).toBeNull();
    expect(complete(dotted, `${RECENT} SELECT 1; SELECT recent.| FROM recent`)).toBeNull();
    // Inside its own body the CTE is not in scope yet.
    expect(complete(dotted, 'WITH recent AS (SELECT recent.| AS id FROM service_requests) SELECT * FROM recent')).toBeNull();
  });

  it('offers the columns of the CTEs the statement reads with the other columns, boosted', () => {
    const r = complete(columns, `${RECENT} SELECT n| FROM recent`);
    const cte = r?.options.filter((o) => o.detail?.startsWith('CTE'));
    expect(cte?.map((o) => [o.label, o.detail, o.boost])).toEqual([
      ['id', 'CTE recent', 2],
      ['neighborhood', 'CTE recent', 2],
      ['n', 'CTE recent', 2],
    ]);
    // The tables the statement mentions keep their place.
    expect(labels(r)).toEqual(['id', 'neighborhood', 'n', 'case_status', 'created_at']);
    // Two CTEs with one column name: one option naming both.
    const two = complete(columns, 'WITH a AS (SELECT 1 AS k), b AS (SELECT 2 AS k) SELECT k| FROM a, b');
    expect(two?.options.find((o) => o.label === 'k')?.detail).toBe('CTE a, b');
    // Even before the schema has loaded.
    expect(labels(complete(columnSource(() => null), 'WITH t(x, y) AS (VALUES (1, 2)) SELECT x| FROM t'))).toEqual(['x', 'y']);
  });

  it('leaves out CTEs the statement does not read, and a CTE inside its own body', () => {
    expect(labels(complete(columns, `${RECENT} SELECT n| FROM service_requests`))).toEqual(['case_status', 'created_at']);
    const inBody = complete(columns, 'WITH recent AS (SELECT ca| FROM service_requests) SELECT * FROM recent');
    expect(labels(inBody)).toEqual(['case_status', 'created_at']);
    // A recursive CTE reads itself: its columns are in scope in its own body.
    const rec = complete(columns, 'WITH RECURSIVE t(k) AS (SELECT 1 UNION ALL SELECT k| + 1 FROM t WHERE k < 3) SELECT * FROM t');
    expect(rec?.options.find((o) => o.label === 'k')?.detail).toBe('CTE t');
  });

  it("keeps lang-sql's table names out of strings and comments (regression: 'serv|' offered service_requests)", () => {
    const tables = outsideStrings(schemaCompletionSource({ dialect: DuckDB, schema: schemaNamespace(model) }));
    // Asked for (Ctrl+Space), lang-sql alone offers them there.
    expect(complete(tables, "SELECT 'serv|' AS s", true)).toBeNull();
    expect(complete(tables, 'SELECT 1 -- serv|', true)).toBeNull();
    expect(complete(tables, 'SELECT * FROM serv|')?.options.map((o) => o.label)).toContain('service_requests');
  });

  it('builds lang-sql’s namespace for table.column completion', () => {
    const ns = schemaNamespace(model) as Record<string, { self: { label: string; detail: string }; children: { label: string; detail: string }[] }>;
    expect(ns.service_requests.self).toMatchObject({ label: 'service_requests', detail: 'table, 10 rows' });
    expect(ns.service_requests.children).toContainEqual(expect.objectContaining({ label: 'created_at', detail: 'TIMESTAMP' }));
  });
});

import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { schemaCompletionSource, sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { SchemaModel } from '../../../src/editor/schema-model';
import { columnSource, cteNames, cteSource, functionSource, outsideStrings, schemaNamespace } from '../../../src/ui/editor/completion';
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
    expect(cteNames('WITH a AS (SELECT 1), "b c" AS MATERIALIZED (SELECT 2), d(x) AS (SELECT 3) SELECT * FROM a')).toEqual(['a', 'b c', 'd']);
    expect(cteNames('WITH RECURSIVE t AS (SELECT 1) SELECT 1')).toEqual(['t']);
    expect(cteNames('SELECT a, b FROM x')).toEqual([]);
    const ctes = cteSource();
    const r = complete(ctes, 'WITH recent AS (SELECT 1) SELECT * FROM rec|');
    expect(r?.options).toEqual([expect.objectContaining({ label: 'recent', detail: 'CTE', boost: 3 })]);
    expect(complete(ctes, 'WITH "b c" AS (SELECT 1) SELECT * FROM b|')?.options[0].apply).toBe('"b c"');
    // Only the statement under the cursor's.
    expect(complete(ctes, 'WITH recent AS (SELECT 1) SELECT 1; SELECT * FROM rec|')).toBeNull();
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

import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { SchemaModel } from '../../../src/editor/schema-model';
import { columnSource, functionSource, schemaNamespace } from '../../../src/ui/editor/completion';
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

  it('builds lang-sql’s namespace for table.column completion', () => {
    const ns = schemaNamespace(model) as Record<string, { self: { label: string; detail: string }; children: { label: string; detail: string }[] }>;
    expect(ns.service_requests.self).toMatchObject({ label: 'service_requests', detail: 'table, 10 rows' });
    expect(ns.service_requests.children).toContainEqual(expect.objectContaining({ label: 'created_at', detail: 'TIMESTAMP' }));
  });
});

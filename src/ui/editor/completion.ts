/**
 * Completion beyond lang-sql's own: the columns of the tables the statement mentions (of every
 * table when it mentions none) with their types, and DuckDB's functions. lang-sql completes
 * keywords, table names and `table.column`.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { syntaxTree } from '@codemirror/language';
import type { FunctionInfo } from '../../editor/schema-load';
import { sqlName, type SchemaModel, type SchemaTable } from '../../editor/schema-model';
import { statementAt } from '../../editor/split';

const WORD = /[\w$\u0080-\uffff]*/;
const VALID = /^[\w$\u0080-\uffff]*$/;

/** The word being typed, or null where completion should stay quiet (strings, comments, after a dot). */
function wordAt(ctx: CompletionContext): { from: number } | null {
  const word = ctx.matchBefore(WORD);
  if (!word || (word.from === word.to && !ctx.explicit)) return null;
  const before = ctx.state.sliceDoc(word.from - 1, word.from);
  if (before === '.' || before === '"') return null;
  const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
  if (/String|Comment|QuotedIdentifier/.test(node.name)) return null;
  return { from: word.from };
}

/** Tables whose names appear as words in the statement under the cursor. */
function tablesInStatement(ctx: CompletionContext, model: SchemaModel): SchemaTable[] {
  const doc = ctx.state.doc.toString();
  const text = (statementAt(doc, ctx.pos)?.text ?? '').toLowerCase();
  const words = new Set(text.match(/[\w$\u0080-\uffff]+/g) ?? []);
  return model.tables.filter((t) => words.has(t.name.toLowerCase()));
}

/** Columns in scope, each with its type (and table) as detail. */
export function columnSource(getModel: () => SchemaModel | null): CompletionSource {
  return (ctx): CompletionResult | null => {
    const model = getModel();
    const word = model && wordAt(ctx);
    if (!model || !word) return null;
    const mentioned = tablesInStatement(ctx, model);
    const tables = mentioned.length ? mentioned : model.tables;
    const byName = new Map<string, { type: string; tables: string[] }>();
    for (const t of tables) {
      for (const c of t.columns) {
        const seen = byName.get(c.name);
        if (seen) seen.tables.push(t.name);
        else byName.set(c.name, { type: c.type, tables: [t.name] });
      }
    }
    const options: Completion[] = [...byName].map(([name, info]) => ({
      label: name,
      apply: sqlName(name) === name ? undefined : sqlName(name),
      type: 'property',
      detail: `${info.type} · ${info.tables.slice(0, 3).join(', ')}${info.tables.length > 3 ? '…' : ''}`,
      boost: mentioned.length ? 2 : 0,
    }));
    return { from: word.from, options, validFor: VALID };
  };
}

/** DuckDB function names, with kind, parameters and return type as detail. */
export function functionSource(getFunctions: () => readonly FunctionInfo[]): CompletionSource {
  let cached: { list: readonly FunctionInfo[]; options: Completion[] } | null = null;
  return (ctx) => {
    const fns = getFunctions();
    const word = fns.length ? wordAt(ctx) : null;
    if (!word) return null;
    if (cached?.list !== fns) {
      cached = { list: fns, options: fns.map((f) => ({ label: f.name, type: 'function', detail: f.detail, boost: -1 })) };
    }
    return { from: word.from, options: cached.options, validFor: VALID };
  };
}

/** lang-sql's namespace: tables (with row counts) and their typed columns, for `table.` completion. */
export function schemaNamespace(model: SchemaModel): SQLNamespace {
  const ns: Record<string, SQLNamespace> = {};
  for (const t of model.tables) {
    const esc = (n: string) => n.replace(/\./g, '\\.');
    const key = t.schema === 'main' ? esc(t.name) : `${esc(t.schema)}.${esc(t.name)}`;
    const rows = t.rows === null ? t.kind : `${t.kind}, ${t.rows.toLocaleString('en-US')} rows`;
    ns[key] = {
      self: { label: t.name, apply: t.ref, type: t.kind === 'view' ? 'interface' : 'class', detail: rows },
      children: t.columns.map((c) => ({ label: c.name, apply: sqlName(c.name), type: 'property', detail: c.type })),
    };
  }
  return ns;
}

/**
 * Completion beyond lang-sql's own: the columns of the tables the statement mentions (of every
 * table when it mentions none) with their types, the statement's CTE names, the columns of the
 * CTEs it reads (also after `cte.` or a CTE's alias and a dot), and DuckDB's functions. lang-sql
 * completes keywords, table names and `table.column`. Where a table name is expected (after FROM,
 * JOIN…), columns stay out of the way.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { syntaxTree } from '@codemirror/language';
import { cteForQualifier, cteNames, ctesInScope } from '../../editor/cte-columns';
import type { FunctionInfo } from '../../editor/schema-load';
import { sqlName, type SchemaModel, type SchemaTable } from '../../editor/schema-model';
import { statementAt } from '../../editor/split';
import { unquoteName } from '../../editor/tokenize';

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

/** `source`, quiet inside strings and comments. */
export function outsideStrings(source: CompletionSource): CompletionSource {
  return (ctx) => (/String|Comment/.test(syntaxTree(ctx.state).resolveInner(ctx.pos, -1).name) ? null : source(ctx));
}

/** The statement under the cursor and the cursor's offset in it. */
function statementAround(ctx: CompletionContext): { text: string; pos: number } {
  const s = statementAt(ctx.state.doc.toString(), ctx.pos);
  return s ? { text: s.text, pos: ctx.pos - s.from } : { text: '', pos: 0 };
}

/** A column option: bare label, quoted when inserted if it has to be. */
function columnOption(name: string, detail: string, boost: number): Completion {
  return { label: name, apply: sqlName(name) === name ? undefined : sqlName(name), type: 'property', detail, boost };
}

/** Tables whose names appear in the statement under the cursor, as words or quoted (`"Odd Table"`). */
function tablesInStatement(ctx: CompletionContext, model: SchemaModel): SchemaTable[] {
  const text = statementAround(ctx).text;
  const words = new Set((text.match(/[\w$\u0080-\uffff]+/g) ?? []).map((w) => w.toLowerCase()));
  for (const q of text.match(/"(?:[^"]|"")+"/g) ?? []) words.add(unquoteName(q).toLowerCase());
  return model.tables.filter((t) => words.has(t.name.toLowerCase()));
}

/** Keywords after which a table (not a column) is written. */
const TABLE_CONTEXT = new Set(['from', 'join', 'into', 'update', 'table', 'describe', 'summarize']);

/** True when the word being typed at `from` follows FROM, JOIN… (a table name goes there). */
function expectsTable(ctx: CompletionContext, from: number): boolean {
  const before = ctx.state.sliceDoc(Math.max(0, from - 40), from);
  const m = /([A-Za-z_]+)\s+$/.exec(before);
  return !!m && TABLE_CONTEXT.has(m[1].toLowerCase());
}

/** The statement's CTE names, first where a table is expected. */
export function cteSource(): CompletionSource {
  return (ctx): CompletionResult | null => {
    const word = wordAt(ctx);
    if (!word) return null;
    const names = cteNames(statementAround(ctx).text);
    if (!names.length) return null;
    const boost = expectsTable(ctx, word.from) ? 3 : 0;
    return {
      from: word.from,
      options: names.map((name) => ({ label: name, apply: sqlName(name) === name ? undefined : sqlName(name), type: 'class', detail: 'CTE', boost })),
      validFor: VALID,
    };
  };
}

/**
 * Columns in scope, each with its type (and table) as detail, and the columns of the CTEs the
 * statement reads ("CTE recent"), boosted like those of the tables it mentions.
 */
export function columnSource(getModel: () => SchemaModel | null): CompletionSource {
  return (ctx): CompletionResult | null => {
    const model = getModel();
    const word = wordAt(ctx);
    if (!word || expectsTable(ctx, word.from)) return null;
    const options: Completion[] = [];
    const stmt = statementAround(ctx);
    const fromCtes = new Map<string, string[]>();
    for (const cte of ctesInScope(stmt.text, stmt.pos, model)) {
      for (const c of cte.columns) fromCtes.set(c, [...(fromCtes.get(c) ?? []), cte.name]);
    }
    for (const [name, ctes] of fromCtes) options.push(columnOption(name, `CTE ${ctes.join(', ')}`, 2));
    if (model) {
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
      for (const [name, info] of byName) {
        const detail = `${info.type} · ${info.tables.slice(0, 3).join(', ')}${info.tables.length > 3 ? '…' : ''}`;
        options.push(columnOption(name, detail, mentioned.length ? 2 : 0));
      }
    }
    return options.length ? { from: word.from, options, validFor: VALID } : null;
  };
}

/** `name.` or `"name".` right before the cursor, then the word being typed after the dot. */
const DOTTED = /(?:"(?:[^"]|"")+"|[\w$\u0080-\uffff]+)\.[\w$\u0080-\uffff]*/;

/**
 * After `cte.` (or the alias the statement gives a CTE, any case, quoted too): that CTE's
 * columns. Quiet for anything else, which lang-sql's `table.column` completion answers.
 */
export function cteColumnSource(getModel: () => SchemaModel | null): CompletionSource {
  return outsideStrings((ctx): CompletionResult | null => {
    const m = ctx.matchBefore(DOTTED);
    if (!m || ctx.state.sliceDoc(m.from - 1, m.from) === '.') return null;
    const dot = m.text.lastIndexOf('.');
    const q = m.text.slice(0, dot);
    const qualifier = unquoteName(q);
    const stmt = statementAround(ctx);
    const cte = cteForQualifier(stmt.text, qualifier, stmt.pos, getModel());
    if (!cte?.columns.length) return null;
    return { from: m.from + dot + 1, options: cte.columns.map((c) => columnOption(c, `CTE ${cte.name}`, 0)), validFor: VALID };
  });
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

/**
 * The token-level half of the read-only guard: what kind of statement this is, judged by its
 * leading keywords. SELECT-like statements are then confirmed by DuckDB's own parser (see
 * ./parser-probe), which is the authority on whether they really are queries.
 */
import { isSignificant, keyword, tokenize, unquoteName, type Token } from './tokenize';

/**
 * - `read`: a query or a catalog read.
 * - `temp`: creates or drops a temporary object (connection-local, never in the store).
 * - `session`: changes a harmless setting of this connection (SET, RESET, PRAGMAs; see SAFE_SETTINGS).
 * - `write`: may change the store or the app's state.
 * - `unknown`: the editor cannot tell; treated like a write.
 */
export type Verdict = 'read' | 'temp' | 'session' | 'write' | 'unknown';

/** A statement's kind as judged from its tokens. */
export interface TokenClass {
  readonly verdict: Verdict;
  /** The keyword the verdict rests on, lower case (`select`, `drop`, …). */
  readonly keyword: string;
  /** SQL that DuckDB's parser should confirm is a SELECT, when the verdict rests on that. */
  readonly probe: string | null;
  /** For `CREATE TEMP …`: the object it creates, which must not hide one of the store's or a built-in function. */
  readonly creates?: TempObject;
}

/** A temporary object by kind (`relation`: table, view or sequence; `function`: macro or function) and lower-case name. */
export interface TempObject {
  readonly kind: 'relation' | 'function';
  readonly name: string;
}

const QUERY_STARTS = new Set(['select', 'values', 'from', 'table', 'with', 'pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);
const CATALOG_READS = new Set(['describe', 'desc', 'summarize', 'show']);
const SESSION = new Set(['set', 'reset']);
const WRITES = new Set([
  'insert', 'update', 'delete', 'drop', 'alter', 'create', 'copy', 'attach', 'detach', 'import', 'export',
  'checkpoint', 'force', 'install', 'load', 'use', 'vacuum', 'analyze', 'truncate', 'merge', 'upsert',
  'begin', 'start', 'commit', 'rollback', 'abort', 'end', 'prepare', 'execute', 'deallocate', 'comment',
  'grant', 'revoke', 'call', 'pragma',
]);
const MODIFYING = new Set(['insert', 'update', 'delete', 'merge', 'drop', 'alter', 'create', 'copy', 'attach', 'truncate']);
const TEMP_OBJECTS = new Set(['table', 'view', 'macro', 'function', 'sequence']);
const READ_PRAGMAS = new Set([
  'table_info', 'show', 'show_tables', 'show_tables_expanded', 'show_databases', 'database_list', 'database_size',
  'storage_info', 'version', 'platform', 'functions', 'collations', 'user_agent', 'metadata_info',
]);
/**
 * Settings the editor may change with writes off. The connection is the app's own (the reports
 * run on it), so only settings that cannot change what the app's queries return, where they
 * read, or what DuckDB may fetch: not search_path, schema, memory_limit, default_order,
 * integer_division, profiling_output, extension or HTTP settings, and not max_expression_depth
 * (a low limit fails every report) or the optimizer (off, the reports' queries crawl).
 */
const SAFE_SETTINGS = new Set([
  'threads', 'worker_threads', 'explain_output', 'enable_profiling', 'enable_profile', 'profiling_mode', 'enable_progress_bar',
  'enable_progress_bar_print', 'progress_bar_time', 'enable_object_cache', 'pivot_limit', 'pivot_filter_threshold', 'variable',
]);
const SESSION_PRAGMAS = new Set([
  'enable_profiling', 'disable_profiling', 'enable_profile', 'disable_profile', 'threads',
  'enable_progress_bar', 'disable_progress_bar', 'explain_output', 'enable_object_cache', 'disable_object_cache',
]);
const SETTING_SCOPES = new Set(['session', 'local', 'global']);

/** Classifies one statement (no semicolons between statements) by its tokens. */
export function classifyTokens(sql: string): TokenClass {
  const toks = tokenize(sql).filter(isSignificant);
  return classifyFrom(sql, toks, 0);
}

function classifyFrom(sql: string, toks: Token[], at: number): TokenClass {
  const kw = (i: number) => keyword(sql, toks[i]);
  const first = kw(at);
  const rest = sql.slice(toks[at]?.start ?? sql.length);
  if (toks[at]?.type === 'lparen' || (first && QUERY_STARTS.has(first))) {
    const hidden = modifyingInside(sql, toks, at);
    if (hidden) return { verdict: 'write', keyword: hidden, probe: null };
    return { verdict: 'read', keyword: first ?? '(', probe: rest };
  }
  if (!first) return { verdict: 'unknown', keyword: '', probe: null };
  if (first === 'explain') {
    // EXPLAIN ANALYZE runs the statement, so it is judged as the statement; so is any EXPLAIN
    // with options (`EXPLAIN (ANALYZE) DELETE …` ran the delete). Plain EXPLAIN only plans.
    let i = at + 1;
    let runs = false;
    if (toks[i]?.type === 'lparen') {
      runs = true;
      i = afterParens(toks, i);
    }
    while (['analyze', 'analyse', 'verbose'].includes(kw(i) ?? '')) {
      if (kw(i) !== 'verbose') runs = true;
      i++;
    }
    return runs ? classifyFrom(sql, toks, i) : { verdict: 'read', keyword: first, probe: null };
  }
  if (CATALOG_READS.has(first)) {
    const hidden = modifyingInside(sql, toks, at);
    return hidden ? { verdict: 'write', keyword: hidden, probe: null } : { verdict: 'read', keyword: first, probe: null };
  }
  if (SESSION.has(first)) {
    let i = at + 1;
    if (SETTING_SCOPES.has(kw(i) ?? '')) i++;
    const name = kw(i) ?? '';
    if (SAFE_SETTINGS.has(name)) return { verdict: 'session', keyword: first, probe: null };
    return { verdict: 'write', keyword: first, probe: null };
  }
  if (first === 'create') return classifyCreate(sql, toks, at);
  if (first === 'drop' && isTempDrop(sql, toks, at)) return { verdict: 'temp', keyword: first, probe: null };
  const afterTemp = first === 'insert' || first === 'update' || first === 'delete' ? tempTarget(sql, toks, at) : -1;
  if (afterTemp > 0) {
    const hidden = modifyingInside(sql, toks, afterTemp);
    return { verdict: hidden ? 'write' : 'temp', keyword: hidden ?? first, probe: null };
  }
  if (first === 'pragma') return classifyPragma(kw(at + 1) ?? '');
  if (first === 'call') {
    const fn = kw(at + 1) ?? '';
    const reads = /^(pragma_|duckdb_)/.test(fn) && READ_FUNCTION.test(fn);
    return { verdict: reads ? 'read' : 'write', keyword: first, probe: null };
  }
  if (WRITES.has(first)) return { verdict: 'write', keyword: first, probe: null };
  return { verdict: 'unknown', keyword: first, probe: null };
}

/** Catalog-reading table functions (`CALL pragma_table_info('t')`, `CALL duckdb_tables()`). */
const READ_FUNCTION = /^(pragma_(table_info|show|storage_info|database_size|version|platform|metadata_info|user_agent|collations)|duckdb_[a-z_]+)$/;

function classifyPragma(name: string): TokenClass {
  if (READ_PRAGMAS.has(name)) return { verdict: 'read', keyword: 'pragma', probe: null };
  if (SESSION_PRAGMAS.has(name)) return { verdict: 'session', keyword: 'pragma', probe: null };
  return { verdict: 'write', keyword: 'pragma', probe: null };
}

/** `CREATE [OR REPLACE] TEMP|TEMPORARY TABLE|VIEW|MACRO|FUNCTION|SEQUENCE …` is allowed. */
function classifyCreate(sql: string, toks: Token[], at: number): TokenClass {
  let i = at + 1;
  if (keyword(sql, toks[i]) === 'or' && keyword(sql, toks[i + 1]) === 'replace') i += 2;
  const temp = keyword(sql, toks[i]);
  const object = keyword(sql, toks[i + 1]);
  if ((temp === 'temp' || temp === 'temporary') && object && TEMP_OBJECTS.has(object)) {
    const hidden = modifyingInside(sql, toks, at);
    if (hidden) return { verdict: 'write', keyword: hidden, probe: null };
    let n = i + 2;
    if (keyword(sql, toks[n]) === 'if' && keyword(sql, toks[n + 1]) === 'not' && keyword(sql, toks[n + 2]) === 'exists') n += 3;
    if (toks[n + 1] && sql.slice(toks[n + 1].start, toks[n + 1].end) === '.') n += 2;
    const name = toks[n] ? identName(sql, toks[n]) : '';
    const kind = object === 'macro' || object === 'function' ? 'function' : 'relation';
    return { verdict: 'temp', keyword: 'create', probe: null, creates: { kind, name } };
  }
  return { verdict: 'write', keyword: 'create', probe: null };
}

/** An identifier token's name as DuckDB resolves it: unquoted, lower case. */
function identName(sql: string, t: Token): string {
  const text = sql.slice(t.start, t.end);
  return (t.type === 'ident' ? unquoteName(text) : text).toLowerCase();
}

/** The index after the parenthesis group opening at token i. */
function afterParens(toks: Token[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    if (toks[i].type === 'lparen') depth++;
    else if (toks[i].type === 'rparen' && --depth === 0) return i + 1;
  }
  return i;
}

/** `DROP TABLE|VIEW|… [IF EXISTS] temp.name` drops only a temporary object. */
function isTempDrop(sql: string, toks: Token[], at: number): boolean {
  let i = at + 1;
  if (!TEMP_OBJECTS.has(keyword(sql, toks[i]) ?? '')) return false;
  i++;
  if (keyword(sql, toks[i]) === 'if' && keyword(sql, toks[i + 1]) === 'exists') i += 2;
  const after = toks.slice(i + 3);
  const simpleTail = after.every((t) => ['cascade', 'restrict'].includes(keyword(sql, t) ?? ''));
  return isTempName(sql, toks, i) && simpleTail;
}

/** `temp . name` starting at token i. */
function isTempName(sql: string, toks: Token[], i: number): boolean {
  const dot = toks[i + 1];
  const name = toks[i + 2];
  return (
    keyword(sql, toks[i]) === 'temp' &&
    !!dot &&
    sql.slice(dot.start, dot.end) === '.' &&
    !!name &&
    (name.type === 'word' || name.type === 'ident') &&
    sql.slice(toks[i + 3]?.start ?? 0, toks[i + 3]?.end ?? 0) !== '.'
  );
}

/**
 * `INSERT [OR …] INTO temp.x`, `UPDATE temp.x`, `DELETE FROM temp.x` write to a temporary table
 * only: returns the token index after the table name, or -1.
 */
function tempTarget(sql: string, toks: Token[], at: number): number {
  let i = at + 1;
  const first = keyword(sql, toks[at]);
  if (first === 'insert') {
    if (keyword(sql, toks[i]) === 'or') i += 2;
    if (keyword(sql, toks[i]) !== 'into') return -1;
    i++;
  } else if (first === 'delete') {
    if (keyword(sql, toks[i]) !== 'from') return -1;
    i++;
  }
  return isTempName(sql, toks, i) ? i + 3 : -1;
}

/**
 * A data-modifying statement hidden in a query: a modifying keyword right after an opening
 * parenthesis (`(DELETE …)`), a top-level one after a WITH list, or `SELECT … INTO`.
 */
function modifyingInside(sql: string, toks: Token[], at: number): string | null {
  let depth = 0;
  const isWith = keyword(sql, toks[at]) === 'with';
  for (let i = at; i < toks.length; i++) {
    const t = toks[i];
    if (t.type === 'lparen') {
      depth++;
      const inner = keyword(sql, toks[i + 1]);
      // `(DELETE FROM …)` is a statement; `t(copy)` or `(insert, …)` lists column names.
      const next = toks[i + 2];
      const listsNames = !!next && (next.type === 'rparen' || sql.slice(next.start, next.end) === ',');
      if (inner && MODIFYING.has(inner) && !listsNames) return 'data-modifying subquery';
      continue;
    }
    if (t.type === 'rparen') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    const k = keyword(sql, t);
    if (!k) continue;
    if (isWith && i > at && MODIFYING.has(k) && keyword(sql, toks[i - 1]) !== 'as') return k;
    if (k === 'into' && i > at && keyword(sql, toks[i + 1]) !== 'name') return 'into';
  }
  return null;
}

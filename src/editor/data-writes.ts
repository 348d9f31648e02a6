/**
 * Whether an editor script may have changed the dataset tables that the reports' rollups and open
 * requests are computed from (db/rollups.ts, db/open-requests.ts). The loads keep those up to date
 * themselves; a write made in the editor ("Allow writes") is followed by a full recomputation when
 * this says so.
 *
 * A statement counts when it may write (verdict `write` or `unknown`) and names a dataset table
 * anywhere, plain or quoted, qualified or not. Naming is enough: `INSERT INTO notes SELECT … FROM
 * service_requests` counts too, since recomputing rollups that did not need it costs time, never
 * correctness. A COMMIT (or END) counts as well: the transaction it ends may have written them in
 * an earlier script.
 */
import { DATASETS } from '../domain/columns';
import type { Verdict } from './classify';
import { isSignificant, keyword, tokenize, unquoteName, type Token } from './tokenize';

const TABLES: ReadonlySet<string> = new Set(DATASETS);

/** The name a word or a quoted identifier token stands for, lower-cased (DuckDB matches names case-insensitively). */
function nameOf(text: string): string {
  return (text.startsWith('"') ? unquoteName(text) : text).toLowerCase();
}

/** True when one of `tokens` (of `sql`) names a dataset table. */
function namesIn(sql: string, tokens: readonly Token[]): boolean {
  return tokens.some((t) => (t.type === 'word' || t.type === 'ident') && TABLES.has(nameOf(sql.slice(t.start, t.end))));
}

/** True when `sql` names one of the dataset tables. */
export function namesDatasetTable(sql: string): boolean {
  return namesIn(sql, tokenize(sql));
}

/** True when `sql` names a dataset table, or is a COMMIT / END, which makes a transaction's earlier writes visible. */
function touchesDatasets(sql: string): boolean {
  const tokens = tokenize(sql);
  const first = keyword(sql, tokens.find(isSignificant));
  return first === 'commit' || first === 'end' || namesIn(sql, tokens);
}

/**
 * True when one of `statements` may have changed a dataset table: a statement classified as a
 * possible write (`verdicts[i]`) that names one or commits. Statements without a verdict were
 * not run.
 */
export function mayChangeDatasets(statements: readonly string[], verdicts: readonly Verdict[]): boolean {
  return statements.some((sql, i) => (verdicts[i] === 'write' || verdicts[i] === 'unknown') && touchesDatasets(sql));
}

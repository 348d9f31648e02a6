/**
 * The CTEs of a statement and their output columns, read from its text the way DuckDB names
 * them (checked against DuckDB in the tests): an explicit list `name(a, b) AS (…)` first, else
 * each item of the body's first SELECT list — its alias (`AS x`, `AS 'x'`, `x: expr`, `expr x`),
 * a column reference's last part, `*` and `t.*` spread over the tables (schema model) and earlier
 * CTEs the body reads (EXCLUDE, RENAME, NATURAL and USING joins), `count(*)` as `count_star()`
 * and `f(col)` as written. Other expressions are left out rather than guessed. Repeated names get
 * DuckDB's `_1`, `_2`… suffixes. Works on tokens (./tokenize), so strings, comments and nested
 * parentheses never split a list.
 */
import { unique, type CteColumns, type CteDef } from './cte-model';
import { Scan } from './cte-scan';
import type { SchemaModel } from './schema-model';

export type { CteColumns } from './cte-model';

/** The names a statement gives its CTEs (`WITH a AS (…), "b c" AS (…)`), nested ones too, once each. */
export function cteNames(statement: string): string[] {
  return unique(new Scan(statement, null).defs).map((d) => d.name);
}

/** Every CTE the statement defines (first of each name) with its columns. */
export function cteColumns(statement: string, model: SchemaModel | null = null): CteColumns[] {
  const scan = new Scan(statement, model);
  return unique(scan.defs).map((d) => scan.result(d));
}

/**
 * The CTEs whose columns are in reach at offset `pos`: those the statement reads in a FROM or
 * JOIN, but not a CTE from inside its own body (unless it reads itself, as a recursive one does).
 */
export function ctesInScope(statement: string, pos: number, model: SchemaModel | null = null): CteColumns[] {
  const scan = new Scan(statement, model);
  const out = new Set<CteDef>();
  for (const ref of scan.references()) {
    const d = ref.cte;
    if (d && (!scan.bodyHolds(d, pos) || scan.bodyHoldsToken(d, ref.at))) out.add(d);
  }
  return [...out].map((d) => scan.result(d));
}

/**
 * The CTE that `qualifier.` means at offset `pos`: an alias the statement gives a CTE in a FROM or
 * JOIN, or a CTE's own name (case-insensitive). Null for anything else, such as a table's alias.
 */
export function cteForQualifier(statement: string, qualifier: string, pos: number, model: SchemaModel | null = null): CteColumns | null {
  const scan = new Scan(statement, model);
  const q = qualifier.toLowerCase();
  const aliased = scan.references().filter((r) => r.alias?.toLowerCase() === q);
  if (aliased.length) return aliased[0].cte ? scan.result(aliased[0].cte) : null;
  const d = scan.defAt([qualifier], scan.tokenAt(pos));
  return d ? scan.result(d) : null;
}

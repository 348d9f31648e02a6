/** The word classes the editor's Format command (sql-format.ts) lays SQL out by. */

/** A `(` followed by one of these opens a query, laid out on lines of its own. */
export const QUERY_START = new Set(['select', 'with', 'from', 'values', 'pivot', 'unpivot']);

/** Words that, in a run ending in JOIN, make up a join (`ASOF LEFT OUTER JOIN`). */
export const JOIN_MODS = new Set(['left', 'right', 'full', 'inner', 'outer', 'cross', 'natural', 'asof', 'positional', 'anti', 'semi']);

/**
 * Operators among DuckDB's type_function keywords (`duckdb_keywords()`): they cannot name a
 * column, so their case means nothing, but `left(…)` and `glob(…)` are also functions, left as
 * written. Only upper-cased with an operand after them.
 */
export const OPERATOR_WORDS = new Set(['is', 'like', 'ilike', 'glob', 'similar']);

/** Reserved words that end an operand (`CASE … END BETWEEN`, `x IS NULL AND`). */
export const OPERAND_WORDS = new Set(['null', 'true', 'false', 'end']);

/** Clauses laid out as a list, one item a line. */
export const LIST_CLAUSES = new Set(['select', 'group', 'order', 'with', 'values', 'set']);

/** Clauses that are a boolean condition, one top-level AND / OR a line (so is a join's ON …). */
export const CONDITION_CLAUSES = new Set(['where', 'having', 'qualify']);

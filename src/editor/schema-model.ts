/**
 * The live schema the browser and completion show: tables and views of the open database plus
 * this connection's temporary tables, their columns and types (information_schema.columns), and
 * row counts of tables. SQL text is built here; ./schema-load runs it.
 */
import { ident, str } from '../sql/quote';
import { DUCKDB_RESERVED } from './duckdb-words';

/** A column and its DuckDB type. */
export interface SchemaColumn {
  readonly name: string;
  readonly type: string;
}

/** A table, view or temp table. */
export interface SchemaTable {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view' | 'temp';
  /** Row count (tables only), null when unknown. */
  readonly rows: number | null;
  readonly columns: readonly SchemaColumn[];
  /** How SQL should refer to it: `name`, or `schema.name` outside `main`, quoted when needed. */
  readonly ref: string;
}

/** Everything the schema browser and completion show. */
export interface SchemaModel {
  readonly tables: readonly SchemaTable[];
}

/** Columns of every user table and view, in order. */
export const SCHEMA_COLUMNS_SQL = `SELECT c.table_catalog AS catalog, c.table_schema AS "schema", c.table_name AS "table",
  c.column_name AS "column", c.data_type AS "type", t.table_type AS table_type
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
WHERE c.table_catalog IN (current_database(), 'temp')
  AND c.table_schema NOT IN ('information_schema', 'pg_catalog')
ORDER BY c.table_catalog = 'temp', c.table_schema <> 'main', c.table_schema, c.table_name, c.ordinal_position`;

/** Function names for completion, one row per name (plain identifiers only). */
export const FUNCTIONS_SQL = `SELECT DISTINCT ON (function_name) function_name AS name, function_type AS kind,
  array_to_string(parameters, ', ') AS params, return_type
FROM duckdb_functions()
WHERE function_type IN ('scalar', 'aggregate', 'table', 'macro', 'table_macro')
  AND regexp_matches(function_name, '^[a-z][a-z0-9_]*$')
ORDER BY function_name`;

/** An identifier as written in SQL: bare when plain lower-case and not a reserved word, else quoted. */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !DUCKDB_RESERVED.has(name) ? name : ident(name);
}

/** `SELECT n` per table in one statement; null when there is nothing to count. */
export function rowCountSql(tables: readonly Pick<SchemaTable, 'catalog' | 'schema' | 'name' | 'kind'>[]): string | null {
  const parts = tables
    .filter((t) => t.kind !== 'view')
    .map(
      (t) =>
        `SELECT ${str(key(t))} AS k, count(*)::BIGINT AS n FROM ${ident(t.catalog)}.${ident(t.schema)}.${ident(t.name)}`,
    );
  return parts.length ? parts.join('\nUNION ALL\n') : null;
}

/** The first rows of a table. */
export function previewSql(table: Pick<SchemaTable, 'ref'>, limit = 100): string {
  return `SELECT * FROM ${table.ref} LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/** DuckDB's per-column summary of a table. */
export function summarizeSql(table: Pick<SchemaTable, 'ref'>): string {
  return `SUMMARIZE ${table.ref}`;
}

function key(t: Pick<SchemaTable, 'catalog' | 'schema' | 'name'>): string {
  return `${t.catalog}\u001f${t.schema}\u001f${t.name}`;
}

/** Builds the model from the rows of SCHEMA_COLUMNS_SQL and of rowCountSql. */
export function buildSchemaModel(
  columnRows: readonly Record<string, unknown>[],
  countRows: readonly Record<string, unknown>[] = [],
): SchemaModel {
  const counts = new Map(countRows.map((r) => [String(r.k), Number(r.n)]));
  const byKey = new Map<string, { t: Omit<SchemaTable, 'columns' | 'rows'>; columns: SchemaColumn[] }>();
  for (const r of columnRows) {
    const catalog = String(r.catalog);
    const schema = String(r.schema);
    const name = String(r.table);
    const k = key({ catalog, schema, name });
    let entry = byKey.get(k);
    if (!entry) {
      const kind = catalog === 'temp' ? 'temp' : String(r.table_type).toUpperCase() === 'VIEW' ? 'view' : 'table';
      const ref = schema === 'main' ? sqlName(name) : `${sqlName(schema)}.${sqlName(name)}`;
      entry = { t: { catalog, schema, name, kind, ref }, columns: [] };
      byKey.set(k, entry);
    }
    entry.columns.push({ name: String(r.column), type: String(r.type) });
  }
  const tables = [...byKey.entries()].map(([k, { t, columns }]) => ({
    ...t,
    rows: counts.has(k) ? counts.get(k)! : null,
    columns,
  }));
  return { tables };
}

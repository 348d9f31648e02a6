/**
 * Asks DuckDB's own parser whether a statement is a SELECT, without running it.
 *
 * 1. `json_serialize_sql(<literal>)` (json extension): serializes SELECT statements and returns
 *    an error object for any other statement. The SQL travels as a quoted literal, so nothing in
 *    it can run. Used when the json extension is loaded.
 * 2. Otherwise `EXPLAIN <statement>`: DuckDB parses, binds and plans it without executing, and
 *    the root operator of the physical plan names what it would do (PROJECTION, INSERT, DROP…).
 *    Only used for text with no semicolon at all, so it cannot smuggle a second statement.
 */
import type { Connector } from '../db/types';
import { str } from '../sql/quote';
import type { TempObject } from './classify';

/**
 * - `select`: DuckDB parses it as a query.
 * - `other`: DuckDB parses it as a statement that is not a query.
 * - `error`: DuckDB rejects it (syntax or binding); running it would fail the same way.
 * - `unavailable`: the parser could not be asked.
 */
export type ProbeResult = 'select' | 'other' | 'error' | 'unavailable';

/** DuckDB's verdict on one statement, and what its catalog already holds. */
export interface SqlParser {
  probe(sql: string): Promise<ProbeResult>;
  /**
   * True when a temporary object of this name would hide a table or view of the store (or of
   * DuckDB's catalog), or a built-in function or macro, from the app's own queries. Temporary
   * objects already there do not count (replacing one of them hides nothing more).
   */
  shadows?(obj: TempObject): Promise<boolean>;
}

/** Root operators of a physical plan that change state. */
const WRITE_OPERATOR =
  /^(INSERT|DELETE|UPDATE|DROP|CREATE|BATCH_CREATE|ALTER|ATTACH|DETACH|COPY|BATCH_COPY|EXPORT|VACUUM|TRANSACTION|LOAD|SET|RESET|PREPARE|EXECUTE|CHECKPOINT|MERGE|PRAGMA|UPSERT)/;

/** Reads `json_serialize_sql` output: `{"error":false,"statements":[…]}` or an error object. */
export function readSerialized(json: string): ProbeResult {
  let parsed: { error?: boolean; error_type?: string; error_message?: string; statements?: unknown[] };
  try {
    parsed = JSON.parse(json);
  } catch {
    return 'unavailable';
  }
  if (parsed.error === false) return (parsed.statements?.length ?? 0) > 0 ? 'select' : 'error';
  const what = `${parsed.error_type ?? ''} ${parsed.error_message ?? ''}`.toLowerCase();
  if (/only select statements|not implemented/.test(what)) return 'other';
  return 'error';
}

/** The root operator's name in the box drawing of an EXPLAIN physical plan. */
export function planRoot(plan: string): string | null {
  for (const line of plan.split('\n')) {
    const m = /│\s*([A-Z][A-Z0-9_ ]*[A-Z0-9_])\s*│/.exec(line);
    if (m) return m[1].trim();
  }
  return null;
}

/** Judges an EXPLAIN result's rows (`explain_key`, `explain_value`). */
export function readExplain(rows: Record<string, unknown>[]): ProbeResult {
  const row = rows.find((r) => r.explain_key === 'physical_plan') ?? rows[rows.length - 1];
  const root = planRoot(String(row?.explain_value ?? ''));
  if (!root) return 'unavailable';
  return WRITE_OPERATOR.test(root) ? 'other' : 'select';
}

/** A parser backed by a live DuckDB connection. */
export function duckdbParser(db: Connector): SqlParser {
  let json: Promise<boolean> | null = null;
  const hasJson = () =>
    (json ??= db
      .query(`SELECT count(*)::INTEGER AS n FROM duckdb_functions() WHERE function_name = 'json_serialize_sql'`)
      .then((rows) => Number(rows[0]?.n ?? 0) > 0)
      .catch(() => false));

  const viaExplain = async (sql: string): Promise<ProbeResult> => {
    if (sql.includes(';')) return 'unavailable';
    try {
      return readExplain(await db.query(`EXPLAIN ${sql}\n`));
    } catch {
      return 'error';
    }
  };

  return {
    async shadows(obj) {
      const sql =
        obj.kind === 'function'
          ? `SELECT count(*)::INTEGER AS n FROM duckdb_functions() WHERE lower(function_name) = ${str(obj.name)} AND database_name <> 'temp'`
          : `SELECT count(*)::INTEGER AS n FROM (
  SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary
  UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT temporary
  UNION ALL SELECT sequence_name FROM duckdb_sequences() WHERE NOT temporary
) WHERE lower(name) = ${str(obj.name)}`;
      try {
        return Number((await db.query(sql))[0]?.n ?? 0) > 0;
      } catch {
        // Cannot tell: as if it did.
        return true;
      }
    },
    async probe(sql) {
      let fromJson: ProbeResult = 'unavailable';
      if (await hasJson()) {
        try {
          const rows = await db.query(`SELECT json_serialize_sql(${str(sql)}) AS j`);
          fromJson = readSerialized(String(rows[0]?.j ?? ''));
          if (fromJson === 'select' || fromJson === 'error') return fromJson;
        } catch {
          // fall through to EXPLAIN
        }
      }
      // json says "not a SELECT" for some queries DuckDB rewrites (PIVOT…); the plan decides.
      const fromPlan = await viaExplain(sql);
      return fromPlan === 'unavailable' ? fromJson : fromPlan;
    },
  };
}

/** Reads the schema model and the function list from a live connection. */
import type { Connector } from '../db/types';
import { buildSchemaModel, FUNCTIONS_SQL, rowCountSql, SCHEMA_COLUMNS_SQL, type SchemaModel } from './schema-model';

/** A function name for completion. */
export interface FunctionInfo {
  readonly name: string;
  /** scalar, aggregate, table, macro, table_macro. */
  readonly kind: string;
  /** `kind(params) → type`, shown beside the name. */
  readonly detail: string;
}

/** Tables, views and temp tables with columns and row counts (counts are skipped if they fail). */
export async function loadSchema(db: Connector): Promise<SchemaModel> {
  const columnRows = await db.query(SCHEMA_COLUMNS_SQL);
  const shape = buildSchemaModel(columnRows);
  const countSql = rowCountSql(shape.tables);
  if (!countSql) return shape;
  try {
    return buildSchemaModel(columnRows, await db.query(countSql));
  } catch {
    return shape;
  }
}

/** DuckDB's functions (one entry per name). */
export async function loadFunctions(db: Connector): Promise<FunctionInfo[]> {
  const rows = await db.query(FUNCTIONS_SQL);
  return rows.map((r) => {
    const kind = String(r.kind);
    const ret = r.return_type ? ` → ${String(r.return_type)}` : '';
    return { name: String(r.name), kind, detail: `${kind}(${String(r.params ?? '')})${ret}` };
  });
}

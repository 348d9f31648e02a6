/**
 * What the open-backlog report reads instead of the whole 311 table: `open_requests`, the
 * requests with a creation time and no close time (the few columns the report shows and filters
 * by), and `request_extent`, the table's latest timestamp (creation or closure), which the ages
 * are measured from. Kept by every 311 load inside its transaction, like the rollups: the
 * versions it replaced leave, the open ones it wrote come in, and the latest timestamp moves up
 * (recomputed from the table only when a replaced version held it). Pure SQL text.
 */
import { ident, int } from '../sql/quote';
import type { DeltaTables } from './rollups';

export const OPEN_REQUESTS = 'open_requests';
export const REQUEST_EXTENT = 'request_extent';

/** The columns kept, named as in the 311 table (so the report filters apply unchanged). */
const COLUMNS = ['row_key', 'created_at', 'type', 'case_source', 'neighborhood_slug'] as const;
const OPEN = 'closed_at IS NULL AND created_at IS NOT NULL';
const LATEST = 'greatest(max(created_at), max(closed_at))';
const T = ident('service_requests');
const cols = COLUMNS.map(ident).join(', ');

export function createOpenRequestsSql(): string[] {
  return [
    `CREATE TABLE ${OPEN_REQUESTS} (row_key VARCHAR, created_at TIMESTAMP, type VARCHAR, case_source VARCHAR, neighborhood_slug VARCHAR)`,
    `CREATE TABLE ${REQUEST_EXTENT} (dataset VARCHAR PRIMARY KEY, latest_at TIMESTAMP)`,
  ];
}

/** Recomputes both from the 311 table. */
export function rebuildOpenRequestsSql(): string[] {
  return [
    `DELETE FROM ${OPEN_REQUESTS}`,
    `INSERT INTO ${OPEN_REQUESTS} SELECT ${cols} FROM ${T} WHERE ${OPEN} ORDER BY created_at`,
    `INSERT OR REPLACE INTO ${REQUEST_EXTENT} SELECT 'service_requests', ${LATEST} FROM ${T}`,
  ];
}

/**
 * Applies 311 load `loadId` (after the table and its history changed, inside the load's
 * transaction); `t` names them, as for the rollups' refresh.
 */
export function refreshOpenRequestsSql(loadId: number, t: DeltaTables): string[] {
  const L = int(loadId);
  const table = ident(t.table);
  const H = ident(t.history);
  const stored = `(SELECT max(latest_at) FROM ${REQUEST_EXTENT})`;
  return [
    `DELETE FROM ${OPEN_REQUESTS} WHERE row_key IN (SELECT row_key FROM ${H} WHERE replaced_by_load = ${L})`,
    `INSERT INTO ${OPEN_REQUESTS} SELECT ${cols} FROM ${table} WHERE version_load = ${L} AND ${OPEN} ORDER BY created_at`,
    // The latest timestamp only grows, unless a version this load replaced held it.
    `INSERT OR REPLACE INTO ${REQUEST_EXTENT} SELECT 'service_requests', CASE
  WHEN EXISTS (SELECT 1 FROM ${H} WHERE replaced_by_load = ${L} AND greatest(created_at, closed_at) >= ${stored})
  THEN (SELECT ${LATEST} FROM ${table})
  ELSE greatest(${stored}, (SELECT ${LATEST} FROM ${table} WHERE version_load = ${L})) END`,
  ];
}

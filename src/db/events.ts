/**
 * The rows of the `events` view (both datasets, the few fields every report filters on) and of
 * the 311 requests with their closure fields, as SELECTs over a given table: the dataset table
 * itself for the view and full rollup rebuilds, or a load's new versions and replaced versions
 * for the rollup deltas (db/rollups.ts). Pure SQL text.
 */
import { eventTimeColumn, type Dataset } from '../domain/columns';
import { ident, str } from '../sql/quote';
import { hoursBetween } from './closure';

const FIELDS: Record<Dataset, { type: string; source: string; agency: string }> = {
  service_requests: { type: 'type', source: 'case_source', agency: 'agency' },
  traffic_accidents: { type: 'offense_type_id', source: 'CAST(NULL AS VARCHAR)', agency: 'CAST(NULL AS VARCHAR)' },
};

/** The `events` columns of dataset `d`, read from `from` (a table of d's columns). */
export function eventRowsSql(d: Dataset, from: string = ident(d)): string {
  const f = FIELDS[d];
  return (
    `SELECT ${str(d)} AS dataset, row_key, ${ident(eventTimeColumn(d))} AS event_at, ${f.type} AS type, ` +
    `neighborhood, neighborhood_slug, ${f.source} AS source, ${f.agency} AS agency, longitude, latitude FROM ${from}`
  );
}

/** The 311 requests read from `from` with the `events` names plus the closure fields (`close_hours` once, see db/closure.ts). */
export function requestRowsSql(from: string = ident('service_requests')): string {
  return `SELECT 'service_requests' AS dataset, created_at AS event_at, type, case_source AS source, neighborhood_slug,
  neighborhood, agency, closed_at, ${hoursBetween('created_at', 'closed_at')} AS close_hours FROM ${from}`;
}

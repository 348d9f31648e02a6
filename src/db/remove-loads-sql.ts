/**
 * SQL that takes some loads back out of the store (the bundled synthetic sample, once real files
 * were loaded beside it): the records only those loads ever brought, the versions they wrote,
 * their log entries and rejected rows; then every rollup is recomputed. Pure.
 */
import { DATASETS } from '../domain/columns';
import { ident } from '../sql/quote';
import { rebuildDerivedSql } from './rollups';
import { historyTable } from './schema';

/** Statements to run in one transaction; nothing when `loadIds` is empty. */
export function removeLoadsSql(loadIds: readonly number[]): string[] {
  if (!loadIds.length) return [];
  const ids = loadIds.map((id) => {
    if (!Number.isInteger(id)) throw new Error(`not a load id: ${id}`);
    return String(id);
  });
  const list = `(${ids.join(', ')})`;
  return [
    ...DATASETS.flatMap((d) => [
      // A record another load saw too stays: that load's file holds it.
      `DELETE FROM ${ident(d)} WHERE first_seen IN ${list} AND last_seen IN ${list} AND version_load IN ${list}`,
      `DELETE FROM ${ident(historyTable(d))} WHERE version_load IN ${list} AND row_key NOT IN (SELECT row_key FROM ${ident(d)})`,
    ]),
    `DELETE FROM rejected_rows WHERE load_id IN ${list}`,
    `DELETE FROM ingest_log WHERE load_id IN ${list}`,
    ...rebuildDerivedSql(),
  ];
}

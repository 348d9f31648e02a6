/**
 * Backup and restore: the whole store as one zip of Parquet files (one per table) plus a
 * manifest; restoring replaces the store's content in one transaction. Reset empties the store.
 * Tables stay in DuckDB's own format inside OPFS; this zip is the user's copy.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Database } from '../db/duckdb';
import { concatBytes } from '../ingest/bytes';
import { writeParquet } from './parquet-writer';
import { insertStagedSql, stageIpc } from './parquet-import';
import { readParquetAsIpc } from './parquet-reader';
import { SCHEMA_VERSION, historyTable } from '../db/schema';
import { DERIVED_TABLES, rebuildDerivedSql } from '../db/rollups';
import { execInTransaction } from '../db/transaction';
import { DATASETS } from '../domain/columns';
import { ident } from '../sql/quote';

/**
 * The tables a backup holds, in restore order. `neighborhoods` and `meta` come from the schema;
 * the rollups other than daily_counts are recomputed after a restore.
 */
export const BACKUP_TABLES: readonly string[] = [
  ...DATASETS,
  ...DATASETS.map(historyTable),
  'ingest_log',
  'rejected_rows',
  'boundaries',
  'daily_counts',
];

interface BackupManifest {
  readonly format: 'denver-lens-backup';
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly tables: Record<string, number>;
}

/** Writes the store as a zip of Parquet files. */
export async function exportBackup(db: Database): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const tables: Record<string, number> = {};
  for (const t of BACKUP_TABLES) {
    const rs = await db.run(`SELECT * FROM ${ident(t)}`);
    files[`${t}.parquet`] = concatBytes(await writeParquet(rs));
    tables[t] = rs.rowCount;
  }
  const manifest: BackupManifest = { format: 'denver-lens-backup', schemaVersion: SCHEMA_VERSION, createdAt: new Date().toISOString(), tables };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 0 });
}

/** Replaces the store's content with a backup made by exportBackup. Throws a readable Error. */
export async function importBackup(db: Database, bytes: Uint8Array): Promise<Record<string, number>> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (cause) {
    throw new Error('This is not a Denver Lens backup: the zip could not be read.', { cause });
  }
  const manifest = entries['manifest.json'] ? (JSON.parse(strFromU8(entries['manifest.json'])) as BackupManifest) : null;
  if (!manifest || manifest.format !== 'denver-lens-backup') throw new Error('This zip is not a Denver Lens backup (no manifest.json).');
  if (manifest.schemaVersion > SCHEMA_VERSION) throw new Error(`This backup was made by a newer Denver Lens (schema ${manifest.schemaVersion}).`);
  const session = await db.session();
  try {
    await session.exec(`ATTACH IF NOT EXISTS ':memory:' AS staging`);
    for (const t of BACKUP_TABLES) {
      const file = entries[`${t}.parquet`];
      if (!file) throw new Error(`The backup has no ${t}.parquet.`);
      await stageIpc(session, `r_${t}`, (await readParquetAsIpc(file)).ipc);
    }
    const counts: Record<string, number> = {};
    await session.exec('BEGIN TRANSACTION');
    try {
      for (const t of BACKUP_TABLES) {
        await session.exec(`DELETE FROM ${ident(t)}`);
        if (!manifest.tables[t]) continue;
        await session.exec(await insertStagedSql(session, t, `r_${t}`));
        counts[t] = Number((await session.query(`SELECT count(*) AS n FROM ${ident(t)}`))[0].n);
      }
      for (const sql of rebuildDerivedSql()) await session.exec(sql);
      await session.exec('COMMIT');
    } catch (e) {
      await session.exec('ROLLBACK').catch(() => undefined);
      throw new Error(`Restoring the backup failed and was rolled back: ${(e as Error).message}`, { cause: e });
    }
    await session.exec('CHECKPOINT').catch(() => undefined);
    return counts;
  } finally {
    for (const t of BACKUP_TABLES) await session.exec(`DROP TABLE IF EXISTS staging.${ident(`r_${t}`)}`).catch(() => undefined);
    await session.close();
  }
}

/** Empties every data table and rollup (the schema and the neighborhoods list stay) in one transaction. */
export async function resetStore(db: Database): Promise<void> {
  await execInTransaction(db, [...new Set([...BACKUP_TABLES, ...DERIVED_TABLES])].map((t) => `DELETE FROM ${ident(t)}`));
  await db.exec('CHECKPOINT').catch(() => undefined);
}

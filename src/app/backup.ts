/**
 * Backup and restore: the whole store as one zip of Parquet files (one per table) plus a
 * manifest, written and read a row group at a time; restoring replaces the store's content in
 * one transaction. Reset empties the store.
 * Tables stay in DuckDB's own format inside OPFS; this zip is the user's copy.
 */
import { strToU8 } from 'fflate';
import type { Database } from '../db/duckdb';
import { streamParquet } from './parquet-writer';
import { tableColumns } from './parquet-import';
import { readParquetGroups } from './parquet-reader';
import type { BlobSink } from './blob-sink';
import { BlobZip, openZip, type ZipFile } from './zip-file';
import { SCHEMA_VERSION, historyTable } from '../db/schema';
import { DERIVED_TABLES, rebuildDerivedSql } from '../db/rollups';
import { execInTransaction, inTransaction, quietly } from '../db/transaction';
import { withSession } from '../db/store';
import { DATASETS } from '../domain/columns';
import { ident } from '../sql/quote';

/**
 * The tables a backup holds, in restore order. `neighborhoods` and `meta` come from the schema;
 * the rollups (daily_counts too) and the open requests are recomputed after a restore, so a
 * backup does not carry them (a backup made before did carry daily_counts; a restore ignores it).
 */
export const BACKUP_TABLES: readonly string[] = [...DATASETS, ...DATASETS.map(historyTable), 'ingest_log', 'rejected_rows', 'boundaries'];

interface BackupManifest {
  readonly format: 'denver-lens-backup';
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly tables: Record<string, number>;
}

/** How far a backup or restore is: the table at hand, its rows done and its rows in all. */
export type BackupProgress = (table: string, done: number, total: number) => void;

/**
 * Writes the store as a zip of Parquet files into `sink`, one consistent snapshot (one read
 * transaction on its own connection, so loads and reports go on). Each table streams from DuckDB
 * through a parquet worker into the zip a row group at a time, and the zip's bytes go to the sink
 * as Blobs (kept for a download, which the browser may keep on disk, or written to a file the
 * user chose): memory follows a row group, not the store. Entries are stored uncompressed
 * (Parquet is compressed already), so a restore reads each as a slice of the file. Returns the
 * zip's size; after a failure the sink holds part of a zip, for the caller to discard.
 */
export async function exportBackup(db: Database, sink: BlobSink, onProgress?: BackupProgress): Promise<number> {
  const zip = new BlobZip(sink);
  const tables = await withSession(db, (session) =>
    inTransaction(session, async () => {
      const tables: Record<string, number> = {};
      for (const t of BACKUP_TABLES) tables[t] = Number((await session.query(`SELECT count(*) AS n FROM ${ident(t)}`))[0].n);
      for (const t of BACKUP_TABLES) {
        const entry = zip.entry(`${t}.parquet`);
        onProgress?.(t, 0, tables[t]);
        let rows = 0;
        await streamParquet(
          session.streamIpc(`SELECT * FROM ${ident(t)}`),
          (chunks) => chunks.forEach((c) => entry.push(c)),
          (n) => onProgress?.(t, (rows = n), tables[t]),
        );
        entry.end();
        if (rows !== tables[t]) throw new Error(`${t}: ${rows} rows written of ${tables[t]}`);
      }
      return tables;
    }),
  );
  const manifest: BackupManifest = { format: 'denver-lens-backup', schemaVersion: SCHEMA_VERSION, createdAt: new Date().toISOString(), tables };
  zip.file('manifest.json', strToU8(JSON.stringify(manifest, null, 2)));
  return zip.finish();
}

/**
 * Replaces the store's content with a backup made by exportBackup, in one transaction: each
 * table's Parquet is read a row group at a time (in a worker, straight from the file) and
 * appended to the table, so a restore holds a row group, not the backup. Throws a readable
 * Error; a failure leaves the store as it was.
 */
export async function importBackup(db: Database, file: Blob, onProgress?: BackupProgress): Promise<Record<string, number>> {
  let zip: ZipFile;
  try {
    zip = await openZip(file);
  } catch (cause) {
    throw new Error(`This is not a Denver Lens backup: ${(cause as Error).message}`, { cause });
  }
  const manifestEntry = await zip.entry('manifest.json');
  const manifest = manifestEntry ? (JSON.parse(await manifestEntry.text()) as BackupManifest) : null;
  if (!manifest || manifest.format !== 'denver-lens-backup') throw new Error('This zip is not a Denver Lens backup (no manifest.json).');
  if (manifest.schemaVersion > SCHEMA_VERSION) throw new Error(`This backup was made by a newer Denver Lens (schema ${manifest.schemaVersion}).`);
  const sources = new Map<string, Blob>();
  for (const t of BACKUP_TABLES) {
    const entry = await zip.entry(`${t}.parquet`);
    if (!entry) throw new Error(`The backup has no ${t}.parquet.`);
    sources.set(t, entry);
  }
  return withSession(db, async (session) => {
    const counts: Record<string, number> = {};
    try {
      await inTransaction(session, async () => {
        for (const t of BACKUP_TABLES) {
          await session.exec(`DELETE FROM ${ident(t)}`);
          const total = manifest.tables[t] ?? 0;
          if (!total) continue;
          let done = 0;
          onProgress?.(t, 0, total);
          // The table was emptied above, so the rows read are the rows it holds.
          counts[t] = await readParquetGroups(sources.get(t)!, await tableColumns(session, t), async (ipc, rows) => {
            if (ipc) await session.insertIpc(ipc, { name: t, schema: 'main', create: false });
            onProgress?.(t, (done += rows), total);
          });
          if (counts[t] !== total) throw new Error(`${t}: the backup says ${total} rows, its Parquet holds ${counts[t]}`);
        }
        for (const sql of rebuildDerivedSql()) await session.exec(sql);
      });
    } catch (e) {
      throw new Error(`Restoring the backup failed and was rolled back: ${(e as Error).message}`, { cause: e });
    }
    await quietly(session, 'CHECKPOINT');
    return counts;
  });
}

/** Empties every data table and rollup (the schema and the neighborhoods list stay) in one transaction. */
export async function resetStore(db: Database): Promise<void> {
  await execInTransaction(db, [...new Set([...BACKUP_TABLES, ...DERIVED_TABLES])].map((t) => `DELETE FROM ${ident(t)}`));
  await db.exec('CHECKPOINT').catch(() => undefined);
}

/**
 * Opens the store: one writer per browser, guarded by a Web Lock. The tab holding the lock
 * opens the OPFS file read-write and migrates it; another tab opens a read-only copy of the
 * file's last checkpoint; a browser without OPFS gets an in-memory store. Status queries too.
 */
import { STORE_FILE, openDatabase, type Database } from './duckdb';
import { WORK_PREFIX } from './merge-sql';
import { execInTransaction } from './transaction';
import { SCHEMA_VERSION, migrationSql } from './schema';
import { ELAPSED_MACROS, elapsedMacrosSql } from './elapsed';
import { rebuildDerivedSql } from './rollups';
import { DATASETS } from '../domain/columns';
import { eventTimeColumn } from '../domain/columns';
import { ident, str } from '../sql/quote';
import type { Row } from './types';

export const LOCK_NAME = 'denver-lens-store';

export interface OpenedStore {
  readonly db: Database;
  /** Why the store is not the normal read-write OPFS store, in words for the user. */
  readonly notice: string | null;
  readonly writable: boolean;
}

/**
 * Takes the writer lock, waiting briefly (a reloading tab releases it a moment after the new
 * page asks); the lock is then held until the page goes away.
 */
function takeWriterLock(waitMs = 2500): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true);
  return new Promise((resolve) => {
    navigator.locks
      .request(LOCK_NAME, { signal: AbortSignal.timeout(waitMs) }, () => {
        resolve(true);
        return new Promise<void>(() => undefined);
      })
      .catch(() => resolve(false));
  });
}

async function opfsRoot(): Promise<FileSystemDirectoryHandle | null> {
  try {
    return (await navigator.storage?.getDirectory?.()) ?? null;
  } catch {
    return null;
  }
}

/**
 * A tab that just closed may still be letting go of the store's files: its DuckDB worker ends
 * a moment after the page (and the lock) is gone. Opening then gets the file read-only and the
 * first write fails ("File is not opened in write mode"). Probe with an empty writable stream that
 * is aborted (it writes nothing) until no one else holds the files, for a few seconds at most.
 */
async function waitUntilReleased(root: FileSystemDirectoryHandle, waitMs = 5000): Promise<void> {
  const until = Date.now() + waitMs;
  for (const name of [STORE_FILE, `${STORE_FILE}.wal`]) {
    for (;;) {
      try {
        // keepExistingData: false, or the browser first copies the whole store (seconds at 1 GB).
        const w = await (await root.getFileHandle(name)).createWritable({ keepExistingData: false });
        await w.abort();
        break;
      } catch (e) {
        if ((e as DOMException)?.name !== 'NoModificationAllowedError' || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

async function openWritable(): Promise<Database> {
  const db = await openDatabase('opfs');
  await migrate(db);
  await dropLeftoverWork(db);
  return db;
}

/** Whether a write reaches the file (a store opened while another tab let go may be read-only). */
async function canWrite(db: Database): Promise<boolean> {
  const probe = `main.${ident(`${WORK_PREFIX}probe`)}`;
  try {
    await db.exec(`CREATE OR REPLACE TABLE ${probe} AS SELECT 1 AS x`);
    await db.exec(`DROP TABLE ${probe}`);
    return true;
  } catch (e) {
    if (/not opened in write mode|read-only/i.test((e as Error)?.message ?? '')) return false;
    throw e;
  }
}

/** Removes the journal (no copy: storage may be full). */
async function setAsideJournal(root: FileSystemDirectoryHandle): Promise<void> {
  await root.removeEntry(`${STORE_FILE}.wal`);
}

async function readSnapshot(root: FileSystemDirectoryHandle): Promise<Uint8Array | null> {
  try {
    const handle = await root.getFileHandle(STORE_FILE);
    return new Uint8Array(await (await handle.getFile()).arrayBuffer());
  } catch {
    return null;
  }
}

export async function openStore(): Promise<OpenedStore> {
  const root = await opfsRoot();
  if (!root) {
    const db = await openDatabase('memory');
    await migrate(db);
    return { db, writable: true, notice: 'This browser has no private file system (OPFS): data is kept in memory only and is lost when the page closes.' };
  }
  if (await takeWriterLock()) {
    await waitUntilReleased(root);
    let notice: string | null = null;
    let db: Database;
    try {
      db = await openWritable();
    } catch (e) {
      if (!/replaying WAL/i.test((e as Error)?.message ?? '')) throw e;
      // A write was cut short (storage full, crash) after its commit reached the journal but
      // before the checkpoint: the journal cannot be replayed. Set it aside; the store opens as
      // of its last checkpoint, i.e. as it was before that write.
      await waitUntilReleased(root);
      await setAsideJournal(root);
      db = await openWritable();
      notice = 'The last write to the store was interrupted (was storage full?) and could not be replayed, so it was discarded: the store is as it was before that load.';
    }
    if (!(await canWrite(db))) {
      // The files were still held by a closing tab's DuckDB: wait for it and open again.
      await db.close().catch(() => undefined);
      await waitUntilReleased(root, 10_000);
      db = await openWritable();
    }
    return { db, writable: true, notice };
  }
  const snapshot = await readSnapshot(root);
  const db = await openDatabase(snapshot ? 'snapshot' : 'memory', snapshot ?? undefined);
  if (!snapshot) await migrate(db);
  // The copy may come from an older version's store, without the macros the reports call: this
  // tab defines its own (the same as a current store's, so shadowing those changes nothing).
  else for (const s of elapsedMacrosSql(true)) await db.exec(s);
  return {
    db,
    writable: false,
    notice:
      'The store is open in another tab. Only one tab can write to it, so this tab shows a read-only copy of the data as last saved. Close the other tab and reload to load files here.',
  };
}

/** Drops the on-disk staging tables of a large load that a closed tab left behind. */
async function dropLeftoverWork(db: Database): Promise<void> {
  const rows = await db.query(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND starts_with(table_name, ${str(WORK_PREFIX)})`,
  );
  for (const r of rows) await db.exec(`DROP TABLE IF EXISTS main.${ident(String(r.t))}`);
}

/**
 * Brings the schema to SCHEMA_VERSION in one transaction. A current store that lost its
 * elapsed-time macros (dropped from the editor with writes allowed) gets them back, or every
 * later 311 load would fail.
 */
export async function migrate(db: Database): Promise<void> {
  const hasMeta = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`);
  let version = 0;
  if (Number(hasMeta[0].n) > 0) {
    const rows = await db.query(`SELECT value FROM meta WHERE key = 'schema_version'`);
    version = rows.length ? Number(rows[0].value) : 0;
  }
  if (version > SCHEMA_VERSION) throw new Error(`the store was written by a newer version of Denver Lens (schema ${version})`);
  let statements = migrationSql(version);
  if (!statements.length) {
    const [{ n }] = await db.query(
      `SELECT count(DISTINCT function_name)::INTEGER AS n FROM duckdb_functions() WHERE function_name IN (${ELAPSED_MACROS.map(str).join(', ')}) AND NOT internal`,
    );
    if (Number(n) === ELAPSED_MACROS.length) return;
    statements = elapsedMacrosSql();
  }
  await execInTransaction(db, statements);
  await db.exec('CHECKPOINT').catch(() => undefined);
}

export interface TableStatus {
  readonly table: string;
  readonly rows: number;
  readonly minAt: number | null;
  readonly maxAt: number | null;
}

export interface StoreStatus {
  readonly tables: TableStatus[];
  readonly rejected: number;
  readonly loads: Row[];
}

/** Row counts and date ranges of the dataset tables, rejected rows, and the ingest log. */
export async function storeStatus(db: Database): Promise<StoreStatus> {
  const parts = DATASETS.map((d) => {
    const t = ident(eventTimeColumn(d));
    return `SELECT ${str(d)} AS "table", count(*) AS "rows", min(${t}) AS "minAt", max(${t}) AS "maxAt" FROM ${ident(d)}`;
  });
  const tables = (await db.query(parts.join(' UNION ALL '))) as unknown as TableStatus[];
  const [{ n }] = await db.query(`SELECT count(*) AS n FROM rejected_rows`);
  const loads = await db.query(`SELECT * FROM ingest_log ORDER BY load_id DESC`);
  return { tables, rejected: Number(n), loads };
}

/**
 * Recomputes every rollup and the open requests from the dataset tables, in one transaction on a
 * connection of its own (so it neither joins nor breaks a transaction the SQL editor left open):
 * after writes made outside a load, which keeps them itself.
 */
export async function rebuildDerived(db: Database): Promise<void> {
  await withSession(db, (session) => execInTransaction(session, rebuildDerivedSql()));
}

/** Runs `fn` on a connection of its own (its own transactions and TEMP tables), closed after. */
export async function withSession<T>(db: Database, fn: (session: Database) => Promise<T>): Promise<T> {
  const session = await db.session();
  try {
    return await fn(session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

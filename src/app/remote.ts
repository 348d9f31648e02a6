/**
 * A remote data set: a Hive-partitioned Parquet layout (see partitioned-export) on any static
 * host, attached read-only by base URL. Only the partitions of the months asked for are read,
 * through HTTP range requests (hyparquet), into an in-memory store that reports and the editor
 * then query like a local one. The layout's `_manifest.json` says which files exist.
 */
import type { Database } from '../db/duckdb';
import type { PartitionFile, PartitionManifest } from './partitioned-export';
import { tableColumns, type TargetColumn } from './parquet-import';
import { readParquetGroups } from './parquet-reader';
import { rebuildDerivedSql } from '../db/rollups';

export interface RemoteRequest {
  readonly base: string;
  /** Inclusive month range `YYYY-MM`; omitted ends mean "from the first" / "to the last". */
  readonly from?: string;
  readonly to?: string;
}

export interface RemoteSummary {
  readonly base: string;
  readonly files: number;
  readonly filesInLayout: number;
  readonly rows: number;
  readonly bytesInLayout: number;
  readonly bytesOfFilesRead: number;
}

/** Reads `?remote=<url>&from=YYYY-MM&to=YYYY-MM` from a page URL. */
export function remoteFromSearch(search: string): RemoteRequest | null {
  const p = new URLSearchParams(search);
  const base = p.get('remote');
  if (!base) return null;
  const month = (v: string | null) => (v && /^\d{4}-\d{2}$/.test(v) ? v : undefined);
  return { base, from: month(p.get('from')), to: month(p.get('to')) };
}

/** The manifest's files within the month range. */
export function filesInRange(files: readonly PartitionFile[], from?: string, to?: string): PartitionFile[] {
  const key = (f: PartitionFile) => `${f.year}-${String(f.month).padStart(2, '0')}`;
  return files.filter((f) => (!from || key(f) >= from) && (!to || key(f) <= to));
}

/** Loads the requested partitions into `db` (an empty in-memory store). */
export async function attachRemote(db: Database, req: RemoteRequest): Promise<RemoteSummary> {
  const base = new URL(req.base.endsWith('/') ? req.base : `${req.base}/`, document.baseURI).href;
  const res = await fetch(new URL('_manifest.json', base));
  if (!res.ok) throw new Error(`No partitioned data set at ${base}: _manifest.json answered HTTP ${res.status}.`);
  const manifest = (await res.json()) as PartitionManifest;
  if (manifest.format !== 'denver-lens-partitions') throw new Error(`${base}_manifest.json is not a Denver Lens partition manifest.`);
  const wanted = filesInRange(manifest.files, req.from, req.to);
  let rows = 0;
  const columns = new Map<string, TargetColumn[]>();
  for (const f of wanted) {
    // Read a row group at a time in a worker, with range requests for the parts needed.
    let target = columns.get(f.table);
    if (!target) columns.set(f.table, (target = await tableColumns(db, f.table)));
    rows += await readParquetGroups({ url: new URL(f.path, base).href, byteLength: f.bytes }, target, async (ipc) => {
      if (ipc) await db.insertIpc(ipc, { name: f.table, create: false });
    });
  }
  // The layout carries daily_counts only: the reports' other rollups come from the rows read.
  for (const sql of rebuildDerivedSql()) await db.exec(sql);
  return {
    base,
    files: wanted.length,
    filesInLayout: manifest.files.length,
    rows,
    bytesInLayout: manifest.files.reduce((s, f) => s + f.bytes, 0),
    bytesOfFilesRead: wanted.reduce((s, f) => s + f.bytes, 0),
  };
}

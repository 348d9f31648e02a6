/**
 * Exports the store as Hive-partitioned Parquet, the layout DuckDB, Spark and Trino read
 * unchanged: `<table>/year=YYYY/month=MM/part-0.parquet` for both datasets and the daily rollup,
 * plus `_manifest.json` listing every file (HTTP has no directory listing), all in one zip.
 */
import { strToU8 } from 'fflate';
import type { Database } from '../db/duckdb';
import { streamParquet } from './parquet-writer';
import type { BlobSink } from './blob-sink';
import { BlobZip } from './zip-file';
import { withSession } from '../db/store';
import { inTransaction } from '../db/transaction';
import { DATASETS, eventTimeColumn } from '../domain/columns';
import { ident, int } from '../sql/quote';

export interface PartitionFile {
  readonly path: string;
  readonly table: string;
  readonly year: number;
  readonly month: number;
  readonly rows: number;
  readonly bytes: number;
}

export interface PartitionManifest {
  readonly format: 'denver-lens-partitions';
  readonly createdAt: string;
  readonly files: PartitionFile[];
}

/** Tables exported, with the column that places a row in a partition. */
export const PARTITIONED_TABLES: readonly { table: string; time: string }[] = [
  ...DATASETS.map((d) => ({ table: d, time: eventTimeColumn(d) })),
  { table: 'daily_counts', time: 'day' },
];

/** `table/year=YYYY/month=MM/part-0.parquet` */
export function partitionPath(table: string, year: number, month: number): string {
  return `${table}/year=${year}/month=${String(month).padStart(2, '0')}/part-0.parquet`;
}

/** SQL selecting one partition's rows, sorted by time (so row-group statistics prune well). */
export function partitionSql(table: string, time: string, year: number, month: number): string {
  const t = ident(time);
  return `SELECT * FROM ${ident(table)} WHERE year(${t}) = ${int(year)} AND month(${t}) = ${int(month)} ORDER BY ${t}`;
}

/**
 * Writes every partition into one zip in `sink` (see exportBackup), from one snapshot of the
 * store (a read transaction on its own connection); each partition streams from DuckDB through
 * the parquet worker into its zip entry, so memory follows a row group, not the layout. `onFile`
 * reports progress. Returns the zip's size.
 */
export async function exportPartitioned(db: Database, sink: BlobSink, onFile?: (f: PartitionFile) => void): Promise<number> {
  const zip = new BlobZip(sink);
  const listed: PartitionFile[] = [];
  await withSession(db, (session) =>
    inTransaction(session, async () => {
      for (const { table, time } of PARTITIONED_TABLES) {
        const t = ident(time);
        const parts = await session.query(`SELECT DISTINCT year(${t}) AS y, month(${t}) AS m FROM ${ident(table)} WHERE ${t} IS NOT NULL ORDER BY 1, 2`);
        for (const p of parts) {
          const year = Number(p.y);
          const month = Number(p.m);
          const path = partitionPath(table, year, month);
          const entry = zip.entry(path);
          let rows = 0;
          let bytes = 0;
          const take = (chunks: Uint8Array[]) => chunks.forEach((c) => (entry.push(c), (bytes += c.length)));
          await streamParquet(session.streamIpc(partitionSql(table, time, year, month)), take, (n) => (rows = n));
          entry.end();
          const f = { path, table, year, month, rows, bytes };
          listed.push(f);
          onFile?.(f);
        }
      }
    }),
  );
  const manifest: PartitionManifest = { format: 'denver-lens-partitions', createdAt: new Date().toISOString(), files: listed };
  zip.file('_manifest.json', strToU8(JSON.stringify(manifest, null, 2)));
  return zip.finish();
}

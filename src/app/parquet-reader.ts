/**
 * Reads a Parquet file a row group at a time, each as an Arrow IPC stream of a store table's
 * columns (app/parquet-import.ts), in a worker (parquet-read.worker.ts), so restoring a backup or
 * attaching a remote data set neither freezes the page (reading the 426k service requests of a
 * backup and building their columns had taken ~4.5 s in one task) nor holds a whole table: the
 * worker reads the next row group while the page stages the last one, and waits for the page.
 */
import { asyncBufferFromUrl, type AsyncBuffer } from 'hyparquet';
import { parquetGroupsToIpc, type TargetColumn } from './parquet-import';

/** Where to read a Parquet file: HTTP range requests, only the parts needed (its length known, as a partition manifest says it). */
export interface ParquetUrl {
  readonly url: string;
  readonly byteLength: number;
}

/** A Parquet file: a Blob (a zip entry's slice of a File), or where to read it. */
export type ParquetSource = Blob | ParquetUrl;

/** What the page sends the worker: the file and the table's columns, then `next` each time it has taken a row group. */
export type ToParquetReader =
  | { readonly type: 'read'; readonly source: ParquetSource; readonly target: readonly TargetColumn[] }
  | { readonly type: 'next' };

/** What the worker answers: a row group (null for no rows), the end, or a failure. */
export type FromParquetReader =
  | { readonly type: 'group'; readonly ipc: Uint8Array | null; readonly rows: number }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly message: string };

/** A row group: its Arrow stream (null when empty) and rows. */
export type GroupHandler = (ipc: Uint8Array | null, rows: number) => Promise<void>;

/**
 * Hands each row group of the file to `onGroup` in order, as a stream of `target`'s columns (see
 * rowsToIpc), the next one read while the last is handled; resolves with the rows read. Throws a
 * readable Error.
 */
export async function readParquetGroups(source: ParquetSource, target: readonly TargetColumn[], onGroup: GroupHandler): Promise<number> {
  let rows = 0;
  if (typeof Worker !== 'function') {
    for await (const g of parquetGroupsToIpc(await readerBuffer(source), target)) {
      rows += g.rows;
      await onGroup(g.ipc, g.rows);
    }
    return rows;
  }
  const worker = new Worker(new URL('./parquet-read.worker.ts', import.meta.url), { type: 'module', name: 'parquet-read' });
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => reject(new Error(`Reading Parquet failed: ${message}`));
      worker.onmessage = (e: MessageEvent<FromParquetReader>) => {
        const m = e.data;
        if (m.type === 'end') resolve();
        else if (m.type === 'error') fail(m.message);
        else {
          rows += m.rows;
          onGroup(m.ipc, m.rows).then(() => worker.postMessage({ type: 'next' } satisfies ToParquetReader), reject);
        }
      };
      worker.onerror = (e) => fail(e.message || 'the worker stopped');
      worker.postMessage({ type: 'read', source, target } satisfies ToParquetReader);
    });
    return rows;
  } finally {
    worker.terminate();
  }
}

/** What hyparquet reads a ParquetSource through: slices of the Blob, or range requests. */
export async function readerBuffer(source: ParquetSource): Promise<AsyncBuffer> {
  if (source instanceof Blob) return { byteLength: source.size, slice: (start, end) => source.slice(start, end).arrayBuffer() };
  return asyncBufferFromUrl({ url: source.url, byteLength: source.byteLength });
}

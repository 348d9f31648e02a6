/**
 * Reads a Parquet file into an Arrow IPC stream for staging (app/parquet-import.ts) in a worker
 * (parquet-read.worker.ts), so restoring a backup or attaching a remote data set does not freeze
 * the page: reading the 426k service requests of a backup and building their columns had taken
 * ~4.5 s in one task.
 */
import { asyncBufferFromUrl, type AsyncBuffer } from 'hyparquet';
import { parquetToIpc } from './parquet-import';

/** Where to read a Parquet file: HTTP range requests, only the parts needed (its length known, as a partition manifest says it). */
export interface ParquetUrl {
  readonly url: string;
  readonly byteLength: number;
}

/** A Parquet file: its bytes, or where to read it. */
export type ParquetSource = Uint8Array | ParquetUrl;

/** What the page sends the worker. */
export type ToParquetReader = ArrayBuffer | ParquetUrl;

/** What the worker answers. */
export type FromParquetReader =
  | { readonly type: 'done'; readonly ipc: Uint8Array | null; readonly rows: number }
  | { readonly type: 'error'; readonly message: string };

/** parquetToIpc of the file, in a worker where there are workers. */
export async function readParquetAsIpc(source: ParquetSource): Promise<{ ipc: Uint8Array | null; rows: number }> {
  const msg: ToParquetReader = source instanceof Uint8Array ? source.slice().buffer : source;
  if (typeof Worker !== 'function') return parquetToIpc(await readerBuffer(msg));
  const worker = new Worker(new URL('./parquet-read.worker.ts', import.meta.url), { type: 'module', name: 'parquet-read' });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromParquetReader>) =>
        e.data.type === 'done' ? resolve(e.data) : reject(new Error(`Reading Parquet failed: ${e.data.message}`));
      worker.onerror = (e) => reject(new Error(`Reading Parquet failed: ${e.message || 'the worker stopped'}`));
      worker.postMessage(msg, msg instanceof ArrayBuffer ? [msg] : []);
    });
  } finally {
    worker.terminate();
  }
}

/** What hyparquet reads a ToParquetReader through. */
export async function readerBuffer(msg: ToParquetReader): Promise<AsyncBuffer> {
  return msg instanceof ArrayBuffer ? msg : asyncBufferFromUrl({ url: msg.url, byteLength: msg.byteLength });
}

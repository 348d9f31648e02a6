/**
 * Writes a query result as Parquet without freezing the page: the result goes to a worker
 * (parquet.worker.ts) as Arrow IPC pieces, one copy of its buffers posted a piece per task, and
 * the worker converts, encodes and compresses it (db/parquet.ts), saying how far it is. Reading
 * the values on the page and cloning them to a worker would cost the page most of what encoding
 * does. A result that cannot travel as IPC (see ResultSet.ipcPieces) is written on the page in
 * one go.
 */
import { encodeParquet } from '../db/parquet';
import type { ResultSet } from '../db/types';

/** What the page sends the worker: the result's pieces, then the order of its rows (the grid's sort). */
export type ToParquetWorker = { readonly type: 'piece'; readonly ipc: Uint8Array } | { readonly type: 'end'; readonly order: Uint32Array | null };

/** Messages from the worker: rows written so far, the file's bytes, or a failure. */
export type FromParquetWorker =
  | { readonly type: 'progress'; readonly rows: number }
  | { readonly type: 'done'; readonly chunks: Uint8Array[] }
  | { readonly type: 'error'; readonly message: string };

export interface ParquetWriteOptions {
  /** The rows in this order (the editor grid's sort). */
  readonly order?: ArrayLike<number>;
  /** The share of rows written, 0..1. */
  readonly onProgress?: (share: number) => void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The result as a Parquet file (see db/parquet.ts), its bytes in pieces. */
export async function writeParquet(rs: ResultSet, { order, onProgress }: ParquetWriteOptions = {}): Promise<Uint8Array[]> {
  const n = order ? order.length : rs.rowCount;
  onProgress?.(0);
  const pieces = typeof Worker === 'function' ? rs.ipcPieces?.() : null;
  if (!pieces) {
    const chunks = encodeParquet(rs, { order });
    onProgress?.(1);
    return chunks;
  }
  const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module', name: 'parquet' });
  try {
    const done = new Promise<Uint8Array[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromParquetWorker>) => {
        const m = e.data;
        if (m.type === 'progress') onProgress?.(n ? m.rows / n : 1);
        else if (m.type === 'done') resolve(m.chunks);
        else reject(new Error(`Writing Parquet failed: ${m.message}`));
      };
      worker.onerror = (e) => reject(new Error(`Writing Parquet failed: ${e.message || 'the worker stopped'}`));
    });
    // A failure while pieces are still being posted is awaited below, not lost.
    done.catch(() => undefined);
    const post = (msg: ToParquetWorker, transfer: Transferable[]) => worker.postMessage(msg, transfer);
    for (const ipc of pieces) {
      post({ type: 'piece', ipc }, [ipc.buffer]);
      await nextTask();
    }
    const sorted = order ? Uint32Array.from(order) : null;
    post({ type: 'end', order: sorted }, sorted ? [sorted.buffer] : []);
    return await done;
  } finally {
    worker.terminate();
  }
}

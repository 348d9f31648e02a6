/**
 * Writes a query result as Parquet without freezing the page: the result goes to a worker
 * (parquet.worker.ts) as Arrow IPC pieces, one piece posted per task, and the worker converts,
 * encodes and compresses it (db/parquet.ts), acknowledging each piece. Reading the values on the
 * page and cloning them to a worker would cost the page most of what encoding does.
 *
 * A result in the page's memory (the editor's) is written by writeParquet; a result streamed
 * from DuckDB (a backup's table, Database.streamIpc) by streamParquet, which posts a piece only
 * when the worker has nearly caught up and hands the file's bytes over a row group at a time, so
 * neither side ever holds the whole table. A result that cannot travel as IPC (see
 * ResultSet.ipcPieces) is written on the page in one go.
 */
import { encodeParquet } from '../db/parquet';
import type { ResultSet } from '../db/types';

/**
 * What the page sends the worker: how to write (`order`: the rows in the editor grid's sort, so
 * every piece is held until the end; null: each piece encoded as it comes), the pieces, the end.
 */
export type ToParquetWorker =
  | { readonly type: 'start'; readonly order: Uint32Array | null }
  | { readonly type: 'piece'; readonly ipc: Uint8Array }
  | { readonly type: 'end' };

/** Messages from the worker: a piece taken (rows written so far), file bytes, the end, or a failure. */
export type FromParquetWorker =
  | { readonly type: 'taken'; readonly rows: number }
  | { readonly type: 'progress'; readonly rows: number }
  | { readonly type: 'bytes'; readonly chunks: Uint8Array[] }
  | { readonly type: 'done'; readonly chunks: Uint8Array[] }
  | { readonly type: 'error'; readonly message: string };

export interface ParquetWriteOptions {
  /** The rows in this order (the editor grid's sort). */
  readonly order?: ArrayLike<number>;
  /** The share of rows written, 0..1. */
  readonly onProgress?: (share: number) => void;
}

/** Pieces posted and not yet taken by the worker, at most (each ~32k rows). */
const PIECES_AHEAD = 2;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Sends the pieces to a parquet worker and passes on the file's bytes as they come; resolves
 * when the file is complete. Throws a readable Error.
 */
async function viaWorker(
  pieces: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  order: Uint32Array | null,
  onBytes: (chunks: Uint8Array[]) => void,
  onRows: (rows: number) => void,
): Promise<void> {
  const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module', name: 'parquet' });
  let taken = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  try {
    const done = new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => {
        failure = e;
        wake?.();
        reject(e);
      };
      worker.onmessage = (e: MessageEvent<FromParquetWorker>) => {
        const m = e.data;
        try {
          if (m.type === 'taken' || m.type === 'progress') {
            if (m.type === 'taken') taken++;
            onRows(m.rows);
            wake?.();
          } else if (m.type === 'bytes') onBytes(m.chunks);
          else if (m.type === 'done') {
            onBytes(m.chunks);
            resolve();
          } else fail(new Error(`Writing Parquet failed: ${m.message}`));
        } catch (err) {
          // The caller's own handler failed (a zip grown too large, say).
          fail(err as Error);
        }
      };
      worker.onerror = (e) => fail(new Error(`Writing Parquet failed: ${e.message || 'the worker stopped'}`));
    });
    // A failure while pieces are still being posted is awaited below, not lost.
    done.catch(() => undefined);
    const post = (msg: ToParquetWorker, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);
    post({ type: 'start', order }, order ? [order.buffer] : []);
    let sent = 0;
    for await (const ipc of pieces) {
      while (!failure && sent - taken >= PIECES_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) break;
      post({ type: 'piece', ipc }, [ipc.buffer]);
      sent++;
      await nextTask();
    }
    post({ type: 'end' });
    await done;
  } finally {
    worker.terminate();
  }
}

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
  const out: Uint8Array[] = [];
  await viaWorker(pieces, order ? Uint32Array.from(order) : null, (c) => out.push(...c), (rows) => onProgress?.(n ? rows / n : 1));
  return out;
}

/**
 * A result streamed as IPC pieces (Database.streamIpc) written as Parquet in a worker, its bytes
 * handed to `onBytes` a row group at a time; `onRows` hears the rows written so far.
 */
export function streamParquet(
  pieces: AsyncIterable<Uint8Array>,
  onBytes: (chunks: Uint8Array[]) => void,
  onRows: (rows: number) => void = () => undefined,
): Promise<void> {
  return viaWorker(pieces, null, onBytes, onRows);
}

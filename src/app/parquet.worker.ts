/// <reference lib="webworker" />
/**
 * Writes a Parquet file from a result sent as Arrow IPC pieces (see parquet-writer.ts), saying
 * how many rows it has written after each slice, and sends the file's bytes back, transferred.
 */
import { encodeParquet } from '../db/parquet';
import { fromIpcPieces } from '../db/result-set';
import type { FromParquetWorker, ToParquetWorker } from './parquet-writer';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromParquetWorker, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
const pieces: Uint8Array[] = [];

self.onmessage = (event: MessageEvent<ToParquetWorker>) => {
  const msg = event.data;
  if (msg.type === 'piece') {
    pieces.push(msg.ipc);
    return;
  }
  try {
    const rs = fromIpcPieces(pieces.splice(0));
    const chunks = encodeParquet(rs, { order: msg.order ?? undefined, onSlice: (rows) => post({ type: 'progress', rows }) });
    post({ type: 'done', chunks }, chunks.map((c) => c.buffer));
  } catch (e) {
    post({ type: 'error', message: (e as Error)?.message ?? String(e) });
  }
};

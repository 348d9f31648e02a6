/// <reference lib="webworker" />
/**
 * Writes a Parquet file from a result sent as Arrow IPC pieces (see parquet-writer.ts): without a
 * row order each piece is encoded as it comes and the finished row groups' bytes are sent back
 * at once; with one, the pieces are held and the file written at the end, saying how many rows
 * are written after each slice. Every piece is acknowledged (`taken`), which paces the page.
 */
import { IpcParquetEncoder, encodeParquet } from '../db/parquet';
import { fromIpcPieces } from '../db/result-set';
import type { FromParquetWorker, ToParquetWorker } from './parquet-writer';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromParquetWorker, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
const send = (type: 'bytes' | 'done', chunks: Uint8Array[]) => post({ type, chunks }, chunks.map((c) => c.buffer));

let order: Uint32Array | null = null;
const held: Uint8Array[] = [];
const encoder = new IpcParquetEncoder();
let failed = false;

self.onmessage = (event: MessageEvent<ToParquetWorker>) => {
  if (failed) return;
  const msg = event.data;
  try {
    if (msg.type === 'start') order = msg.order;
    else if (msg.type === 'piece') {
      if (order) held.push(msg.ipc);
      else {
        const chunks = encoder.add(msg.ipc);
        if (chunks.length) send('bytes', chunks);
      }
      post({ type: 'taken', rows: encoder.rowCount });
    } else if (order) {
      const rs = fromIpcPieces(held.splice(0));
      send('done', encodeParquet(rs, { order, onSlice: (rows) => post({ type: 'progress', rows }) }));
    } else send('done', encoder.finish());
  } catch (e) {
    failed = true;
    post({ type: 'error', message: (e as Error)?.message ?? String(e) });
  }
};

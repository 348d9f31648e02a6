/// <reference lib="webworker" />
/** Reads the Parquet file it is sent into an Arrow IPC stream for staging (see parquet-reader.ts). */
import { parquetToIpc } from './parquet-import';
import type { FromParquetReader } from './parquet-reader';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ArrayBuffer>) => {
  let msg: FromParquetReader;
  try {
    msg = { type: 'done', ipc: await parquetToIpc(event.data) };
  } catch (e) {
    msg = { type: 'error', message: (e as Error)?.message ?? String(e) };
  }
  self.postMessage(msg, msg.type === 'done' && msg.ipc ? [msg.ipc.buffer] : []);
};

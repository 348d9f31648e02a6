/// <reference lib="webworker" />
/** Reads the Parquet file it is sent (or told where to read) into an Arrow IPC stream for staging (see parquet-reader.ts). */
import { parquetToIpc } from './parquet-import';
import { readerBuffer, type FromParquetReader, type ToParquetReader } from './parquet-reader';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ToParquetReader>) => {
  let msg: FromParquetReader;
  try {
    msg = { type: 'done', ...(await parquetToIpc(await readerBuffer(event.data))) };
  } catch (e) {
    msg = { type: 'error', message: (e as Error)?.message ?? String(e) };
  }
  self.postMessage(msg, msg.type === 'done' && msg.ipc ? [msg.ipc.buffer] : []);
};

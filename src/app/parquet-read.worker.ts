/// <reference lib="webworker" />
/**
 * Reads the Parquet file it is told of a row group at a time into Arrow IPC streams of the
 * table's columns (see parquet-reader.ts): it sends a group, reads the next, and sends that one when the page
 * says `next`, so at most two row groups are held.
 */
import { parquetGroupsToIpc } from './parquet-import';
import { readerBuffer, type FromParquetReader, type ToParquetReader } from './parquet-reader';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromParquetReader) => self.postMessage(msg, msg.type === 'group' && msg.ipc ? [msg.ipc.buffer] : []);
/** Groups sent, and groups the page has said it staged. */
let sent = 0;
let staged = 0;
let wake: (() => void) | null = null;
const caughtUp = async () => {
  while (staged < sent) await new Promise<void>((resolve) => (wake = resolve));
};

async function read({ source, target }: Extract<ToParquetReader, { type: 'read' }>): Promise<void> {
  for await (const group of parquetGroupsToIpc(await readerBuffer(source), target)) {
    await caughtUp();
    post({ type: 'group', ...group });
    sent++;
  }
  await caughtUp();
  post({ type: 'end' });
}

self.onmessage = (event: MessageEvent<ToParquetReader>) => {
  const msg = event.data;
  if (msg.type === 'next') {
    staged++;
    wake?.();
    return;
  }
  read(msg).catch((e: unknown) => post({ type: 'error', message: (e as Error)?.message ?? String(e) }));
};

/**
 * Reads a Parquet file into an Arrow IPC stream for staging (app/parquet-import.ts) in a worker
 * (parquet-read.worker.ts), so restoring a backup does not freeze the page: reading the 426k
 * service requests of a backup and building their columns had taken ~4.5 s in one task.
 */
import { parquetToIpc } from './parquet-import';

/** What the worker answers. */
export type FromParquetReader = { readonly type: 'done'; readonly ipc: Uint8Array | null } | { readonly type: 'error'; readonly message: string };

/** parquetToIpc of `file`, in a worker where there are workers. */
export async function readParquetAsIpc(file: Uint8Array): Promise<Uint8Array | null> {
  const own = file.slice().buffer;
  if (typeof Worker !== 'function') return parquetToIpc(own);
  const worker = new Worker(new URL('./parquet-read.worker.ts', import.meta.url), { type: 'module', name: 'parquet-read' });
  try {
    return await new Promise<Uint8Array | null>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromParquetReader>) =>
        e.data.type === 'done' ? resolve(e.data.ipc) : reject(new Error(`Reading Parquet failed: ${e.data.message}`));
      worker.onerror = (e) => reject(new Error(`Reading Parquet failed: ${e.message || 'the worker stopped'}`));
      worker.postMessage(own, [own]);
    });
  } finally {
    worker.terminate();
  }
}

/// <reference lib="webworker" />
/**
 * The ingest worker: receives one `start`, runs the pipeline, reports progress, batches and
 * the outcome; `cancel` aborts it. Batches are sent only against credits from the main thread.
 */
import { IngestError, type FromWorker, type ToWorker } from './protocol';
import { runPipeline } from './pipeline';

declare const self: DedicatedWorkerGlobalScope;

const INITIAL_CREDITS = 2;
const controller = new AbortController();
let credits = INITIAL_CREDITS;
let waiting: (() => void) | null = null;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function credit(): Promise<void> {
  if (credits > 0 || controller.signal.aborted) {
    credits--;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    waiting = () => {
      credits--;
      resolve();
    };
  });
}

let answer: ((hashFirst: boolean) => void) | null = null;

/** After `opened`: waits for the main thread's `mode`. */
function mode(): Promise<boolean> {
  return new Promise((resolve) => (answer = resolve));
}

function release(): void {
  const w = waiting;
  waiting = null;
  w?.();
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'credit':
      credits++;
      release();
      break;
    case 'mode':
      answer?.(msg.hashFirst);
      answer = null;
      break;
    case 'cancel':
      controller.abort();
      answer?.(false);
      answer = null;
      release();
      break;
    case 'start':
      runPipeline({
        source: msg.source,
        entry: msg.entry,
        batchRows: msg.batchRows,
        parsers: msg.parsers,
        signal: controller.signal,
        post,
        credit,
        mode,
      }).catch((e: unknown) => {
        const err =
          e instanceof IngestError
            ? e
            : controller.signal.aborted
              ? new IngestError('cancelled', 'Load cancelled.')
              : new IngestError('internal', `The load failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
        post({ type: 'error', code: err.code, message: err.message, entries: err.entries });
      });
      break;
  }
};

/// <reference lib="webworker" />
/**
 * A parse worker: the ingest worker hands it pieces of one file (whole records, as bytes); it
 * decodes, parses and normalizes them into Arrow batches (PieceParser) and posts them back,
 * batches transferred.
 */
import type { FromParser, ToParser } from './protocol';
import { PieceParser, type PieceOutput } from './piece-parser';

declare const self: DedicatedWorkerGlobalScope;

let parser: PieceParser | null = null;

function post(msg: FromParser, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function send(out: PieceOutput): void {
  for (const ipc of out.batches) post({ type: 'batch', ipc }, [ipc.buffer]);
  for (const r of out.rejects) post({ type: 'rejects', ipc: r.ipc, rows: r.rows }, [r.ipc.buffer]);
}

self.onmessage = (event: MessageEvent<ToParser>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'init':
        parser = new PieceParser(msg);
        break;
      case 'piece': {
        const out = parser!.parseBytes(msg, msg.mode);
        send(out);
        post({ type: 'parsed', rows: out.rows, rejected: out.rejected, blankLines: out.blankLines, invalidBytes: out.invalidBytes, firstInvalidAt: out.firstInvalidAt });
        break;
      }
      case 'finish':
        send(parser!.finish());
        post({ type: 'finished', stats: parser!.stats });
        break;
    }
  } catch (e) {
    post({ type: 'error', message: (e as Error)?.message ?? String(e) });
  }
};

/**
 * What a parse worker does with the ingest worker's messages, apart from the worker itself (so
 * that tests can run it in a stand-in): it decodes, parses and normalizes each piece
 * (PieceParser), and at the end of each run of consecutive pieces posts the run's rows back as
 * an Arrow batch, transferred; the pool joins runs into staged batches in file order.
 */
import type { FromParser, ToParser } from './protocol';
import { PieceParser, type PieceOutput } from './piece-parser';

export type PostToPool = (msg: FromParser, transfer: Transferable[]) => void;

/** A handler for the messages of one parse worker's life. */
export function parserHost(post: PostToPool): (msg: ToParser) => void {
  let parser: PieceParser | null = null;
  const sendRejects = (out: PieceOutput) => {
    for (const r of out.rejects) post({ type: 'rejects', ipc: r.ipc, rows: r.rows }, [r.ipc.buffer]);
  };
  return (msg) => {
    try {
      switch (msg.type) {
        case 'init':
          parser = new PieceParser(msg);
          break;
        case 'piece': {
          const out = parser!.parseBytes(msg, msg.mode);
          sendRejects(out);
          const batches = msg.endsRun ? [...out.batches, ...parser!.takeBatch()] : out.batches;
          const { rows, rejected, blankLines, invalidBytes, firstInvalidAt } = out;
          post({ type: 'parsed', seq: msg.seq, batches, rows, rejected, blankLines, invalidBytes, firstInvalidAt }, batches.map((b) => b.buffer));
          break;
        }
        case 'finish': {
          const out = parser!.finish();
          sendRejects(out);
          post({ type: 'finished', seq: msg.seq, batches: out.batches, stats: parser!.stats }, out.batches.map((b) => b.buffer));
          break;
        }
      }
    } catch (e) {
      post({ type: 'error', message: (e as Error)?.message ?? String(e) }, []);
    }
  };
}

/**
 * The ingest pipeline inside the worker: source bytes → sha-256 + zip → decode → CSV records →
 * header detection → normalized Arrow batches. Batches leave through `post` as soon as the
 * main thread grants a credit, so memory holds at most a few batches at once.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { BatchBuilder } from './batch-builder';
import { CsvRecords } from './csv-records';
import { StreamDecoder, looksBinary } from './decode';
import { HeaderError, detectHeader, type HeaderMapping } from './detect';
import { IngestError, type FromWorker, type IngestSource, type Stage } from './protocol';
import { Sha256 } from './sha256';
import { openSource } from './source';
import { CsvExtractor } from './unzip';

/** How far a streamed source (too large to preread) is read ahead of parsing. */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;
/** Sources up to this size are read (and hashed) completely before parsing starts. */
const PREREAD_BYTES = 96 * 1024 * 1024;
// (A preread source is read whole, whatever READ_AHEAD_BYTES says.)
/** Raw text kept for a rejected record. */
const MAX_RAW_CHARS = 64 * 1024;

export interface PipelineOptions {
  readonly source: IngestSource;
  readonly entry?: string;
  readonly batchRows: number;
  readonly signal: AbortSignal;
  readonly post: (msg: FromWorker, transfer?: Transferable[]) => void;
  /** Resolves when the main thread can take another batch. */
  readonly credit: () => Promise<void>;
  /** After a preread source is hashed: resolves true to go on parsing, false to stop. */
  readonly confirm: () => Promise<boolean>;
}

interface Reject {
  line: number;
  reason: string;
  raw: string;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function webCryptoSha256(chunks: readonly Uint8Array[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', concat(chunks) as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Re-quotes fields as one CSV line, for showing a rejected record. */
export function toCsvLine(fields: readonly string[]): string {
  const line = fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
  return line.length > MAX_RAW_CHARS ? line.slice(0, MAX_RAW_CHARS) + '…' : line;
}

export async function runPipeline(o: PipelineOptions): Promise<void> {
  const opened = await openSource(o.source, o.signal);
  const sha = new Sha256();
  const decoder = new StreamDecoder();
  const queue: Uint8Array[] = [];
  let queued = 0;
  let bytesRead = 0;
  let readDone = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  let mapping: HeaderMapping | null = null;
  let builder: BatchBuilder | null = null;
  let rowsRead = 0;
  let rejected = 0;
  let rejects: Reject[] = [];
  const outgoing: Uint8Array[] = [];
  let sawBytes = false;
  let stage: Stage = 'fetch';

  const records = new CsvRecords((fields, line) => {
    if (!mapping) {
      try {
        mapping = detectHeader(fields);
      } catch (e) {
        if (e instanceof HeaderError) throw new IngestError('unknown-header', e.message, { cause: e });
        throw e;
      }
      builder = new BatchBuilder(mapping);
      o.post({
        type: 'header',
        info: {
          dataset: mapping.dataset,
          variant: mapping.variant,
          encoding: decoder.encoding,
          header: mapping.header,
          extra: mapping.extra.map((x) => x.header),
          fileName: opened.name,
          entry: extractor.entry,
          bytes: opened.size,
        },
      });
      stage = 'parse';
      return;
    }
    rowsRead++;
    const reason = builder!.add(fields, line);
    if (reason !== null) {
      rejected++;
      rejects.push({ line, reason, raw: toCsvLine(fields) });
      if (rejects.length >= 10_000) flushRejects();
    }
    if (builder!.length >= o.batchRows) outgoing.push(builder!.flush());
  });

  const extractor = new CsvExtractor((bytes) => {
    if (extractor.refusing) return;
    if (!sawBytes) {
      sawBytes = true;
      if (looksBinary(bytes.subarray(0, 4096))) {
        throw new IngestError('binary', 'This file is not a CSV: it looks like binary data.');
      }
      stage = 'unzip';
    }
    records.push(decoder.push(bytes));
  }, o.entry);

  const flushRejects = () => {
    if (!rejects.length) return;
    const table = tableFromArrays({
      line: Float64Array.from(rejects, (r) => r.line),
      reason: rejects.map((r) => r.reason),
      raw: rejects.map((r) => r.raw),
    });
    const ipc = tableToIPC(table, 'stream');
    o.post({ type: 'rejects', ipc, rows: rejects.length }, [ipc.buffer]);
    rejects = [];
  };

  const progress = () =>
    o.post({ type: 'progress', progress: { stage, bytesRead, bytesTotal: opened.size, rows: rowsRead, rejected } });

  // Reader: runs ahead of parsing (bounded), hashing as it goes.
  const reader = opened.stream.getReader();
  let digest = '';
  let readError: unknown = null;
  const preread = opened.size !== null && opened.size <= PREREAD_BYTES;
  void (async () => {
    try {
      for (;;) {
        while (!preread && queued > READ_AHEAD_BYTES && !o.signal.aborted) await new Promise<void>((r) => setTimeout(r, 5));
        if (o.signal.aborted) return;
        const { value, done } = await reader.read();
        if (done) break;
        if (!preread) sha.update(value);
        bytesRead += value.length;
        queue.push(value);
        queued += value.length;
        notify();
      }
      // A preread source is hashed at once by WebCrypto (native), the others incrementally.
      digest = preread && crypto?.subtle ? await webCryptoSha256(queue) : preread ? new Sha256().update(concat(queue)).hex() : sha.hex();
      readDone = true;
      o.post({ type: 'hashed', sha256: digest, bytes: bytesRead, fileName: opened.name });
    } catch (e) {
      readError = e;
    }
    notify();
  })();

  // A source of known, moderate size (a zip: compressed) is read and hashed before parsing, so
  // a file loaded before is recognised at once and the load short-circuits. Larger or unsized
  // sources stream straight through (hashed as they go).
  if (preread) {
    while (!readDone && !readError && !o.signal.aborted) await new Promise<void>((r) => (wake = r));
    // The main thread says whether this file was loaded before; if so, no parsing at all.
    if (!readError && !o.signal.aborted && !(await o.confirm())) throw new IngestError('cancelled', 'Load cancelled.');
  }

  let lastProgress = 0;
  for (;;) {
    if (o.signal.aborted) break;
    if (!queue.length) {
      if (readError) {
        throw new IngestError('fetch', `Reading the file failed: ${(readError as Error)?.message ?? readError}`, { cause: readError });
      }
      if (readDone) break;
      await new Promise<void>((r) => (wake = r));
      continue;
    }
    const chunk = queue.shift()!;
    queued -= chunk.length;
    extractor.push(chunk, false);

    while (outgoing.length && !o.signal.aborted) {
      await o.credit();
      const ipc = outgoing.shift()!;
      o.post({ type: 'batch', ipc, rows: -1 }, [ipc.buffer]);
    }
    const now = performance.now();
    if (now - lastProgress > 100) {
      lastProgress = now;
      progress();
      // Yield a task so messages (cancel, credits) are handled while chunks are queued.
      await new Promise<void>((r) => setTimeout(r, 0));
    }
  }
  if (o.signal.aborted) {
    await reader.cancel().catch(() => undefined);
    throw new IngestError('cancelled', 'Load cancelled.');
  }
  extractor.push(new Uint8Array(0), true);
  records.push(decoder.end());
  records.end();
  if (!mapping) throw new IngestError('empty', `${opened.name} is empty: it has no header row.`);
  if (builder!.length) outgoing.push(builder!.flush());
  for (const ipc of outgoing) {
    await o.credit();
    o.post({ type: 'batch', ipc, rows: -1 }, [ipc.buffer]);
  }
  flushRejects();
  progress();
  o.post({
    type: 'done',
    done: {
      sha256: digest,
      bytes: bytesRead,
      rowsRead,
      rejected,
      blankLines: records.blankLines,
      stats: { ...builder!.stats, encoding: decoder.encoding },
    },
  });
}

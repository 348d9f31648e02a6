/**
 * The ingest pipeline inside the worker: source bytes → sha-256 + zip → pieces of whole records
 * (as bytes) → decoded, parsed and normalized into Arrow batches by the parse workers (the header
 * here, first). Batches leave through `post` as soon as the main thread grants a credit, so memory
 * holds at most a few batches at once.
 */
import { CsvRecords, MAX_RECORD_CHARS } from './csv-records';
import { EncodingSniffer, decodePiece, looksBinary } from './decode';
import { HeaderError, detectHeader, type HeaderMapping } from './detect';
import { ParsePool, type PoolOutput } from './parse-pool';
import { IngestError, isLargeSource, type FromWorker, type IngestSource, type Stage } from './protocol';
import { nativeInflate, startInflating, type Inflating } from './inflate';
import { RecordSplitter, type BytePiece } from './record-split';
import { sourceHash } from './source-hash';
import { openSource } from './source';
import { CsvExtractor } from './unzip';

/**
 * How far a large source (see LARGE_SOURCE_BYTES) is read ahead of parsing; it is hashed
 * incrementally in JavaScript. A smaller one is read whole as fast as it comes (parsing
 * meanwhile) and hashed at the end by WebCrypto, natively.
 */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * Rows per staged Arrow batch. duckdb-wasm's Arrow insert costs far more per batch than per
 * row (430k rows: ~4 s in 50k-row batches, ~0.8 s in 120k-row ones). Smaller batches for a
 * large source did not lower its peak memory measurably (10x: ~1.9 GB either way) and made the
 * load 50% slower.
 */
const BATCH_ROWS = 120_000;
/**
 * Parse workers: by default the cores but one (DuckDB has its own), at least 2, at most 4; none
 * where a worker cannot start workers. A large source is parsed in the ingest worker itself: its
 * load waits on DuckDB's inserts on disk anyway, and every worker's heap and batches count
 * against the page's memory (10x the data: one parse worker peaked at ~1,450-1,560 MB, none at
 * ~1,330-1,370 MB and loaded a little faster; a second worker had added ~400 MB).
 */
function parserCount(requested: number | undefined, large: boolean): number {
  if (large) return 0;
  return requested ?? (typeof Worker === 'undefined' ? 0 : Math.min(4, Math.max(2, (navigator.hardwareConcurrency || 2) - 1)));
}
/** Bytes of whole records per piece handed to a parse worker. */
const PIECE_BYTES = 1 << 20;
const EMPTY = new Uint8Array(0);

export interface PipelineOptions {
  readonly source: IngestSource;
  readonly entry?: string;
  readonly batchRows?: number;
  /** Parse workers to spread the records over (0: parse in this thread; default: parserCount). */
  readonly parsers?: number;
  readonly signal: AbortSignal;
  readonly post: (msg: FromWorker, transfer?: Transferable[]) => void;
  /** After `opened`: resolves true to only hash the file, false to parse it. */
  readonly mode: () => Promise<boolean>;
  /** Resolves when the main thread can take another batch. */
  readonly credit: () => Promise<void>;
}

export async function runPipeline(o: PipelineOptions): Promise<void> {
  const opened = await openSource(o.source, o.signal);
  const large = isLargeSource(opened.size);
  const batchRows = o.batchRows ?? BATCH_ROWS;
  // A file that looks like one loaded before (same name and size) is only hashed first: a
  // repeat load then ends after one read instead of racing a parse it would cancel.
  o.post({ type: 'opened', fileName: opened.name, bytes: opened.size });
  if (await o.mode()) return hashOnly(opened, o, large);
  const hash = sourceHash(large);
  // Pieces are cut from the bytes and decoded where they are parsed; this decides the encoding.
  const sniffer = new EncodingSniffer();
  /** Bytes of the records before and of the header that were not UTF-8 (decoded here). */
  const headInvalid = { bytes: 0, firstAt: null as number | null };
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
  let pool: ParsePool | null = null;
  let headerBlankLines = 0;
  const outgoing: PoolOutput[] = [];
  let sawBytes = false;
  let stage: Stage = 'fetch';
  const splitter = new RecordSplitter(PIECE_BYTES, MAX_RECORD_CHARS, (line) => {
    throw new IngestError(
      'record-too-long',
      `Line ${line} starts a record longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB: the file probably has an unclosed quote or is not CSV.`,
    );
  });
  /** Complete pieces waiting to go to a parse worker. */
  const pieces: BytePiece[] = [];

  /** Reads the header from the first non-blank record; then starts the parse workers. */
  const readHeader = (given: BytePiece): void => {
    const record = sniffer.observe(given);
    const { text, invalidBytes, firstInvalidAt } = decodePiece(record.bytes, record.offset, sniffer.mode);
    headInvalid.bytes += invalidBytes;
    headInvalid.firstAt ??= firstInvalidAt;
    let fields: string[] | null = null;
    const header = new CsvRecords((f) => (fields ??= f), { firstLine: record.firstLine });
    header.push(text);
    header.end();
    headerBlankLines += header.blankLines;
    if (fields === null) return;
    try {
      mapping = detectHeader(fields);
    } catch (e) {
      if (e instanceof HeaderError) throw new IngestError('unknown-header', e.message, { cause: e });
      throw e;
    }
    pool = new ParsePool({ header: fields, newline: header.lineEnding ?? '\n', batchRows }, parserCount(o.parsers, large), (out) => outgoing.push(out));
    o.post({
      type: 'header',
      info: {
        dataset: mapping.dataset,
        variant: mapping.variant,
        encoding: sniffer.encoding,
        header: mapping.header,
        extra: mapping.extra.map((x) => x.header),
        fileName: opened.name,
        entry: extractor.entry,
        bytes: opened.size,
      },
    });
    stage = 'parse';
  };

  /** Feeds bytes to the splitter; the header is read as soon as it is complete. */
  const take = (bytes: Uint8Array): void => {
    if (!mapping) {
      splitter.append(bytes);
      while (!mapping) {
        const record = splitter.takeRecord();
        if (record === null) return;
        readHeader(record);
      }
      bytes = EMPTY;
    }
    pieces.push(...splitter.push(bytes));
  };

  const onBytes = (bytes: Uint8Array): void => {
    if (extractor.refusing) return;
    if (!sawBytes) {
      sawBytes = true;
      if (looksBinary(bytes.subarray(0, 4096))) {
        throw new IngestError('binary', 'This file is not a CSV: it looks like binary data.');
      }
      stage = 'unzip';
    }
    take(bytes);
  };

  // A deflated zip entry is inflated by the browser's own zlib (DecompressionStream) where it
  // can, several times faster than fflate's inflate; fflate still reads the zip's structure.
  let inflating: Inflating | null = null;
  const extractor = new CsvExtractor(
    onBytes,
    o.entry,
    nativeInflate()
      ? (bytes, final) => {
          inflating ??= startInflating(async (inflated) => {
            onBytes(inflated);
            await drain();
          });
          inflating.write(bytes, final);
        }
      : undefined,
  );

  /** Hands the waiting pieces to the parse workers, then sends finished batches on. */
  const drain = async (): Promise<void> => {
    while (pieces.length && !o.signal.aborted) {
      // In file order: the sniffer sees every piece before the encoding it is decoded with is chosen.
      const piece = sniffer.observe(pieces.shift()!);
      await pool!.submit(piece, sniffer.mode);
    }
    await sendOutgoing();
  };

  const sendOutgoing = async (): Promise<void> => {
    while (outgoing.length && !o.signal.aborted) {
      const out = outgoing.shift()!;
      if (out.type === 'rejects') {
        o.post({ type: 'rejects', ipc: out.ipc, rows: out.rows }, [out.ipc.buffer]);
        continue;
      }
      await o.credit();
      o.post({ type: 'batch', ipc: out.ipc, rows: -1 }, [out.ipc.buffer]);
    }
  };

  const rowsRead = () => pool?.totals.rows ?? 0;
  const rejected = () => pool?.totals.rejected ?? 0;

  /** Bytes taken off the read queue into the unzip/parse pipeline: the bar follows these, since the reader runs ahead of parsing. */
  let bytesProcessed = 0;
  const progress = () =>
    o.post({ type: 'progress', progress: { stage, bytesRead: bytesProcessed, bytesTotal: opened.size, rows: rowsRead(), rejected: rejected() } });

  // Reader: runs ahead of parsing (bounded), hashing as it goes. The main thread checks the
  // hash against earlier loads as soon as it is known and cancels the load when it matches.
  const reader = opened.stream.getReader();
  let digest = '';
  let readError: unknown = null;
  void (async () => {
    try {
      for (;;) {
        while (large && queued > READ_AHEAD_BYTES && !o.signal.aborted) await new Promise<void>((r) => setTimeout(r, 5));
        if (o.signal.aborted) return;
        const { value, done } = await reader.read();
        if (done) break;
        hash.update(value);
        bytesRead += value.length;
        queue.push(value);
        queued += value.length;
        notify();
      }
      digest = await hash.hex();
      readDone = true;
      o.post({ type: 'hashed', sha256: digest, bytes: bytesRead, fileName: opened.name });
    } catch (e) {
      readError = e;
    }
    notify();
  })();

  let lastProgress = 0;
  try {
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
      // Natively inflated bytes are parsed as they come out (see startInflating).
      if (inflating) await (inflating as Inflating).ready();
      else await drain();
      bytesProcessed += chunk.length;
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
    if (inflating) await (inflating as Inflating).done;
    for (let last = splitter.end(); last !== null; last = null) {
      if (mapping) pieces.push(last);
      else readHeader(last);
    }
    if (!mapping) throw new IngestError('empty', `${opened.name} is empty: it has no header row.`);
    await drain();
    const stats = await pool!.finish();
    await sendOutgoing();
    progress();
    o.post({
      type: 'done',
      done: {
        sha256: digest,
        bytes: bytesRead,
        rowsRead: rowsRead(),
        rejected: rejected(),
        blankLines: headerBlankLines + pool!.totals.blankLines,
        stats: {
          ...stats,
          encoding: sniffer.encoding,
          invalidUtf8Bytes: headInvalid.bytes + pool!.totals.invalidBytes,
          firstInvalidUtf8At: headInvalid.firstAt ?? pool!.totals.firstInvalidAt,
        },
      },
    });
  } finally {
    (pool as ParsePool | null)?.terminate();
    (inflating as Inflating | null)?.abort();
  }
}

/**
 * Reads and hashes the whole source without parsing it, posts `hashed`, then waits for the main
 * thread's `cancel`: the same file (nothing to do), or another (loaded again from the start).
 */
async function hashOnly(opened: Awaited<ReturnType<typeof openSource>>, o: PipelineOptions, large: boolean): Promise<never> {
  const reader = opened.stream.getReader();
  const hash = sourceHash(large);
  let bytesRead = 0;
  let last = 0;
  try {
    while (!o.signal.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      hash.update(value);
      bytesRead += value.length;
      if (performance.now() - last > 100) {
        last = performance.now();
        o.post({ type: 'progress', progress: { stage: 'fetch', bytesRead, bytesTotal: opened.size, rows: 0, rejected: 0 } });
      }
    }
  } catch (e) {
    throw new IngestError('fetch', `Reading the file failed: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  if (!o.signal.aborted) {
    o.post({ type: 'hashed', sha256: await hash.hex(), bytes: bytesRead, fileName: opened.name });
    await new Promise((resolve) => o.signal.addEventListener('abort', resolve, { once: true }));
  }
  await reader.cancel().catch(() => undefined);
  throw new IngestError('cancelled', 'Load cancelled.');
}

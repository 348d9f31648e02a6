/**
 * Spreads the pieces of one file over parse workers (or parses them in this thread where a
 * worker cannot start workers) and passes their rejects on as they come and their rows on in
 * file order. The workers take turns at runs of PIECES_PER_RUN consecutive pieces, each run
 * returned as one Arrow batch; consecutive runs are joined (as bytes) into staged batches of
 * about `batchRows` rows. Staged in file order, a file written in time order is stored in time
 * order without a sort (db/layout.ts `insertOrder`): handed to whichever worker was least busy,
 * the pieces of a worker's batch were every other piece, and each staged batch spanned twice
 * its share of time.
 */
import { createStats, mergeStats, type BatchStats } from './batch-stats';
import { PieceParser, type ParserSetup, type PieceOutput } from './piece-parser';
import { joinIpcStreams } from './arrow-columns';
import type { DecodeCounts, DecodeMode } from './decode';
import { IngestError, type FromParser, type ToParser } from './protocol';
import type { BytePiece } from './record-split';

/** Consecutive pieces one worker parses into one batch (~8 MB of CSV). */
const PIECES_PER_RUN = 8;
/** Pieces queued at one worker: its run, and the next run's first pieces, so it never waits. */
const IN_FLIGHT = PIECES_PER_RUN + 2;

export type PoolOutput = { type: 'batch'; ipc: Uint8Array } | { type: 'rejects'; ipc: Uint8Array; rows: number };

export interface PoolTotals {
  rows: number;
  rejected: number;
  blankLines: number;
  /** Bytes that were not UTF-8 in a UTF-8 file, and the offset of the first (see StreamDecoder). */
  invalidBytes: number;
  firstInvalidAt: number | null;
}

/** What the pool needs of a parse worker. */
export type ParserWorker = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>;

function startParser(i: number): ParserWorker {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: `parse-${i + 1}` });
}

interface Slot {
  worker: ParserWorker;
  inFlight: number;
}

export class ParsePool {
  /** Records and rejects of the pieces parsed so far. */
  readonly totals: PoolTotals = { rows: 0, rejected: 0, blankLines: 0, invalidBytes: 0, firstInvalidAt: null };
  private readonly slots: Slot[] = [];
  private readonly inline: PieceParser | null = null;
  private readonly stats = createStats();
  private finished = 0;
  /** Pieces handed out so far; the next one's `seq`. */
  private handed = 0;
  /** The `seq` of the next piece whose rows go on. */
  private nextSeq = 0;
  /** Parsed pieces waiting for an earlier one: their batches and accepted rows. */
  private readonly waiting = new Map<number, { batches: Uint8Array[]; rows: number }>();
  /** Runs' batches gathered, in file order, into the next staged batch, and their rows. */
  private gathered: Uint8Array[] = [];
  private gatheredRows = 0;
  /** Rows of pieces passed on whose run has not sent them yet. */
  private unsent = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly batchRows: number;

  /**
   * @param workers how many parse workers to start; 0 parses in this thread
   * @param onOutput receives rejects as they come and batches in file order
   * @param spawn starts parse worker `i` (tests pass a stand-in)
   */
  constructor(
    setup: ParserSetup,
    workers: number,
    private readonly onOutput: (out: PoolOutput) => void,
    spawn: (i: number) => ParserWorker = startParser,
  ) {
    this.batchRows = setup.batchRows;
    if (workers <= 0) {
      this.inline = new PieceParser(setup);
      return;
    }
    for (let i = 0; i < workers; i++) {
      const worker = spawn(i);
      const slot: Slot = { worker, inFlight: 0 };
      worker.onmessage = (e: MessageEvent<FromParser>) => this.receive(slot, e.data);
      worker.onerror = (e) => this.fail(new Error(e.message || 'a parse worker failed to start'));
      worker.postMessage({ type: 'init', ...setup } satisfies ToParser);
      this.slots.push(slot);
    }
  }

  /**
   * Hands a piece, to decode as `mode`, to the worker whose turn its run is (its buffer
   * transferred); waits while that worker has IN_FLIGHT pieces queued.
   */
  async submit(piece: BytePiece, mode: DecodeMode): Promise<void> {
    if (this.inline) {
      const out = this.inline.parseBytes(piece, mode);
      this.take(out);
      this.countInvalid(out);
      return;
    }
    for (;;) {
      this.check();
      const seq = this.handed;
      const slot = this.slots[Math.floor(seq / PIECES_PER_RUN) % this.slots.length];
      if (slot.inFlight < IN_FLIGHT) {
        slot.inFlight++;
        this.handed++;
        const { bytes, firstLine, offset } = piece;
        const endsRun = seq % PIECES_PER_RUN === PIECES_PER_RUN - 1;
        slot.worker.postMessage({ type: 'piece', seq, endsRun, bytes, firstLine, offset, mode } satisfies ToParser, [bytes.buffer]);
        return;
      }
      await this.next();
    }
  }

  /** Waits for every piece, collects the last batches and returns the merged counters. */
  async finish(): Promise<BatchStats> {
    if (this.inline) {
      this.take(this.inline.finish());
      return this.inline.stats;
    }
    // The file may end inside a run: its worker sends that run's rows on `finish`, numbered
    // after every piece (no other worker has rows left).
    for (const s of this.slots) s.worker.postMessage({ type: 'finish', seq: this.handed++ } satisfies ToParser);
    while (this.finished < this.slots.length) {
      this.check();
      await this.next();
    }
    this.check();
    // Every piece was parsed, and every run sent, before its worker finished: none is waiting.
    this.stageGathered();
    return this.stats;
  }

  terminate(): void {
    for (const s of this.slots) s.worker.terminate();
    this.fail(new IngestError('cancelled', 'Load cancelled.'));
  }

  private take(out: PieceOutput): void {
    for (const ipc of out.batches) this.onOutput({ type: 'batch', ipc });
    for (const r of out.rejects) this.onOutput({ type: 'rejects', ipc: r.ipc, rows: r.rows });
    this.count(out.rows, out.rejected, out.blankLines);
  }

  private countInvalid(d: DecodeCounts): void {
    this.totals.invalidBytes += d.invalidBytes;
    if (d.firstInvalidAt !== null && (this.totals.firstInvalidAt === null || d.firstInvalidAt < this.totals.firstInvalidAt)) {
      this.totals.firstInvalidAt = d.firstInvalidAt;
    }
  }

  private count(rows: number, rejected: number, blankLines: number): void {
    this.totals.rows += rows;
    this.totals.rejected += rejected;
    this.totals.blankLines += blankLines;
  }

  private receive(slot: Slot, msg: FromParser): void {
    switch (msg.type) {
      case 'rejects':
        this.onOutput({ type: 'rejects', ipc: msg.ipc, rows: msg.rows });
        return;
      case 'parsed':
        slot.inFlight--;
        this.count(msg.rows, msg.rejected, msg.blankLines);
        this.countInvalid(msg);
        this.waiting.set(msg.seq, { batches: msg.batches, rows: msg.rows - msg.rejected });
        this.passOn();
        break;
      case 'finished':
        this.waiting.set(msg.seq, { batches: msg.batches, rows: 0 });
        this.passOn();
        mergeStats(this.stats, msg.stats);
        this.finished++;
        break;
      case 'error':
        this.fail(new IngestError('internal', `Parsing failed: ${msg.message}`));
        return;
    }
    this.notify();
  }

  /**
   * Gathers the parsed pieces next in file order; stages a batch once big enough. A run's rows
   * come with its last piece: the rows of the pieces before wait in `unsent` until then.
   */
  private passOn(): void {
    for (let p = this.waiting.get(this.nextSeq); p; p = this.waiting.get(this.nextSeq)) {
      this.waiting.delete(this.nextSeq++);
      this.unsent += p.rows;
      if (!p.batches.length) continue;
      this.gathered.push(...p.batches);
      this.gatheredRows += this.unsent;
      this.unsent = 0;
      if (this.gatheredRows >= this.batchRows) this.stageGathered();
    }
  }

  private stageGathered(): void {
    if (this.gathered.length) this.onOutput({ type: 'batch', ipc: joinIpcStreams(this.gathered) });
    this.gathered = [];
    this.gatheredRows = 0;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.notify();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

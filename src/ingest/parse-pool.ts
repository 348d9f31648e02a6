/**
 * Spreads the pieces of one file over parse workers (or parses them in this thread where a
 * worker cannot start workers), keeping at most two pieces in flight per worker, and passes
 * their batches and rejects on as they come.
 */
import { createStats, mergeStats, type BatchStats } from './batch-stats';
import { PieceParser, type ParserSetup, type PieceOutput } from './piece-parser';
import type { DecodeCounts, DecodeMode } from './decode';
import { IngestError, type FromParser, type ToParser } from './protocol';
import type { BytePiece } from './record-split';

/** Pieces queued at one worker; the second lets it start at once on the next. */
const IN_FLIGHT = 2;

export type PoolOutput = { type: 'batch'; ipc: Uint8Array } | { type: 'rejects'; ipc: Uint8Array; rows: number };

export interface PoolTotals {
  rows: number;
  rejected: number;
  blankLines: number;
  /** Bytes that were not UTF-8 in a UTF-8 file, and the offset of the first (see StreamDecoder). */
  invalidBytes: number;
  firstInvalidAt: number | null;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

export class ParsePool {
  /** Records and rejects of the pieces parsed so far. */
  readonly totals: PoolTotals = { rows: 0, rejected: 0, blankLines: 0, invalidBytes: 0, firstInvalidAt: null };
  private readonly slots: Slot[] = [];
  private readonly inline: PieceParser | null = null;
  private readonly stats = createStats();
  private finished = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  /**
   * @param workers how many parse workers to start; 0 parses in this thread
   * @param onOutput receives batches and rejects, in the order each worker produced them
   */
  constructor(
    setup: ParserSetup,
    workers: number,
    private readonly onOutput: (out: PoolOutput) => void,
  ) {
    if (workers <= 0) {
      this.inline = new PieceParser(setup);
      return;
    }
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: `parse-${i + 1}` });
      const slot: Slot = { worker, inFlight: 0 };
      worker.onmessage = (e: MessageEvent<FromParser>) => this.receive(slot, e.data);
      worker.onerror = (e) => this.fail(new Error(e.message || 'a parse worker failed to start'));
      worker.postMessage({ type: 'init', ...setup } satisfies ToParser);
      this.slots.push(slot);
    }
  }

  /**
   * Hands a piece, to decode as `mode`, to the least busy worker (its buffer transferred); waits
   * while every worker has enough queued.
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
      let best: Slot | null = null;
      for (const s of this.slots) if (s.inFlight < IN_FLIGHT && (best === null || s.inFlight < best.inFlight)) best = s;
      if (best) {
        best.inFlight++;
        const { bytes, firstLine, offset } = piece;
        best.worker.postMessage({ type: 'piece', bytes, firstLine, offset, mode } satisfies ToParser, [bytes.buffer]);
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
    for (const s of this.slots) s.worker.postMessage({ type: 'finish' } satisfies ToParser);
    while (this.finished < this.slots.length) {
      this.check();
      await this.next();
    }
    this.check();
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
      case 'batch':
        this.onOutput({ type: 'batch', ipc: msg.ipc });
        return;
      case 'rejects':
        this.onOutput({ type: 'rejects', ipc: msg.ipc, rows: msg.rows });
        return;
      case 'parsed':
        slot.inFlight--;
        this.count(msg.rows, msg.rejected, msg.blankLines);
        this.countInvalid(msg);
        break;
      case 'finished':
        mergeStats(this.stats, msg.stats);
        this.finished++;
        break;
      case 'error':
        this.fail(new IngestError('internal', `Parsing failed: ${msg.message}`));
        return;
    }
    this.notify();
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

/**
 * The app's state and its one path for loading files: loads run one at a time, each reports
 * progress to the page, and listeners hear when the store changed.
 */
import { compactIfNeeded, type Compaction } from '../db/compact';
import type { Database } from '../db/duckdb';
import { removeLoadsSql } from '../db/remove-loads-sql';
import { rebuildDerived, storeStatus, withSession, type StoreStatus } from '../db/store';
import { execInTransaction, quietly, type Executor } from '../db/transaction';
import { DATASETS, type Dataset } from '../domain/columns';
import { IngestError, type IngestSource, type Progress } from '../ingest/protocol';
import { storeBoundariesSql } from '../reports/boundaries';
import { ident, str } from '../sql/quote';
import { importBackup, resetStore, type BackupProgress } from './backup';
import { ingest, type IngestSummary } from './ingest-runner';
import { placeStoredRows } from './place';

export interface LoadRequest {
  readonly source: IngestSource;
  readonly label: string;
  readonly entry?: string;
  readonly sourceLabel?: string;
}

export interface LoadEvents {
  onStart?(req: LoadRequest, cancel: () => void): void;
  onProgress?(req: LoadRequest, p: Progress): void;
  onDone?(req: LoadRequest, s: IngestSummary): void;
  onError?(req: LoadRequest, e: IngestError): void;
}

export class App {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  readonly events: LoadEvents[] = [];

  constructor(
    readonly db: Database,
    readonly writable: boolean,
    readonly notice: string | null,
  ) {}

  /** Called after every change to the store. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(): void {
    for (const fn of this.listeners) fn();
  }

  status(): Promise<StoreStatus> {
    return storeStatus(this.db);
  }

  private assertWritable(): void {
    if (!this.writable) throw new Error('This tab is read-only: the store is open in another tab.');
  }

  /** Runs `task` after every load or update queued before it (never two at once). */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * After the SQL editor wrote to the store: recomputes the rollups when a dataset table may
   * have changed (queued like a load, so never during one), then tells the listeners, so the
   * reports, the schema and the status read the store again.
   */
  afterEditorWrite(datasets: boolean): Promise<void> {
    return this.enqueue(async () => {
      try {
        if (datasets && this.writable) await rebuildDerived(this.db);
        // Whatever the editor wrote goes through to the store file, so a reload keeps it.
        if (this.writable) await withSession(this.db, (session) => quietly(session, 'CHECKPOINT'));
      } finally {
        this.changed();
      }
    });
  }

  /**
   * Replaces the store with a backup zip (read a row group at a time from the file), queued like
   * a load (never during one); resolves with the rows per table.
   */
  restore(file: Blob, onProgress?: BackupProgress): Promise<Record<string, number>> {
    return this.enqueue(async () => {
      this.assertWritable();
      try {
        return await importBackup(this.db, file, onProgress);
      } finally {
        this.changed();
      }
    });
  }

  /** Empties the store, queued like a load. */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      this.assertWritable();
      await resetStore(this.db);
      this.changed();
    });
  }

  /**
   * Takes the bundled synthetic sample's loads back out (its records, versions, log entries and
   * rejected rows; records a later file also holds stay), queued like a load, in one transaction
   * with the rollups. Resolves with the records removed.
   */
  removeSample(): Promise<number> {
    return this.enqueue(async () => {
      this.assertWritable();
      const removed = await withSession(this.db, async (session) => {
        const loads = await session.query(`SELECT load_id FROM ingest_log WHERE source = ${str(DEFAULT_SOURCE_LABEL)}`);
        const before = await countRecords(session);
        await execInTransaction(session, removeLoadsSql(loads.map((l) => Number(l.load_id))));
        // Written through to the store file, as a load is (a reload must not bring the sample back).
        await quietly(session, 'CHECKPOINT');
        return before - (await countRecords(session));
      });
      this.changed();
      return removed;
    });
  }

  /**
   * Stores a checked neighborhoods GeoJSON as the current boundaries, then places the stored
   * records that have coordinates but no neighborhood, queued like a load, and writes both through
   * to the store file. Tells the listeners when records were placed; resolves with how many.
   */
  storeBoundaries(name: string, geojson: string): Promise<number> {
    return this.enqueue(async () => {
      this.assertWritable();
      await withSession(this.db, (session) => execInTransaction(session, storeBoundariesSql(name, geojson, new Date()).split(';\n')));
      const placed = await placeStoredRows(this.db);
      await withSession(this.db, (session) => quietly(session, 'CHECKPOINT'));
      if (placed) this.changed();
      return placed;
    });
  }

  /**
   * Rewrites a dataset table in time order now (`force`) or when its layout calls for it, queued
   * like a load (loads do this themselves when needed; see db/layout.ts).
   */
  compact(dataset: Dataset, force = false): Promise<Compaction | null> {
    return this.enqueue(async () => {
      this.assertWritable();
      return withSession(this.db, (session) => compactIfNeeded(session, dataset, { force }));
    });
  }

  /** Queues a load; resolves with its summary or rejects with a readable IngestError. */
  load(req: LoadRequest): Promise<IngestSummary> {
    const run = async () => {
      if (!this.writable) {
        throw new IngestError('internal', 'This tab is read-only because the store is open in another tab. Close the other tab and reload to load files here.');
      }
      const controller = new AbortController();
      this.events.forEach((e) => e.onStart?.(req, () => controller.abort()));
      try {
        const summary = await ingest(this.db, req.source, {
          entry: req.entry,
          signal: controller.signal,
          sourceLabel: req.sourceLabel,
          onProgress: (p) => this.events.forEach((e) => e.onProgress?.(req, p)),
        });
        this.events.forEach((e) => e.onDone?.(req, summary));
        if (summary.loadId !== null) this.changed();
        return summary;
      } catch (e) {
        const err = e instanceof IngestError ? e : new IngestError('internal', (e as Error)?.message ?? String(e), { cause: e });
        this.events.forEach((ev) => ev.onError?.(req, err));
        throw err;
      }
    };
    return this.enqueue(run);
  }
}

/** URLs of the bundled synthetic sample, relative to the page. */
export const DEFAULT_FILES = ['data/311_service_requests.csv.zip', 'data/traffic_accidents.csv.zip'];
export const DEFAULT_SOURCE_LABEL = 'bundled synthetic sample';

async function countRecords(db: Executor): Promise<number> {
  const [{ n }] = await db.query(`SELECT ${DATASETS.map((d) => `(SELECT count(*) FROM ${ident(d)})`).join(' + ')} AS n`);
  return Number(n);
}

/** What the store holds: nothing, only the bundled sample, only other loads, or both. */
export type SampleState = 'empty' | 'sample' | 'real' | 'mixed';

export function sampleState(loads: readonly Record<string, unknown>[]): SampleState {
  const sample = loads.some((l) => l.source === DEFAULT_SOURCE_LABEL);
  const real = loads.some((l) => l.source !== DEFAULT_SOURCE_LABEL);
  return sample ? (real ? 'mixed' : 'sample') : real ? 'real' : 'empty';
}

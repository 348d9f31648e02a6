/**
 * `window.lens`: the automation hook for tests and power users (a documented contract; see the
 * README). Everything resolves to plain data.
 */
import type { Row } from '../db/types';
import type { StoreStatus } from '../db/store';
import type { Compaction } from '../db/compact';
import type { Dataset } from '../domain/columns';
import type { IngestSummary } from './ingest-runner';

export interface Lens {
  ready: Promise<void>;
  query(sql: string): Promise<Row[]>;
  ingestUrl(url: string, entry?: string): Promise<IngestSummary>;
  ingestFile(file: File, entry?: string): Promise<IngestSummary>;
  status(): Promise<StoreStatus & { mode: string; writable: boolean; notice: string | null }>;
  reports(): Promise<{ id: string; title: string }[]>;
  reportData(id: string): Promise<{ sql: string; rows: Row[] }>;
  setFilters(f: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, unknown>>;
  /** Rewrites a dataset table in time order, now (`force`) or if its layout calls for it. */
  compact(dataset: Dataset, force?: boolean): Promise<Compaction | null>;
  /** Benchmark only (npm run bench): DuckDB's own read_csv of the same zip, the anchor. */
  benchAnchor(url: string): Promise<{ ms: number; rows: number }>;
}

declare global {
  interface Window {
    lens: Lens;
  }
}

/**
 * The typed protocol between the app (main thread) and the ingest worker.
 * Batches travel as Arrow IPC bytes whose buffers are transferred, not copied.
 */
import type { Dataset } from '../domain/columns';
import type { DecodeMode } from './decode';

export type IngestSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly file: File };

/**
 * A source above this size (compressed, for a zip) or of unknown size is large: it streams
 * (read ahead a little, hashed as it goes) and stages on disk, so memory stays bounded whatever
 * its size. Smaller ones are read whole at once.
 */
export const LARGE_SOURCE_BYTES = 64 * 1024 * 1024;

/** Whether a source of this size (null: unknown) is large, see LARGE_SOURCE_BYTES. */
export const isLargeSource = (bytes: number | null): boolean => bytes === null || bytes > LARGE_SOURCE_BYTES;

export type Stage = 'fetch' | 'unzip' | 'parse' | 'stage' | 'merge' | 'done';

export type ToWorker =
  | {
      readonly type: 'start';
      readonly source: IngestSource;
      readonly entry?: string;
      /** Rows per staged batch (default: see pipeline.ts). */
      readonly batchRows?: number;
      /** Parse workers to use (default: see pipeline.ts). */
      readonly parsers?: number;
    }
  /** Answer to `opened`: only hash the file (it looks like one loaded before), or parse it. */
  | { readonly type: 'mode'; readonly hashFirst: boolean }
  /** Main has inserted one batch; the worker may send another. */
  | { readonly type: 'credit' }
  | { readonly type: 'cancel' };

export interface HeaderInfo {
  readonly dataset: Dataset;
  readonly variant: string;
  readonly encoding: string;
  readonly header: readonly string[];
  readonly extra: readonly string[];
  readonly fileName: string;
  readonly entry: string | null;
  /** Size of the source (the zip, for a zip) when known. */
  readonly bytes: number | null;
}

export interface Progress {
  readonly stage: Stage;
  /** Bytes of the file the pipeline has taken in (unzipped and split); the reader may be ahead. */
  readonly bytesRead: number;
  readonly bytesTotal: number | null;
  readonly rows: number;
  readonly rejected: number;
}

export interface WorkerDone {
  readonly sha256: string;
  readonly bytes: number;
  readonly rowsRead: number;
  readonly rejected: number;
  readonly blankLines: number;
  readonly stats: Record<string, unknown>;
}

/** Error codes the UI can act on (e.g. offer the entries of a multi-CSV zip). */
export type IngestErrorCode =
  | 'unknown-header'
  | 'empty'
  | 'binary'
  | 'zip-no-csv'
  | 'zip-several-csv'
  | 'zip-corrupt'
  | 'fetch'
  | 'record-too-long'
  | 'cancelled'
  | 'quota'
  | 'internal';

export type FromWorker =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'header'; readonly info: HeaderInfo }
  /** A source was opened; the worker waits for `mode` before reading it. */
  | { readonly type: 'opened'; readonly fileName: string; readonly bytes: number | null }
  /** Source bytes fully read and hashed (parsing goes on meanwhile; `cancel` stops it). */
  | { readonly type: 'hashed'; readonly sha256: string; readonly bytes: number; readonly fileName: string }
  | { readonly type: 'batch'; readonly ipc: Uint8Array; readonly rows: number }
  | { readonly type: 'rejects'; readonly ipc: Uint8Array; readonly rows: number }
  | { readonly type: 'done'; readonly done: WorkerDone }
  | { readonly type: 'error'; readonly code: IngestErrorCode; readonly message: string; readonly entries?: readonly string[] };

/** An ingest failure with a message a user can read. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly entries?: readonly string[];
  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown; entries?: readonly string[] }) {
    super(message, { cause: options?.cause });
    this.name = 'IngestError';
    this.code = code;
    this.entries = options?.entries;
  }
}

/** From the ingest worker to one of its parse workers (see parse.worker.ts). */
export type ToParser =
  | { readonly type: 'init'; readonly header: string[]; readonly newline: '\n' | '\r\n'; readonly batchRows: number }
  /** `seq`: the piece's place in the file (0, 1, 2...), echoed; `endsRun`: send the run's rows with it. */
  | { readonly type: 'piece'; readonly seq: number; readonly endsRun: boolean; readonly bytes: Uint8Array; readonly firstLine: number; readonly offset: number; readonly mode: DecodeMode }
  | { readonly type: 'finish'; readonly seq: number };

/** From a parse worker back to the ingest worker. */
export type FromParser =
  | { readonly type: 'rejects'; readonly ipc: Uint8Array; readonly rows: number }
  /**
   * Piece `seq` is parsed, with its counters (`rows` counts its records, accepted or
   * rejected); when it ends a run, `batches` holds the run's accepted rows as Arrow IPC streams
   * (usually one; also, mid-run, a batch that reached `batchRows`). Its rejects were posted before.
   */
  | {
      readonly type: 'parsed';
      readonly seq: number;
      readonly batches: Uint8Array[];
      readonly rows: number;
      readonly rejected: number;
      readonly blankLines: number;
      readonly invalidBytes: number;
      readonly firstInvalidAt: number | null;
    }
  /** After `finish` (numbered `seq`): the rows of a run the file ended in, and the worker's counters (its last rejects were posted before). */
  | { readonly type: 'finished'; readonly seq: number; readonly batches: Uint8Array[]; readonly stats: import('./batch-stats').BatchStats }
  | { readonly type: 'error'; readonly message: string };

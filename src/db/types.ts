/**
 * What the rest of the app sees of the database. Only src/db/duckdb.ts imports duckdb-wasm;
 * reports, the editor and the store code talk to this interface, and unit tests pass a Node
 * DuckDB behind the same interface.
 */

/**
 * A plain row (the rules are db/values.ts's, and the README's `query(sql)` contract): numbers as
 * JS numbers where they are exact (bigger integers, and DECIMAL/HUGEINT values a number cannot
 * hold exactly, as exact decimal strings), TIMESTAMP/DATE as epoch milliseconds of the stored
 * wall-clock time (microseconds as the fraction), TIME and INTERVAL as the text DuckDB prints,
 * BLOB as a Uint8Array, inside lists, structs and maps times, dates and blobs as text; NULL as null.
 */
export type Row = Record<string, unknown>;

export interface ColumnMeta {
  readonly name: string;
  /** DuckDB type name as reported in the result (VARCHAR, BIGINT, TIMESTAMP, DOUBLE, ...). */
  readonly type: string;
}

/** A query result held column-wise; cells are converted lazily (see Row for value rules). */
export interface ResultSet {
  readonly columns: readonly ColumnMeta[];
  readonly rowCount: number;
  cell(row: number, column: number): unknown;
  /** Materializes rows [start, end) as plain objects. */
  rows(start?: number, end?: number): Row[];
  /**
   * The result as Arrow IPC streams of a few record batches each, written as they are taken,
   * for a worker to read (app/parquet-writer.ts, db/result-set.ts `fromIpcPieces`); null (or
   * absent) when some column would not survive the trip.
   */
  ipcPieces?(): Iterable<Uint8Array> | null;
  /** True when the query returned more rows than these: reading stopped at RunOptions.maxBytes. */
  readonly truncated?: boolean;
}

export interface RunOptions {
  /** Aborting cancels the running query; the promise then rejects with QueryCancelled. */
  readonly signal?: AbortSignal;
  /**
   * With a signal: keep at most about this many bytes of Arrow data; a query that returns more
   * is cancelled there and its result marked `truncated` (the rows read so far).
   */
  readonly maxBytes?: number;
}

export interface Connector {
  /** Runs one statement (or several; the last result is returned) and returns plain rows. */
  query(sql: string): Promise<Row[]>;
  /** Runs SQL and returns the last statement's result set; cancellable. */
  run(sql: string, options?: RunOptions): Promise<ResultSet>;
  /**
   * The query's whole result as Arrow IPC pieces, read as they are taken (Database.streamIpc):
   * what exports a result too large to hold (a `truncated` one) by running it again. Aborting
   * `signal` stops DuckDB's query at once and ends the iteration with QueryCancelled.
   */
  streamIpc?(sql: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
  /** Runs `COPY (sql) TO file (FORMAT ...)` inside DuckDB and returns the file's bytes. */
  copyTo(sql: string, format: 'parquet' | 'csv' | 'json'): Promise<Uint8Array>;
}

/** Raised when a query is cancelled by the user. */
export class QueryCancelled extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelled';
  }
}

/** A failed query, keeping DuckDB's message, the SQL, and the cause. */
export class QueryError extends Error {
  readonly sql: string;
  constructor(message: string, sql: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryError';
    this.sql = sql;
  }
}

/**
 * What the SQL editor is running on the shared DuckDB connection. DuckDB-WASM runs one query at
 * a time, so while an editor query runs, the reports and every other query wait for it; the
 * page says so (with a way to cancel it) instead of leaving the reports loading unexplained.
 * No DOM here: the shell draws the notice.
 */
import { QueryCancelled, type Connector, type ResultSet, type RunOptions } from '../db/types';

/** The editor's query in flight: since when, and how to stop it. */
export interface EditorRun {
  readonly since: number;
  cancel(): void;
}

export class EditorActivity {
  private run: EditorRun | null = null;
  private readonly listeners = new Set<(run: EditorRun | null) => void>();

  /** The editor's query in flight, or null. */
  get current(): EditorRun | null {
    return this.run;
  }

  /** Calls `fn` on every change (start or end of an editor query); returns the unsubscribe. */
  subscribe(fn: (run: EditorRun | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * The connector the editor uses: `db`, with each `run` tracked and cancellable from here as
   * well as from the caller's own signal.
   */
  wrap(db: Connector, now: () => number = () => Date.now()): Connector {
    return {
      query: (sql) => db.query(sql),
      copyTo: (sql, format) => db.copyTo(sql, format),
      ...(db.streamIpc ? { streamIpc: (sql: string, signal?: AbortSignal) => this.tracked(db.streamIpc!.bind(db), sql, signal, now) } : {}),
      run: async (sql: string, options?: RunOptions): Promise<ResultSet> => {
        const run = this.begin(options?.signal, now);
        try {
          return await db.run(sql, { ...options, signal: run.signal });
        } finally {
          run.end();
        }
      },
    };
  }

  /**
   * A streamed result (an export running the query again) tracked like a run: cancelling it here,
   * or aborting the caller's `signal`, stops DuckDB's query and ends the iteration with
   * QueryCancelled.
   */
  private async *tracked(
    stream: (sql: string, signal: AbortSignal) => AsyncIterable<Uint8Array>,
    sql: string,
    outer: AbortSignal | undefined,
    now: () => number,
  ): AsyncGenerator<Uint8Array> {
    const run = this.begin(outer, now);
    try {
      // A source that does not heed the signal still stops at its next piece.
      for await (const piece of stream(sql, run.signal)) {
        if (run.signal.aborted) throw new QueryCancelled();
        yield piece;
      }
    } finally {
      run.end();
    }
  }

  /**
   * Starts tracking an editor query: its signal aborts when it is cancelled from here or when
   * `outer` (the editor's own) aborts; end() forgets it.
   */
  private begin(outer: AbortSignal | undefined, now: () => number): { signal: AbortSignal; end(): void } {
    const stop = new AbortController();
    const forward = () => stop.abort(outer?.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    const mine: EditorRun = { since: now(), cancel: () => stop.abort() };
    this.set(mine);
    return {
      signal: stop.signal,
      end: () => {
        outer?.removeEventListener('abort', forward);
        if (this.run === mine) this.set(null);
      },
    };
  }

  private set(run: EditorRun | null): void {
    this.run = run;
    for (const fn of this.listeners) fn(run);
  }
}

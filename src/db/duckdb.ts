/**
 * The one module that imports duckdb-wasm. It starts DuckDB (eh bundle only: the coi bundle
 * breaks OPFS and the mvp one is 3× slower) in its own worker and exposes the Connector the
 * rest of the app uses, plus the few low-level operations the store needs.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { resultToParquet } from './parquet';
import { IPC_PIECE_BATCHES, batchesToIpc, lacksDictionaries, restoreDictionaries, toResultSet } from './result-set';
import { QueryCancelled, QueryError, type Connector, type ResultSet, type RunOptions } from './types';

/** Where the store lives: a file in the origin's private file system, memory, or a read-only copy. */
export type StoreMode = 'opfs' | 'memory' | 'snapshot';

export interface Database extends Connector {
  readonly mode: StoreMode;
  readonly instantiateMs: number;
  readonly bundle: string;
  /** Runs statements for their effect. */
  exec(sql: string): Promise<void>;
  /** Appends Arrow IPC stream bytes to a table (created when `create`). The buffer is transferred. */
  insertIpc(bytes: Uint8Array, table: { name: string; schema?: string; create: boolean }): Promise<void>;
  /** Registers bytes as a file DuckDB can read (read_parquet etc.). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Streams a query's result as Arrow IPC pieces of a few record batches each, DuckDB producing
   * the next batches only as the pieces are taken, so a whole table never sits in memory. The
   * connection runs nothing else until the iteration ends (a `break` ends it, cancelling the
   * rest). ENUM columns must be cast to text first (duckdb-wasm streams them without values).
   * Aborting `signal` cancels DuckDB's query at once (even before its first rows) and ends the
   * iteration with QueryCancelled.
   */
  streamIpc(sql: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
  /** A second connection to the same database: its own transactions and TEMP tables. */
  session(): Promise<Database>;
  close(): Promise<void>;
}

export const STORE_FILE = 'denver-lens.duckdb';
/** DuckDB's memory cap for the OPFS store (in-memory stores keep the default: they cannot evict). */
export const OPFS_MEMORY_LIMIT = '1GB';

/**
 * Starts duckdb-wasm's worker so that Chromium can cache the compiled wasm between visits.
 *
 * To report download progress, the worker wraps the fetched wasm in `new Response(stream)` when it
 * has TransformStream. Such a response has no URL, so V8 cannot keep the code it compiled and
 * optimized for it, and every page load starts DuckDB on unoptimized code (a first filter change's
 * queries took 400–590 ms cold against ~200 ms warm). The worker is started from a two-line script
 * that hides TransformStream first: the worker then compiles straight from `fetch`, which Chromium
 * code-caches. From the second visit on, those queries run in 180–270 ms and the store opens
 * ~0.3 s sooner. Nothing else in the worker uses TransformStream. Both URLs are made absolute:
 * the script and the wasm are fetched from a blob: worker.
 */
function bootWorker(): { worker: Worker; release(): void } {
  const script = new URL(ehWorker, location.href).href;
  const boot = URL.createObjectURL(new Blob([`delete self.TransformStream;\nimportScripts(${JSON.stringify(script)});\n`], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(boot), release: () => URL.revokeObjectURL(boot) };
  } catch (e) {
    URL.revokeObjectURL(boot);
    throw e;
  }
}

/** Instantiates DuckDB in `worker`; rejects if the worker fails to start (duckdb-wasm would wait forever). */
async function instantiateIn(worker: Worker): Promise<duckdb.AsyncDuckDB> {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  let onError: (e: ErrorEvent) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = (e) => reject(new Error(`the DuckDB worker failed to start: ${e.message || 'script error'}`));
    worker.addEventListener('error', onError);
  });
  try {
    await Promise.race([db.instantiate(new URL(ehWasm, location.href).href), failed]);
    return db;
  } catch (e) {
    worker.terminate();
    throw e;
  } finally {
    worker.removeEventListener('error', onError);
  }
}

async function instantiate(): Promise<{ db: duckdb.AsyncDuckDB; ms: number }> {
  const t0 = performance.now();
  let db: duckdb.AsyncDuckDB;
  try {
    const { worker, release } = bootWorker();
    db = await instantiateIn(worker).finally(release);
  } catch (e) {
    // A host whose Content-Security-Policy forbids blob: workers: start the worker as published.
    console.warn('Starting DuckDB without its code cache:', e);
    db = await instantiateIn(new Worker(ehWorker));
  }
  return { db, ms: performance.now() - t0 };
}

/**
 * Opens the store. `opfs` opens (or creates) the persistent file; `snapshot` opens a read-only
 * copy of its bytes (for a second tab that does not hold the writer lock); `memory` keeps
 * everything in memory (no OPFS in this browser).
 */
export async function openDatabase(mode: StoreMode, snapshot?: Uint8Array): Promise<Database> {
  const { db, ms } = await instantiate();
  try {
    if (mode === 'opfs') {
      await db.open({ path: `opfs://${STORE_FILE}`, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
    } else {
      await db.open({ path: ':memory:' });
    }
  } catch (e) {
    // Release the OPFS access handles, so the caller can repair the files and try again.
    await db.terminate().catch(() => undefined);
    throw e;
  }
  const conn = await db.connect();
  // json, parquet & co. are not built into duckdb-wasm; autoloading would fetch them from a
  // third-party origin. Refuse instead: the app makes no request to other origins.
  await conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false`);
  // The store lives on OPFS, so DuckDB can write blocks out and evict them: cap its memory, so a
  // large load is bounded instead of growing to DuckDB's default (80% of 4 GB of wasm memory).
  if (mode === 'opfs') await conn.query(`SET memory_limit = '${OPFS_MEMORY_LIMIT}'`);
  if (mode === 'snapshot' && snapshot) {
    await db.registerFileBuffer('snapshot.duckdb', snapshot);
    await conn.query(`ATTACH 'snapshot.duckdb' AS store (READ_ONLY); USE store`);
  }
  return wrap(db, conn, mode, ms);
}

function wrap(
  db: duckdb.AsyncDuckDB,
  conn: duckdb.AsyncDuckDBConnection,
  mode: StoreMode,
  instantiateMs: number,
  owner = true,
): Database {
  /*
   * DuckDB runs one request at a time per connection, and the worker answers its messages in
   * order. A plain query is one message, so several can be posted back to back (`pipelined`):
   * the worker then runs them without waiting for the page to take each result, which keeps
   * DuckDB busy while the page draws. Anything made of several messages (a streamed result,
   * a file copy) runs alone (`serial`): after everything posted before it has settled, and
   * before anything posted after it.
   */
  /** Settles when everything posted so far has settled. */
  let idle: Promise<unknown> = Promise.resolve();
  /** Settles when the next plain query may be posted. */
  let gate: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = idle.then(task, task);
    idle = gate = next.catch(() => undefined);
    return next;
  };
  /** `task` must post its one message synchronously (conn.query does). */
  const pipelined = <T>(task: () => Promise<T>): Promise<T> => {
    let posted!: () => void;
    const postedNow = new Promise<void>((resolve) => (posted = resolve));
    const next = gate.then(() => {
      try {
        return task();
      } finally {
        posted();
      }
    });
    gate = postedNow;
    const before = idle;
    idle = next.then(() => before, () => before);
    return next;
  };
  const fail = (e: unknown, sql: string): never => {
    throw new QueryError((e as Error)?.message ?? String(e), sql, { cause: e });
  };

  const runQuery = (sql: string) =>
    pipelined(() => conn.query(sql)).then(
      (table) => toResultSet(table),
      (e: unknown) => fail(e, sql),
    );

  const runStreaming = (sql: string, options: RunOptions): Promise<ResultSet> =>
    serial(async () => {
      if (options.signal?.aborted) throw new QueryCancelled();
      let cancelled = false;
      const onAbort = () => {
        cancelled = true;
        void conn.cancelSent();
      };
      options.signal?.addEventListener('abort', onAbort);
      try {
        const reader = await conn.send(sql, true);
        const batches = [];
        let bytes = 0;
        let truncated = false;
        for await (const batch of reader) {
          if (cancelled) break;
          if (options.maxBytes !== undefined && bytes >= options.maxBytes) {
            // More rows than the caller holds: stop DuckDB producing the rest.
            truncated = true;
            await conn.cancelSent().catch(() => undefined);
            break;
          }
          batches.push(batch);
          bytes += batch.data.byteLength;
        }
        if (cancelled) throw new QueryCancelled();
        if (lacksDictionaries(batches)) {
          // duckdb-wasm streams ENUM columns without their values (duckdb-wasm#1548), so they would
          // read as NULL: take them from one row of the same query. The query runs again, as a
          // subquery (which can only read); a statement that cannot be one keeps its NULLs.
          try {
            restoreDictionaries(batches, await conn.query(`SELECT * FROM (\n${sql.replace(/[\s;]+$/, '')}\n) LIMIT 1`));
          } catch {
            // not a query: nothing to take the values from
          }
        }
        const rs = toResultSet(batches.length ? new Table(batches) : new Table(reader.schema ?? []));
        return truncated ? { ...rs, truncated } : rs;
      } catch (e) {
        if (cancelled || e instanceof QueryCancelled) throw new QueryCancelled();
        return fail(e, sql);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    });

  return {
    mode,
    instantiateMs,
    bundle: 'eh',
    async query(sql) {
      return (await runQuery(sql)).rows();
    },
    run(sql, options = {}) {
      return options.signal ? runStreaming(sql, options) : runQuery(sql);
    },
    async copyTo(sql, format) {
      // DuckDB writes CSV itself; Parquet and JSON need extensions duckdb-wasm does not ship.
      if (format === 'parquet') return resultToParquet(await runQuery(sql));
      if (format === 'json') return new TextEncoder().encode(JSON.stringify((await runQuery(sql)).rows()));
      return serial(async () => {
        const name = `export-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`;
        await db.registerEmptyFileBuffer(name);
        try {
          await conn.query(`COPY (${sql}) TO '${name}' (FORMAT csv, HEADER)`);
          return await db.copyFileToBuffer(name);
        } catch (e) {
          return fail(e, sql);
        } finally {
          await db.dropFile(name);
        }
      });
    },
    async exec(sql) {
      await runQuery(sql);
    },
    insertIpc(bytes, table) {
      return serial(() => conn.insertArrowFromIPCStream(bytes, { name: table.name, schema: table.schema, create: table.create }));
    },
    registerFile(name, bytes) {
      return serial(() => db.registerFileBuffer(name, bytes));
    },
    dropFile(name) {
      return serial(async () => {
        await db.dropFile(name);
      });
    },
    async *streamIpc(sql, signal) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await new Promise<void>((started) => void serial(() => (started(), held)));
      let complete = false;
      let cancelled = false;
      const onAbort = () => {
        cancelled = true;
        void conn.cancelSent().catch(() => undefined);
      };
      signal?.addEventListener('abort', onAbort);
      try {
        if (signal?.aborted) throw new QueryCancelled();
        let reader;
        try {
          reader = await conn.send(sql, true);
        } catch (e) {
          fail(e, sql); // a cancelled query's error becomes QueryCancelled below
        }
        let group: RecordBatch[] = [];
        const piece = () => {
          // duckdb-wasm streams ENUM columns without their values (duckdb-wasm#1548); the store's
          // tables have none, and a caller streaming one must cast it to text.
          if (lacksDictionaries(group)) throw new QueryError('An ENUM column cannot be streamed: cast it to VARCHAR.', sql);
          const ipc = batchesToIpc(group, reader!.schema);
          group = [];
          return ipc;
        };
        let pieces = 0;
        for await (const batch of reader!) {
          if (cancelled) break;
          group.push(batch);
          if (group.length >= IPC_PIECE_BATCHES) {
            pieces++;
            yield piece();
          }
        }
        if (cancelled) throw new QueryCancelled();
        // The last batches, or the empty result's schema.
        if (group.length || !pieces) yield piece();
        complete = true;
      } catch (e) {
        throw cancelled ? new QueryCancelled() : e;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        // Left early (the caller stopped, or failed): DuckDB stops producing the rest.
        if (!complete) await conn.cancelSent().catch(() => undefined);
        release();
      }
    },
    async session() {
      return wrap(db, await db.connect(), mode, instantiateMs, false);
    },
    async close() {
      await serial(async () => {
        await conn.close();
        if (owner) await db.terminate();
      });
    },
  };
}

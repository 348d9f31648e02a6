/**
 * A Node DuckDB (duckdb-wasm's blocking build) behind the app's Connector interface, for unit
 * tests of SQL builders and store code. Each call to openTestDb() gives a fresh in-memory db.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connector } from '../../../src/db/types';
import { resultToParquet } from '../../../src/db/parquet';
import { toResultSet } from '../../../src/db/result-set';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');

export interface TestDb extends Connector {
  /** Runs statements synchronously (setup helper). */
  exec(sql: string): void;
  /** Inserts Arrow IPC stream bytes as a table. */
  insertIpc(bytes: Uint8Array, table: string, create?: boolean): void;
  close(): void;
}

let dbPromise: Promise<any> | undefined;

async function sharedInstance(): Promise<any> {
  dbPromise ??= (async () => {
    const db = await duckdb.createDuckDB(
      {
        mvp: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'), mainWorker: '' },
        eh: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'), mainWorker: '' },
      },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await db.instantiate();
    return db;
  })();
  return dbPromise;
}

/**
 * A connection of duckdb-wasm's own API (`query`, `send`…) to a fresh in-memory database, for
 * tests of what that API returns; openTestDb wraps one in the app's Connector.
 */
export async function openRawConnection(): Promise<any> {
  const db = await sharedInstance();
  db.open({ path: ':memory:' });
  return db.connect();
}

/** Opens a fresh in-memory database (each test file gets its own DuckDB database). */
export async function openTestDb(): Promise<TestDb> {
  const conn = await openRawConnection();
  // Extensions (json, parquet...) are not built into duckdb-wasm and cannot be fetched: fail fast.
  conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false`);
  const run = (sql: string) => toResultSet(conn.query(sql));
  return {
    async query(sql) {
      return run(sql).rows();
    },
    async run(sql) {
      return run(sql);
    },
    async copyTo(sql, format) {
      // Same split as the browser connector: DuckDB writes CSV; Parquet and JSON are written in JS.
      if (format === 'parquet') return resultToParquet(run(sql));
      if (format === 'json') return new TextEncoder().encode(JSON.stringify(run(sql).rows()));
      // The Node runtime writes COPY targets to the real file system: use a temp file.
      const name = join(tmpdir(), `lens-copy-${process.pid}-${Math.random().toString(36).slice(2)}.csv`);
      conn.query(`COPY (${sql}) TO '${name}' (FORMAT csv, HEADER)`);
      const bytes = new Uint8Array(readFileSync(name));
      rmSync(name, { force: true });
      return bytes;
    },
    exec(sql) {
      conn.query(sql);
    },
    insertIpc(bytes, table, create = true) {
      const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
      conn.insertArrowFromIPCStream(bytes, { name, schema, create });
    },
    close() {
      conn.close();
    },
  };
}

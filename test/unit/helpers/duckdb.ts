/**
 * A Node DuckDB (duckdb-wasm's blocking build) behind the app's Connector interface, for unit
 * tests of SQL builders and store code. Each call to openTestDb() gives a fresh in-memory db.
 */
import { createRequire } from 'node:module';
import type { ColumnMeta, Connector, ResultSet, Row } from '../../../src/db/types';
import { plainValue } from '../../../src/db/values';

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

function toResultSet(table: any): ResultSet {
  const columns: ColumnMeta[] = table.schema.fields.map((f: any) => ({ name: f.name, type: String(f.type) }));
  const vectors = columns.map((_, i) => table.getChildAt(i));
  const types = table.schema.fields.map((f: any) => f.type);
  const cell = (r: number, c: number) => plainValue(vectors[c].get(r), types[c]);
  return {
    columns,
    rowCount: table.numRows,
    cell,
    rows(start = 0, end = table.numRows) {
      const out: Row[] = [];
      for (let r = start; r < Math.min(end, table.numRows); r++) {
        const row: Row = {};
        columns.forEach((col, c) => (row[col.name] = cell(r, c)));
        out.push(row);
      }
      return out;
    },
  };
}

/** Opens a fresh in-memory database (each test file gets its own DuckDB database). */
export async function openTestDb(): Promise<TestDb> {
  const db = await sharedInstance();
  db.open({ path: ':memory:' });
  const conn = db.connect();
  const run = (sql: string) => toResultSet(conn.query(sql));
  return {
    async query(sql) {
      return run(sql).rows();
    },
    async run(sql) {
      return run(sql);
    },
    async copyTo(sql, format) {
      const name = `copy_${Math.random().toString(36).slice(2)}.${format}`;
      conn.query(`COPY (${sql}) TO '${name}' (FORMAT ${format})`);
      const bytes: Uint8Array = db.copyFileToBuffer(name);
      db.dropFile(name);
      return bytes;
    },
    exec(sql) {
      conn.query(sql);
    },
    insertIpc(bytes, table, create = true) {
      conn.insertArrowFromIPCStream(bytes, { name: table, create });
    },
    close() {
      conn.close();
    },
  };
}

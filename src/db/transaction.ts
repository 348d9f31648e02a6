/**
 * Statements that take effect together, over any connection that can run SQL: the app's
 * Database, or a unit test's Node DuckDB (whose `exec` is synchronous).
 */
import type { Row } from './types';

/** What running statements needs of a connection. */
export interface Executor {
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void> | void;
}

/**
 * Runs `fn` in one transaction on `db`: committed when it resolves, rolled back when it throws
 * (for reads, one consistent snapshot).
 */
export async function inTransaction<T>(db: Executor, fn: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await db.exec('COMMIT');
    return out;
  } catch (e) {
    await quietly(db, 'ROLLBACK');
    throw e;
  }
}

/** Runs `statements` in order in one transaction: all of them take effect, or none. */
export function execInTransaction(db: Executor, statements: readonly string[]): Promise<void> {
  return inTransaction(db, async () => {
    for (const sql of statements) await db.exec(sql);
  });
}

/** Runs a statement whose failure changes nothing for the caller (ROLLBACK, CHECKPOINT). */
export async function quietly(db: Executor, sql: string): Promise<void> {
  try {
    await db.exec(sql);
  } catch {
    // ROLLBACK after a failed statement; CHECKPOINT with a transaction open elsewhere.
  }
}

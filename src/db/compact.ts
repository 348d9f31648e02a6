/**
 * Keeps a dataset table's row groups in time order (see db/layout.ts): picks the order a load
 * appends in, and compacts a table whose groups no longer follow time — measures the layout from
 * DuckDB's metadata, and when a narrow date filter reads too much of the table, rewrites it in
 * time order in one transaction. Rollups and other tables are not touched: the rows, and so
 * every figure, stay the same.
 */
import type { Dataset } from '../domain/columns';
import {
  compactStatements,
  dayCountsSql,
  insertGroupsSql,
  insertOrder,
  needsCompaction,
  rowGroupRangesSql,
  scanFraction,
  sliceBoundaries,
  type GroupRange,
  type InsertOrder,
} from './layout';
import type { Workspace } from './merge-sql';
import { execInTransaction, quietly, type Executor } from './transaction';

export interface Compaction {
  readonly dataset: Dataset;
  /** Share of the rows a one-instant date filter read before and reads after. */
  readonly before: number;
  readonly after: number;
  readonly ms: number;
}

export async function rowGroups(db: Executor, dataset: Dataset): Promise<GroupRange[]> {
  return groupRanges(await db.query(rowGroupRangesSql(dataset)));
}

function groupRanges(rows: readonly Record<string, unknown>[]): GroupRange[] {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({ n: Number(r.n), lo: n(r.lo), hi: n(r.hi) }));
}

/**
 * The order a load appends its records in (after the merge's `prepare`; see `insertOrder`). A
 * large load keeps file order without asking: DuckDB-WASM cannot spill a sort of millions of
 * wide rows, and the compaction after the load sorts in slices if the layout calls for it.
 */
export async function chooseInsertOrder(db: Executor, ws: Workspace): Promise<InsertOrder> {
  return ws.large ? 'file' : insertOrder(groupRanges(await db.query(insertGroupsSql(ws))));
}

export interface CompactOptions {
  /** Rewrite even when the layout is fine. */
  readonly force?: boolean;
  /** Rows per sorted slice (default SLICE_ROWS). */
  readonly sliceRows?: number;
}

/**
 * Rewrites the table in time order when its layout calls for it (or always, with `force`).
 * Returns what it did, or null when the table was left as it was. A failure rolls back.
 */
export async function compactIfNeeded(db: Executor, dataset: Dataset, options: CompactOptions = {}): Promise<Compaction | null> {
  const t0 = performance.now();
  const groups = await rowGroups(db, dataset);
  if (!options.force && !needsCompaction(groups)) return null;
  return compactTable(db, dataset, groups, options, t0);
}

/** Rewrites the table in time order; `groups` is its layout before (rowGroups). */
export async function compactTable(db: Executor, dataset: Dataset, groups: readonly GroupRange[], options: CompactOptions = {}, t0 = performance.now()): Promise<Compaction> {
  const days = (await db.query(dayCountsSql(dataset))).map((r) => ({ day: Number(r.day), n: Number(r.n) }));
  await execInTransaction(db, compactStatements(dataset, sliceBoundaries(days, options.sliceRows)));
  await quietly(db, 'CHECKPOINT');
  const after = scanFraction(await rowGroups(db, dataset));
  return { dataset, before: scanFraction(groups)?.actual ?? 1, after: after?.actual ?? 1, ms: performance.now() - t0 };
}

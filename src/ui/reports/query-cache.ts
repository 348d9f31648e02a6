/**
 * Query results by SQL text, shared by all report cards: a report whose SQL did not change
 * (a filter it ignores, a spec-only parameter) is redrawn without touching the database.
 * Failed queries are not kept. Cleared after an ingest.
 */
import type { Connector, Row } from '../../db/types';

/** An LRU of query results by SQL text. */
export class QueryCache {
  private readonly entries = new Map<string, Promise<Row[]>>();

  constructor(
    private readonly db: Connector,
    private readonly max = 48,
  ) {}

  /** The rows of `sql`, from the cache when present. */
  rows(sql: string): Promise<Row[]> {
    const hit = this.entries.get(sql);
    if (hit) {
      this.entries.delete(sql);
      this.entries.set(sql, hit);
      return hit;
    }
    const p = this.db.query(sql);
    this.entries.set(sql, p);
    p.catch(() => this.entries.get(sql) === p && this.entries.delete(sql));
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Memoizes the last derived rows per report: the statistics are recomputed only when their input changes. */
export class DerivedCache {
  private readonly last = new Map<string, { raw: Row[]; key: string; rows: Row[] }>();

  get(id: string, raw: Row[], key: string, compute: () => Row[]): Row[] {
    const hit = this.last.get(id);
    if (hit && hit.raw === raw && hit.key === key) return hit.rows;
    const rows = compute();
    this.last.set(id, { raw, key, rows });
    return rows;
  }

  clear(): void {
    this.last.clear();
  }
}

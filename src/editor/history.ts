/**
 * Query history: every run, newest first, persisted in a KeyValueStore, capped, searchable and
 * de-duplicated (running the same SQL again moves it to the top).
 */
import { rowsLabel } from './format';
import { readJson, writeJson, type KeyValueStore } from './storage';

/** How a run ended: as the script runner's outcomes (refused: stopped by the read-only guard). */
export type HistoryOutcome = 'ok' | 'error' | 'cancelled' | 'refused';

const OUTCOMES: readonly string[] = ['ok', 'error', 'cancelled', 'refused'] satisfies HistoryOutcome[];

/** One run of SQL. */
export interface HistoryEntry {
  readonly sql: string;
  /** When it ran, epoch ms. */
  readonly at: number;
  /** Whether it succeeded (kept beside `outcome` so that earlier builds still read the list). */
  readonly ok: boolean;
  /** How it ended; absent in entries stored before it was recorded. */
  readonly outcome?: HistoryOutcome;
  /** Rows returned, when it succeeded. */
  readonly rows?: number;
  /** Elapsed milliseconds. */
  readonly ms?: number;
  /** For a failed script: the statement that failed (1-based) and how many it had. */
  readonly failedAt?: number;
  readonly statements?: number;
}

/** Storage key of the history list. */
export const HISTORY_KEY = 'denver-lens.sql.history.v1';
/** Most entries kept. */
export const HISTORY_CAP = 200;

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as HistoryEntry;
  return (
    !!e &&
    typeof e.sql === 'string' &&
    typeof e.at === 'number' &&
    typeof e.ok === 'boolean' &&
    (e.outcome === undefined || OUTCOMES.includes(e.outcome)) &&
    (e.failedAt === undefined || typeof e.failedAt === 'number') &&
    (e.statements === undefined || typeof e.statements === 'number')
  );
}

/** How an entry's run ended; an entry stored with only `ok` ended `ok` or in an `error`. */
export function outcomeOf(entry: HistoryEntry): HistoryOutcome {
  return entry.outcome ?? (entry.ok ? 'ok' : 'error');
}

/**
 * What the history list says of a run: its rows, `failed` (`statement 3 of 5 failed` for a script
 * whose first statements ran), `cancelled` or `refused`.
 */
export function outcomeLabel(entry: HistoryEntry): string {
  switch (outcomeOf(entry)) {
    case 'ok':
      return rowsLabel(entry.rows ?? 0);
    case 'error':
      return entry.failedAt !== undefined && entry.statements !== undefined && entry.statements > 1
        ? `statement ${entry.failedAt} of ${entry.statements} failed`
        : 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'refused':
      return 'refused';
  }
}

function isEntries(v: unknown): v is HistoryEntry[] {
  return Array.isArray(v) && v.every(isEntry);
}

/** The history list, backed by a store. */
export class QueryHistory {
  private entries: HistoryEntry[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly cap = HISTORY_CAP,
    private readonly key = HISTORY_KEY,
  ) {
    this.entries = readJson(store, key, [], isEntries).slice(0, cap);
  }

  /** Records a run; the same SQL (ignoring surrounding whitespace) keeps only its newest entry. */
  add(entry: HistoryEntry): void {
    const sql = entry.sql.trim();
    if (!sql) return;
    this.entries = [{ ...entry, sql }, ...this.entries.filter((e) => e.sql !== sql)].slice(0, this.cap);
    this.save();
  }

  /** Entries, newest first, whose SQL contains every whitespace-separated term (any case). */
  search(query = ''): HistoryEntry[] {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [...this.entries];
    return this.entries.filter((e) => {
      const text = e.sql.toLowerCase();
      return terms.every((t) => text.includes(t));
    });
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.length;
  }

  /** Removes every entry. */
  clear(): void {
    this.entries = [];
    this.save();
  }

  /** Persists; when the store is full, keeps dropping the oldest half until it fits. */
  private save(): void {
    while (!writeJson(this.store, this.key, this.entries) && this.entries.length > 1) {
      this.entries = this.entries.slice(0, Math.ceil(this.entries.length / 2));
    }
  }
}

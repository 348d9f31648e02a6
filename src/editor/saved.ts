/**
 * Saved, named queries, persisted in a KeyValueStore. Saving other SQL under an existing name is
 * refused unless the caller says to replace it (the user confirmed).
 */
import { readJson, writeJson, type KeyValueStore } from './storage';

/** A query saved under a name. */
export interface SavedQuery {
  readonly name: string;
  readonly sql: string;
  /** Epoch ms of the last save. */
  readonly savedAt: number;
}

/** What a save did. */
export type SaveResult = 'saved' | 'exists' | 'blank' | 'full';

/** Storage key of the saved-query list. */
export const SAVED_KEY = 'denver-lens.sql.saved.v1';

function isSaved(v: unknown): v is SavedQuery[] {
  return (
    Array.isArray(v) &&
    v.every((q) => !!q && typeof q.name === 'string' && typeof q.sql === 'string' && typeof q.savedAt === 'number')
  );
}

/** The saved-query list, sorted by name. */
export class SavedQueries {
  private items: SavedQuery[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly key = SAVED_KEY,
  ) {
    this.items = readJson(store, key, [], isSaved);
  }

  /**
   * Saves a query: `saved`; `exists` when another query has that name and `replace` is not set
   * (nothing changes); `blank` for a blank name; `full` when the store refused it.
   */
  save(name: string, sql: string, now = Date.now(), replace = false): SaveResult {
    const n = name.trim();
    if (!n) return 'blank';
    const old = this.get(n);
    if (old && old.sql !== sql && !replace) return 'exists';
    const next = [...this.items.filter((q) => q.name !== n), { name: n, sql, savedAt: now }];
    if (!writeJson(this.store, this.key, next)) return 'full';
    this.items = next;
    return 'saved';
  }

  /** Deletes a saved query by name. */
  remove(name: string): void {
    this.items = this.items.filter((q) => q.name !== name);
    writeJson(this.store, this.key, this.items);
  }

  /** The query saved under `name`, if any. */
  get(name: string): SavedQuery | undefined {
    return this.items.find((q) => q.name === name);
  }

  /** All saved queries, sorted by name (case-insensitive). */
  list(): SavedQuery[] {
    return [...this.items].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }
}

/** Storage key of the editor's unsaved text (the draft). */
export const DRAFT_KEY = 'denver-lens.sql.draft.v1';

/** How long typing must pause before the draft is written, ms. */
export const DRAFT_DELAY_MS = 400;

interface StoredDraft {
  readonly sql: string;
  readonly savedAt: number;
}

function isDraft(v: unknown): v is StoredDraft {
  const d = v as StoredDraft;
  return !!d && typeof d.sql === 'string' && typeof d.savedAt === 'number';
}

/**
 * The editor's text, kept across reloads: `schedule` saves it once typing pauses (the latest text
 * wins), `flush` saves at once (page hidden or closed), `load` gives it back. Blank text clears it.
 */
export class EditorDraft {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: string | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly delayMs = DRAFT_DELAY_MS,
    private readonly key = DRAFT_KEY,
  ) {}

  /** The saved draft, or null when there is none. */
  load(): string | null {
    return readJson<StoredDraft | null>(this.store, this.key, null, isDraft)?.sql ?? null;
  }

  /** Saves `sql` after the delay, unless another call comes first. */
  schedule(sql: string): void {
    this.pending = sql;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes the scheduled text now; false when the store refused it. */
  flush(now = Date.now()): boolean {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const sql = this.pending;
    this.pending = null;
    if (sql === null) return true;
    if (!sql.trim()) {
      this.store.removeItem(this.key);
      return true;
    }
    return writeJson(this.store, this.key, { sql, savedAt: now } satisfies StoredDraft);
  }
}

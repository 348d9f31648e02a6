/**
 * JSON values in a Web Storage (localStorage in the app, an in-memory stub in tests). Reads
 * survive corrupt or missing entries; writes that hit the quota report failure instead of throwing.
 */

/** The part of the Web Storage API the editor uses. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Reads a JSON value, or `fallback` when absent, unreadable or rejected by `valid`. */
export function readJson<T>(store: KeyValueStore, key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = store.getItem(key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Writes a JSON value; false when the store refused it (quota, privacy mode). */
export function writeJson(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** An in-memory store: the fallback when localStorage is unavailable, and the test stub. */
export function memoryStore(): KeyValueStore & { readonly size: number } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    get size() {
      return map.size;
    },
  };
}

/** localStorage when it works, else an in-memory store. */
export function browserStore(): KeyValueStore {
  try {
    const s = globalThis.localStorage;
    const probe = '__denver_lens_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return memoryStore();
  }
}

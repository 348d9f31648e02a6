import { afterEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_KEY, QueryHistory, outcomeLabel, outcomeOf } from '../../../src/editor/history';
import { DRAFT_KEY, EditorDraft, SavedQueries } from '../../../src/editor/saved';
import { memoryStore, type KeyValueStore } from '../../../src/editor/storage';

const entry = (sql: string, at = 1) => ({ sql, at, ok: true, rows: 1, ms: 2 });

describe('editor/history', () => {
  it('persists across instances (a reload)', () => {
    const store = memoryStore();
    new QueryHistory(store).add(entry('SELECT 1'));
    expect(new QueryHistory(store).search().map((e) => e.sql)).toEqual(['SELECT 1']);
  });

  it('keeps newest first and de-duplicates', () => {
    const h = new QueryHistory(memoryStore());
    h.add(entry('SELECT 1', 1));
    h.add(entry('SELECT 2', 2));
    h.add(entry('  SELECT 1\n', 3));
    expect(h.search().map((e) => [e.sql, e.at])).toEqual([
      ['SELECT 1', 3],
      ['SELECT 2', 2],
    ]);
  });

  it('caps the list', () => {
    const h = new QueryHistory(memoryStore(), 3);
    for (let i = 0; i < 5; i++) h.add(entry(`SELECT ${i}`, i));
    expect(h.search().map((e) => e.sql)).toEqual(['SELECT 4', 'SELECT 3', 'SELECT 2']);
  });

  it('searches every term, ignoring case', () => {
    const h = new QueryHistory(memoryStore());
    h.add(entry('SELECT * FROM service_requests'));
    h.add(entry('select count(*) from traffic_accidents'));
    expect(h.search('SERVICE').map((e) => e.sql)).toEqual(['SELECT * FROM service_requests']);
    expect(h.search('select  count').length).toBe(1);
    expect(h.search('from').length).toBe(2);
    expect(h.search('nothing').length).toBe(0);
  });

  it('ignores blank SQL and survives corrupt storage', () => {
    const store = memoryStore();
    store.setItem(HISTORY_KEY, '{not json');
    const h = new QueryHistory(store);
    expect(h.size).toBe(0);
    h.add(entry('   '));
    expect(h.size).toBe(0);
    store.setItem(HISTORY_KEY, JSON.stringify([{ sql: 1 }]));
    expect(new QueryHistory(store).size).toBe(0);
  });

  it('records how a run ended: a cancelled or refused run is not "failed" (regression)', () => {
    const store = memoryStore();
    const h = new QueryHistory(store);
    h.add({ sql: 'SELECT 1', at: 1, ok: true, outcome: 'ok', rows: 1, ms: 2 });
    h.add({ sql: 'SELECT nope', at: 2, ok: false, outcome: 'error', ms: 2 });
    h.add({ sql: 'SELECT count(*) FROM range(1e10)', at: 3, ok: false, outcome: 'cancelled', ms: 900 });
    h.add({ sql: 'DROP TABLE service_requests', at: 4, ok: false, outcome: 'refused', ms: 0 });
    const again = new QueryHistory(store).search();
    expect(again.map(outcomeOf)).toEqual(['refused', 'cancelled', 'error', 'ok']);
    expect(again.map(outcomeLabel)).toEqual(['refused', 'cancelled', 'failed', '1 row']);
  });

  it('reads entries stored before the outcome was recorded as before: rows or "failed"', () => {
    const store = memoryStore();
    store.setItem(HISTORY_KEY, JSON.stringify([
      { sql: 'SELECT bad', at: 2, ok: false, ms: 3 },
      { sql: 'SELECT 1 UNION ALL SELECT 2', at: 1, ok: true, rows: 1234, ms: 2 },
    ]));
    const entries = new QueryHistory(store).search();
    expect(entries.map(outcomeOf)).toEqual(['error', 'ok']);
    expect(entries.map(outcomeLabel)).toEqual(['failed', '1,234 rows']);
  });

  it('drops a stored list with an unknown outcome, as any corrupt list', () => {
    const store = memoryStore();
    store.setItem(HISTORY_KEY, JSON.stringify([{ sql: 'SELECT 1', at: 1, ok: true, outcome: 'maybe' }]));
    expect(new QueryHistory(store).size).toBe(0);
  });

  it('shrinks when the store is full', () => {
    const inner = memoryStore();
    const store: KeyValueStore = {
      ...inner,
      getItem: (k) => inner.getItem(k),
      removeItem: (k) => inner.removeItem(k),
      setItem(k, v) {
        if (v.length > 200) throw new DOMException('full', 'QuotaExceededError');
        inner.setItem(k, v);
      },
    };
    const h = new QueryHistory(store);
    for (let i = 0; i < 10; i++) h.add(entry(`SELECT ${i}`, i));
    expect(h.size).toBeGreaterThan(0);
    expect(new QueryHistory(store).search()[0].sql).toBe('SELECT 9');
  });
});

describe('editor/history: a script that failed part way', () => {
  it('says which statement failed, and keeps it across a reload', () => {
    const store = memoryStore();
    new QueryHistory(store).add({ sql: 'SELECT 1; SELECT 2; SELECT x', at: 1, ok: false, outcome: 'error', failedAt: 3, statements: 3 });
    new QueryHistory(store).add({ sql: 'SELECT y', at: 2, ok: false, outcome: 'error', failedAt: 1, statements: 1 });
    expect(new QueryHistory(store).search().map(outcomeLabel)).toEqual(['failed', 'statement 3 of 3 failed']);
  });
});

describe('editor/saved', () => {
  it('saves, replaces, lists by name and deletes', () => {
    const store = memoryStore();
    const s = new SavedQueries(store);
    expect(s.save('b', 'SELECT 2', 1)).toBe('saved');
    expect(s.save('A', 'SELECT 1', 2)).toBe('saved');
    expect(s.save('b', 'SELECT 22', 3, true)).toBe('saved');
    expect(s.save('  ', 'SELECT 3')).toBe('blank');
    const again = new SavedQueries(store);
    expect(again.list().map((q) => [q.name, q.sql])).toEqual([
      ['A', 'SELECT 1'],
      ['b', 'SELECT 22'],
    ]);
    again.remove('A');
    expect(new SavedQueries(store).list().map((q) => q.name)).toEqual(['b']);
    expect(again.get('b')?.sql).toBe('SELECT 22');
  });
});

describe('editor/saved: overwriting', () => {
  it('refuses to replace another query under the same name unless told to', () => {
    const store = memoryStore();
    const s = new SavedQueries(store);
    expect(s.save('weekly', 'SELECT 1', 1)).toBe('saved');
    expect(s.save(' weekly ', 'SELECT 2', 2)).toBe('exists');
    expect(new SavedQueries(store).get('weekly')).toEqual({ name: 'weekly', sql: 'SELECT 1', savedAt: 1 });
    // The same SQL again only updates its time; confirmed, other SQL replaces it.
    expect(s.save('weekly', 'SELECT 1', 3)).toBe('saved');
    expect(s.save('weekly', 'SELECT 2', 4, true)).toBe('saved');
    expect(new SavedQueries(store).get('weekly')).toEqual({ name: 'weekly', sql: 'SELECT 2', savedAt: 4 });
    expect(s.list().length).toBe(1);
  });

  it('says when the store is full', () => {
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => undefined };
    expect(new SavedQueries(full).save('x', 'SELECT 1')).toBe('full');
  });
});

describe('editor/saved: the draft', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps the editor text across a reload once typing pauses, the latest text winning', () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const d = new EditorDraft(store, 400);
    expect(d.load()).toBeNull();
    d.schedule('SELECT 1');
    d.schedule('SELECT 12');
    expect(store.getItem(DRAFT_KEY)).toBeNull();
    vi.advanceTimersByTime(399);
    expect(store.getItem(DRAFT_KEY)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(new EditorDraft(store).load()).toBe('SELECT 12');
  });

  it('saves at once on flush, clears on blank text and survives a corrupt entry or a full store', () => {
    const store = memoryStore();
    const d = new EditorDraft(store, 10_000);
    d.schedule('SELECT 2');
    expect(d.flush()).toBe(true);
    expect(new EditorDraft(store).load()).toBe('SELECT 2');
    d.schedule('  \n');
    d.flush();
    expect(store.getItem(DRAFT_KEY)).toBeNull();
    store.setItem(DRAFT_KEY, '{not json');
    expect(new EditorDraft(store).load()).toBeNull();
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => undefined };
    const f = new EditorDraft(full);
    f.schedule('SELECT 3');
    expect(f.flush()).toBe(false);
  });
});

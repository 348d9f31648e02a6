/**
 * The editor's query in flight is known outside the editor, and can be cancelled from there as
 * well as from the editor's own signal (regression: a long editor query left every report
 * loading, unexplained, for minutes).
 */
import { describe, expect, it } from 'vitest';
import { EditorActivity, type EditorRun } from '../../../src/app/editor-activity';
import { QueryCancelled, type Connector, type ResultSet } from '../../../src/db/types';

/** A connector whose `run` lasts until it is aborted or released. */
function slowDb() {
  let release: () => void = () => undefined;
  const db: Connector = {
    query: async () => [],
    copyTo: async () => new Uint8Array(),
    run: (_sql, options) =>
      new Promise<ResultSet>((resolve, reject) => {
        release = () => resolve({} as ResultSet);
        if (options?.signal?.aborted) reject(new QueryCancelled());
        options?.signal?.addEventListener('abort', () => reject(new QueryCancelled()), { once: true });
      }),
  };
  return { db, release: () => release() };
}

describe('app/editor-activity', () => {
  it('knows the editor run in flight and since when, and forgets it when it ends', async () => {
    const a = new EditorActivity();
    const seen: (EditorRun | null)[] = [];
    a.subscribe((r) => seen.push(r));
    const { db, release } = slowDb();
    const p = a.wrap(db, () => 1234).run('SELECT 1');
    expect(a.current?.since).toBe(1234);
    release();
    await p;
    expect(a.current).toBeNull();
    expect(seen.map((r) => r?.since ?? null)).toEqual([1234, null]);
  });

  it('cancels the run from outside the editor', async () => {
    const a = new EditorActivity();
    const { db } = slowDb();
    const p = a.wrap(db).run('SELECT 1');
    a.current!.cancel();
    await expect(p).rejects.toBeInstanceOf(QueryCancelled);
    expect(a.current).toBeNull();
  });

  it('passes the run options on (the cap on a result the grid holds) and the stream of a whole result', async () => {
    const seen: unknown[] = [];
    const stream = async function* () {
      yield new Uint8Array([1]);
    };
    const db: Connector = { query: async () => [], copyTo: async () => new Uint8Array(), run: async (_sql, options) => (seen.push(options?.maxBytes), {} as ResultSet), streamIpc: stream };
    const wrapped = new EditorActivity().wrap(db);
    await wrapped.run('SELECT 1', { maxBytes: 1234 });
    expect(seen).toEqual([1234]);
    const pieces: Uint8Array[] = [];
    for await (const p of wrapped.streamIpc!('SELECT 1')) pieces.push(p);
    expect(pieces).toEqual([new Uint8Array([1])]);
    expect(new EditorActivity().wrap({ ...db, streamIpc: undefined }).streamIpc).toBeUndefined();
  });

  it('tracks a streamed result like a run: cancelling it from outside ends the stream, and the source is closed', async () => {
    const a = new EditorActivity();
    let closed = false;
    const stream = async function* () {
      try {
        for (let i = 0; ; i++) yield new Uint8Array([i]);
      } finally {
        closed = true;
      }
    };
    const db: Connector = { query: async () => [], copyTo: async () => new Uint8Array(), run: async () => ({}) as ResultSet, streamIpc: stream };
    const seen: number[] = [];
    const read = (async () => {
      for await (const p of a.wrap(db, () => 99).streamIpc!('SELECT 1')) {
        seen.push(p[0]);
        if (seen.length === 3) a.current!.cancel();
      }
    })();
    await expect(read).rejects.toBeInstanceOf(QueryCancelled);
    expect(seen).toEqual([0, 1, 2]);
    expect(closed).toBe(true);
    expect(a.current).toBeNull();
  });

  it("hands the stream a signal that cancelling (from outside or by the editor's own signal) aborts, before its first piece too", async () => {
    // A source that heeds the signal as Database.streamIpc does: nothing yet (DuckDB still
    // sorting, say) until it is aborted.
    const signals: AbortSignal[] = [];
    const stream = (_sql: string, signal?: AbortSignal) =>
      (async function* () {
        signals.push(signal!);
        await new Promise((_, reject) => signal!.addEventListener('abort', () => reject(new QueryCancelled()), { once: true }));
        yield new Uint8Array([1]);
      })();
    const db: Connector = { query: async () => [], copyTo: async () => new Uint8Array(), run: async () => ({}) as ResultSet, streamIpc: stream };
    const a = new EditorActivity();
    const drain = async (it: AsyncIterable<Uint8Array>) => {
      for await (const _ of it) void _;
    };
    const fromOutside = drain(a.wrap(db).streamIpc!('SELECT 1'));
    await Promise.resolve();
    a.current!.cancel();
    await expect(fromOutside).rejects.toBeInstanceOf(QueryCancelled);
    const ctl = new AbortController();
    const fromEditor = drain(a.wrap(db).streamIpc!('SELECT 1', ctl.signal));
    await Promise.resolve();
    ctl.abort();
    await expect(fromEditor).rejects.toBeInstanceOf(QueryCancelled);
    expect(signals.length).toBe(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(a.current).toBeNull();
  });

  it("still obeys the editor's own signal, also one aborted before the run", async () => {
    const a = new EditorActivity();
    const { db } = slowDb();
    const ctl = new AbortController();
    const p = a.wrap(db).run('SELECT 1', { signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toBeInstanceOf(QueryCancelled);
    const early = new AbortController();
    early.abort();
    await expect(a.wrap(slowDb().db).run('SELECT 1', { signal: early.signal })).rejects.toBeInstanceOf(QueryCancelled);
    expect(a.current).toBeNull();
  });
});

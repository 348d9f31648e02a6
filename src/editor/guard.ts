/**
 * The read-only guard: by default the editor runs only queries, catalog reads, settings and
 * temporary objects (not named like one of the store's tables or views or a built-in function:
 * the reports share the editor's connection, and would read the temporary one). The statement's leading keywords decide the kind (./classify); a statement
 * that looks like a query is confirmed by DuckDB's parser (./parser-probe). Anything that may
 * write, or that cannot be classified, is refused unless the user allowed writes.
 */
import { classifyTokens, type Verdict } from './classify';
import { refusedMessage, shadowMessage, unknownMessage } from './messages';
import type { SqlParser } from './parser-probe';

/** What the guard needs to decide. */
export interface GuardOptions {
  /** The "allow writes" checkbox. */
  readonly allowWrites: boolean;
  /** DuckDB's parser; null skips the confirmation (token classification only). */
  readonly parser: SqlParser | null;
}

/** The guard's decision, with the message for a refusal. */
export type GuardResult =
  | { readonly ok: true; readonly verdict: Verdict }
  | { readonly ok: false; readonly verdict: Verdict; readonly message: string };

/** Decides whether one statement may run. */
export async function checkStatement(sql: string, options: GuardOptions): Promise<GuardResult> {
  const tc = classifyTokens(sql);
  if (options.allowWrites) return { ok: true, verdict: tc.verdict };
  switch (tc.verdict) {
    case 'write':
      return { ok: false, verdict: tc.verdict, message: refusedMessage(tc.keyword) };
    case 'unknown':
      // Every statement DuckDB knows starts with a keyword the classifier knows; text DuckDB's
      // parser rejects (`SELEC 1`) is let through so that DuckDB's own syntax error is shown.
      // It cannot run, so it changes nothing: a read, as far as what follows a run is concerned
      // (no checkpoint, no recomputed rollups after a typo).
      if (options.parser && (await options.parser.probe(sql)) === 'error') return { ok: true, verdict: 'read' };
      return { ok: false, verdict: tc.verdict, message: unknownMessage(tc.keyword) };
    case 'temp':
      if (tc.creates && (await options.parser?.shadows?.(tc.creates))) {
        return { ok: false, verdict: 'write', message: shadowMessage(tc.creates) };
      }
      return { ok: true, verdict: tc.verdict };
    case 'session':
      return { ok: true, verdict: tc.verdict };
    case 'read': {
      if (!tc.probe || !options.parser) return { ok: true, verdict: 'read' };
      const duck = await options.parser.probe(tc.probe);
      // `error`: DuckDB rejects the text, so running it reports DuckDB's own error and changes nothing.
      if (duck === 'other') return { ok: false, verdict: 'write', message: refusedMessage('duckdb') };
      return { ok: true, verdict: 'read' };
    }
  }
}

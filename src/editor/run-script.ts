/**
 * Runs a script's statements one after another and keeps the last result. Every statement is
 * checked by the read-only guard first, so a refused statement anywhere stops the whole script
 * before anything runs. Errors carry their position in the script (for the editor's underline).
 */
import { QueryCancelled, type Connector, type ResultSet } from '../db/types';
import type { Verdict } from './classify';
import { errorPosition, tidyMessage } from './error-position';
import { checkStatement } from './guard';
import { MSG } from './messages';
import type { SqlParser } from './parser-probe';
import type { Statement } from './split';

/** How to run a script. */
export interface RunScriptOptions {
  readonly allowWrites: boolean;
  readonly parser: SqlParser | null;
  readonly signal?: AbortSignal;
  /** Clock for elapsed time (ms); performance.now by default. */
  readonly now?: () => number;
}

/** What happened: the last result, or why there is none. */
export type RunOutcome =
  | {
      readonly kind: 'ok';
      readonly result: ResultSet;
      /** The statement that produced the result (the last one). */
      readonly statement: Statement;
      /** How each statement was classified, in order. */
      readonly verdicts: readonly Verdict[];
      readonly ms: number;
    }
  | {
      readonly kind: 'refused' | 'error' | 'cancelled';
      readonly message: string;
      /**
       * How the statements checked so far were classified: all of them once the script ran
       * (an error or a cancel may come after some of them changed the store); none ran when refused.
       */
      readonly verdicts: readonly Verdict[];
      /** The statement at fault (none for a cancel). */
      readonly statement: Statement | null;
      /** Script offsets [from, to) to underline, when DuckDB gave a position. */
      readonly range: { readonly from: number; readonly to: number } | null;
      readonly ms: number;
    };

/** Checks, then runs, the statements in order. */
export async function runScript(db: Connector, statements: readonly Statement[], options: RunScriptOptions): Promise<RunOutcome> {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  if (!statements.length) return { kind: 'error', message: MSG.nothingToRun, verdicts: [], statement: null, range: null, ms: 0 };

  const verdicts: Verdict[] = [];
  for (const s of statements) {
    const g = await checkStatement(s.text, options);
    if (!g.ok) {
      return { kind: 'refused', message: g.message, verdicts, statement: s, range: { from: s.from, to: s.to }, ms: now() - t0 };
    }
    verdicts.push(g.verdict);
  }

  let result: ResultSet | null = null;
  for (const s of statements) {
    if (options.signal?.aborted) return cancelled(verdicts, now() - t0);
    try {
      result = await db.run(s.text, options.signal ? { signal: options.signal } : undefined);
    } catch (e) {
      if (e instanceof QueryCancelled || options.signal?.aborted) return cancelled(verdicts, now() - t0);
      const raw = e instanceof Error ? e.message : String(e);
      const pos = errorPosition(raw, s.text);
      const range = pos ? { from: s.from + pos.offset, to: s.from + pos.offset + pos.length } : null;
      return { kind: 'error', message: tidyMessage(raw), verdicts, statement: s, range, ms: now() - t0 };
    }
  }
  return { kind: 'ok', result: result!, statement: statements[statements.length - 1], verdicts, ms: now() - t0 };
}

function cancelled(verdicts: readonly Verdict[], ms: number): RunOutcome {
  return { kind: 'cancelled', message: MSG.cancelled, verdicts, statement: null, range: null, ms };
}

/**
 * Runs a script's statements one after another and keeps the last result. Every statement is
 * checked by the read-only guard first, so a refused statement anywhere stops the whole script
 * before anything runs. Errors carry their position in the script (for the editor's underline)
 * and say which statement failed, on which editor line, and which statements ran before it.
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
  /** Arrow bytes a result may hold (RunOptions.maxBytes; with a signal). */
  readonly maxBytes?: number;
  /** Clock for elapsed time (ms); performance.now by default. */
  readonly now?: () => number;
  /**
   * The text the statements' offsets refer to (the editor's document): an error then names the
   * editor line of the statement and of its LINE n, not the line within the statement.
   */
  readonly script?: string;
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
      /** For an error: which statement failed (1-based) of how many; the ones before it ran. */
      readonly failedAt?: { readonly index: number; readonly count: number };
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
  for (const [k, s] of statements.entries()) {
    if (options.signal?.aborted) return cancelled(verdicts, now() - t0);
    try {
      result = await db.run(s.text, options.signal ? { signal: options.signal, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) } : undefined);
    } catch (e) {
      if (e instanceof QueryCancelled || options.signal?.aborted) return cancelled(verdicts, now() - t0);
      const raw = e instanceof Error ? e.message : String(e);
      const pos = errorPosition(raw, s.text);
      const range = pos ? { from: s.from + pos.offset, to: s.from + pos.offset + pos.length } : null;
      const line = options.script === undefined || s.from < 0 ? null : lineAt(options.script, s.from);
      const message = failureMessage(tidyMessage(raw), k + 1, statements.length, line);
      const failedAt = { index: k + 1, count: statements.length };
      return { kind: 'error', message, verdicts, statement: s, range, ms: now() - t0, failedAt };
    }
  }
  return { kind: 'ok', result: result!, statement: statements[statements.length - 1], verdicts, ms: now() - t0 };
}

function cancelled(verdicts: readonly Verdict[], ms: number): RunOutcome {
  return { kind: 'cancelled', message: MSG.cancelled, verdicts, statement: null, range: null, ms };
}

/** The 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * DuckDB's message for statement `index` of `count`, which starts on editor line `line`: its
 * `LINE n:` blocks renumbered to the editor's lines (the caret kept under its character), and,
 * in a script of several statements, a first line saying which failed and what ran.
 */
export function failureMessage(message: string, index: number, count: number, line: number | null): string {
  const text =
    line === null
      ? message
      : message.replace(/LINE (\d+): (.*)\n( *)\^/g, (_m, n: string, snippet: string, pad: string) => {
          const shifted = String(Number(n) + line - 1);
          return `LINE ${shifted}: ${snippet}\n${' '.repeat(Math.max(0, pad.length + shifted.length - n.length))}^`;
        });
  if (count <= 1) return text;
  const range = (a: number, b: number) => (a === b ? `statement ${a}` : `statements ${a}–${b}`);
  const ran = index > 1 ? `${range(1, index - 1)} ran` : '';
  const skipped = index < count ? `${index > 1 ? range(index + 1, count).replace(/^statements? /, '') : range(index + 1, count)} did not run` : '';
  const where = line === null ? '' : ` (line ${line})`;
  return `Statement ${index} of ${count}${where} failed; ${[ran, skipped].filter(Boolean).join(', ')}.\n${text}`;
}

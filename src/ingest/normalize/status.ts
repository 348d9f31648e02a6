/**
 * Canonical 311 case status.
 *
 * Canonical values: `Open`, `In Progress`, `Pending`, `Escalated`, `Transferred`, `Closed`,
 * `Cancelled`. Matching ignores case, spaces, hyphens and punctuation, and fixes known typos
 * and synonyms:
 * - `New`, `Reopened` → `Open` (not yet worked on; the analysis only asks open vs. closed);
 * - `In-Progress`, `in progress`, `In Process`, `Working` → `In Progress`;
 * - `On Hold`, `Waiting` → `Pending`;
 * - `Transfered`, `Transfer`, `Referred` → `Transferred`;
 * - `Resolved`, `Completed`, `Closed - Answered` (any `Closed…`) → `Closed`;
 * - `Canceled`, `Cancel`, `Void` → `Cancelled`.
 * Whenever the output differs from the trimmed input, that input is returned as `raw` (stored
 * in `status_raw`), so no merge above loses information; padding alone is not a difference. An unknown status is kept as written
 * (trimmed) with `known: false`.
 */

/** A normalized status; `raw` is set only when the file's text differed from `status`. */
export interface StatusResult {
  status: string | null;
  raw?: string;
  known: boolean;
}

const CANON: Record<string, string> = {
  open: 'Open',
  new: 'Open',
  reopened: 'Open',
  reopen: 'Open',
  inprogress: 'In Progress',
  inprogess: 'In Progress',
  inprocess: 'In Progress',
  working: 'In Progress',
  pending: 'Pending',
  onhold: 'Pending',
  hold: 'Pending',
  waiting: 'Pending',
  escalated: 'Escalated',
  transferred: 'Transferred',
  transfered: 'Transferred',
  transfer: 'Transferred',
  referred: 'Transferred',
  closed: 'Closed',
  close: 'Closed',
  resolved: 'Closed',
  completed: 'Closed',
  complete: 'Closed',
  cancelled: 'Cancelled',
  canceled: 'Cancelled',
  cancel: 'Cancelled',
  void: 'Cancelled',
};

/** Prefixes that decide the status of longer texts such as `Closed - Duplicate`. */
const PREFIXES: [string, string][] = [
  ['closed', 'Closed'],
  ['cancel', 'Cancelled'],
  ['transfer', 'Transferred'],
  ['inprogress', 'In Progress'],
  ['open', 'Open'],
];

function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

function compute(value: string): StatusResult {
  const t = value.trim();
  if (t === '' || t === 'NULL' || t === 'null') return { status: null, known: true };
  const k = key(t);
  let status: string | undefined = CANON[k];
  if (status === undefined) status = PREFIXES.find(([p]) => k.startsWith(p))?.[1];
  if (status === undefined) return { status: t, known: false };
  return status === t ? { status, known: true } : { status, raw: t, known: true };
}

const cache = new Map<string, StatusResult>();
const CACHE_LIMIT = 10_000;

/**
 * Canonical status of a `Case Status` value (cached: a file has a handful of distinct values).
 * Blank → `{ status: null }`.
 */
export function normStatus(value: string): StatusResult {
  let r = cache.get(value);
  if (r === undefined) {
    r = compute(value);
    if (cache.size < CACHE_LIMIT) cache.set(value, r);
  }
  return r;
}

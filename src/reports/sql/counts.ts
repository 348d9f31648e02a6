/**
 * Event counts under the report filters, read from the smallest rollup that can answer
 * (db/rollups.ts). A report names the dimensions it groups by (and whether it needs days); the
 * active filters add theirs (a type filter needs `type`, ...). The first rollup that has them
 * all is used: a daily one as is; a monthly one for the whole months of the date range, plus
 * the partial months at its ends from a daily rollup (or the events), so a date filter costs
 * a few days of daily rows. When no rollup has the dimensions (hour × neighborhood, say), the
 * counts come from the `events` view. Whichever source answers, the counts are the same.
 */
import type { Dataset } from '../../domain/columns';
import { DAILY_COUNTS, DIM_COLUMNS, ROLLUPS, dimColumns, type Rollup, type RollupDim } from '../../db/rollups';
import { date, ident } from '../../sql/quote';
import type { Filters } from '../filters';
import { whereSql, type FilterKey } from './where';

/** Options of countsSql. */
export interface CountsOptions {
  /** Filters not to apply. */
  omit?: readonly FilterKey[];
  /** Only this dataset. */
  dataset?: Dataset;
  /** Keep a `day` column (DATE). */
  day?: boolean;
  /** Force a source (tests): a rollup table name, or 'events'. */
  source?: string;
}

/** Rollups in the order they are tried: smallest first; daily_counts has every filter dimension. */
const ORDER = ['rollup_day_hour', 'rollup_day_hood', 'rollup_day_type', 'rollup_month_hood_type', 'rollup_month_cell', DAILY_COUNTS.table];
const CANDIDATES: readonly Rollup[] = ORDER.map((t) => ROLLUPS.find((r) => r.table === t)!);

/** The dimensions the active filters need. */
export function filterDims(f: Filters, opts: CountsOptions = {}): RollupDim[] {
  const use = (k: FilterKey) => !opts.omit?.includes(k);
  const out: RollupDim[] = [];
  if (use('types') && f.types.length) out.push('type');
  if (use('neighborhoods') && f.neighborhoods.length) out.push('neighborhood_slug');
  // The source filter applies to 311 rows only.
  if (use('sources') && f.sources.length && opts.dataset !== 'traffic_accidents') out.push('source');
  return out;
}

/** The rollup that will answer, or null for the events view. */
export function chooseRollup(f: Filters, dims: readonly RollupDim[], opts: CountsOptions = {}): Rollup | null {
  if (opts.source) return opts.source === 'events' ? null : (ROLLUPS.find((r) => r.table === opts.source) ?? null);
  const need = new Set([...dims, ...filterDims(f, opts)]);
  const covers = (r: Rollup) => [...need].every((d) => r.dims.includes(d));
  return CANDIDATES.find((r) => covers(r) && (r.grain === 'day' || !opts.day)) ?? null;
}

/**
 * A SELECT of `dataset[, day], <dimension columns>, n` (n BIGINT): the number of events per
 * group that match `f` (minus `omit`). Dimension columns are those of db/rollups.ts DIM_COLUMNS.
 */
export function countsSql(f: Filters, dims: readonly RollupDim[], opts: CountsOptions = {}): string {
  const r = chooseRollup(f, dims, opts);
  if (!r) return fromEvents(f, dims, opts);
  if (r.grain === 'day') return fromDaily(r, f, dims, opts);
  return fromMonthly(r, f, dims, opts);
}

function outColumns(dims: readonly RollupDim[], day: boolean | undefined): string[] {
  return ['dataset', ...(day ? ['day'] : []), ...dimColumns(dims).map((c) => ident(c.name))];
}

/** ` WHERE ...` for the conditions that are not plain TRUE, or nothing. */
function where(...conds: string[]): string {
  const real = conds.filter((c) => c !== 'TRUE');
  return real.length ? ` WHERE ${real.join(' AND ')}` : '';
}

function aggregate(dims: readonly RollupDim[], day: boolean | undefined, rows: string, count: string): string {
  return `SELECT ${outColumns(dims, day).join(', ')}, CAST(${count} AS BIGINT) AS n FROM (${rows}) GROUP BY ALL`;
}

function fromDaily(r: Rollup, f: Filters, dims: readonly RollupDim[], opts: CountsOptions): string {
  const cond = where(whereSql(f, 'daily_counts', opts));
  // The rollup's own rows when they are the groups asked for (one row per dataset, day, dims).
  if (opts.day && r.dims.length === dims.length && r.dims.every((d) => dims.includes(d))) {
    return `SELECT ${outColumns(dims, true).join(', ')}, n FROM ${ident(r.table)}${cond}`;
  }
  return `SELECT ${outColumns(dims, opts.day).join(', ')}, CAST(sum(n) AS BIGINT) AS n FROM ${ident(r.table)}${cond} GROUP BY ALL`;
}

function fromEvents(f: Filters, dims: readonly RollupDim[], opts: CountsOptions): string {
  const cols = dims.flatMap((d) => DIM_COLUMNS[d]).map((c) => `${c.expr} AS ${ident(c.name)}`);
  const day = opts.day ? ['CAST(event_at AS DATE) AS day'] : [];
  return aggregate(dims, opts.day, `SELECT ${['dataset', ...day, ...cols].join(', ')} FROM events${where(whereSql(f, 'events', opts))}`, 'count(*)');
}

/** A date range, both ends inclusive, `YYYY-MM-DD`; an absent end is open. */
export interface DayRange {
  from?: string;
  to?: string;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const addMonths = (d: string, k: number) => {
  const t = new Date(parse(monthStart(d)));
  t.setUTCMonth(t.getUTCMonth() + k);
  return iso(t.getTime());
};
const addDays = (d: string, k: number) => iso(parse(d) + k * 86_400_000);

/**
 * Splits a date range into whole months (`months`: first and last month start, either open)
 * and the days around them (`edges`). `months` is null when the range holds no whole month.
 */
export function splitMonths(range: DayRange): { months: DayRange | null; edges: DayRange[] } {
  const { from, to } = range;
  const first = from === undefined ? undefined : from === monthStart(from) ? from : addMonths(from, 1);
  const last = to === undefined ? undefined : addDays(to, 1) === addMonths(to, 1) ? monthStart(to) : addMonths(to, -1);
  if (first !== undefined && last !== undefined && first > last) return { months: null, edges: [{ from, to }] };
  const edges: DayRange[] = [];
  if (from !== undefined && first !== undefined && from < first) edges.push({ from, to: addDays(first, -1) });
  if (to !== undefined && last !== undefined) {
    const after = addMonths(last, 1);
    if (after <= to) edges.push({ from: after, to });
  }
  return { months: { from: first, to: last }, edges };
}

/** The conditions that keep a monthly rollup's `month` within `months` (see splitMonths). */
export function monthConds(months: DayRange): string[] {
  const out: string[] = [];
  if (months.from) out.push(`month >= ${date(months.from)}`);
  if (months.to) out.push(`month <= ${date(months.to)}`);
  return out;
}

function fromMonthly(r: Rollup, f: Filters, dims: readonly RollupDim[], opts: CountsOptions): string {
  const { months, edges } = splitMonths({ from: f.from, to: f.to });
  const useDates = !opts.omit?.includes('dates');
  const cols = dimColumns(dims).map((c) => ident(c.name));
  const parts: string[] = [];
  const noDates = { ...opts, omit: [...(opts.omit ?? []), 'dates' as const] };
  if (!useDates || months) {
    const conds = [whereSql(f, 'daily_counts', noDates)];
    if (useDates && months) conds.push(...monthConds(months));
    parts.push(`SELECT ${['dataset', ...cols, 'n'].join(', ')} FROM ${ident(r.table)}${where(...conds)}`);
  }
  if (useDates) {
    for (const e of edges) {
      const g: Filters = { ...f, from: e.from, to: e.to };
      // The smallest daily rollup with these dimensions, or the events.
      const daily = chooseRollup(g, dims, { ...opts, day: true, source: undefined });
      parts.push(daily ? fromDaily(daily, g, dims, opts) : fromEvents(g, dims, opts));
    }
  }
  return `SELECT ${['dataset', ...cols].join(', ')}, CAST(sum(n) AS BIGINT) AS n FROM (\n  ${parts.join('\n  UNION ALL\n  ')}\n) GROUP BY ALL`;
}

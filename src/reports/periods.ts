/**
 * Date-range presets of the filter bar ("Last 30 days", "Year to date"…), counted back from the
 * last day the store has data for, not from today: the city's files lag, and a range ending
 * today would show a partial or empty tail. Pure: no DOM, no DB.
 */

/** A preset's id (the filter bar's option value). */
export type PeriodId = 'all' | 'last-7-days' | 'last-30-days' | 'last-3-months' | 'last-12-months' | 'year-to-date';

/** The presets, in the order offered. */
export const PERIODS: readonly { id: PeriodId; label: string }[] = [
  { id: 'all', label: 'All dates' },
  { id: 'last-7-days', label: 'Last 7 days' },
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'last-3-months', label: 'Last 3 months' },
  { id: 'last-12-months', label: 'Last 12 months' },
  { id: 'year-to-date', label: 'Year to date' },
];

/** A from/to pair as the filters hold it (`YYYY-MM-DD`, both ends included; null: open). */
export interface DateRange {
  from: string | null;
  to: string | null;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

function addDays(date: string, n: number): string {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** `date` moved back `n` whole months, the day clamped to the target month (Mar 31 − 1 → Feb 28). */
function monthsBefore(date: string, n: number): string {
  const d = day(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(target);
}

/**
 * The range of preset `id` ending on `lastDay` (the store's last day with data). A "last N
 * months" range starts the day after the same date N months earlier: 2026-09-30 → 3 months
 * from 2026-07-01. Null when there is no data to count back from (except "All dates").
 */
export function periodRange(id: PeriodId, lastDay: string | undefined): DateRange | null {
  if (id === 'all') return { from: null, to: null };
  if (!lastDay) return null;
  switch (id) {
    case 'last-7-days':
      return { from: addDays(lastDay, -6), to: lastDay };
    case 'last-30-days':
      return { from: addDays(lastDay, -29), to: lastDay };
    case 'last-3-months':
      return { from: addDays(monthsBefore(lastDay, 3), 1), to: lastDay };
    case 'last-12-months':
      return { from: addDays(monthsBefore(lastDay, 12), 1), to: lastDay };
    case 'year-to-date':
      return { from: `${lastDay.slice(0, 4)}-01-01`, to: lastDay };
  }
}

/** The preset a from/to pair is, or 'custom' (also while no data tells what "last" means). */
export function periodOf(range: { from?: string | null; to?: string | null }, lastDay: string | undefined): PeriodId | 'custom' {
  const from = range.from ?? null;
  const to = range.to ?? null;
  for (const { id } of PERIODS) {
    const r = periodRange(id, lastDay);
    if (r && r.from === from && r.to === to) return id;
  }
  return 'custom';
}

/**
 * Where a daily series really has data. Published files are patchy (the 2014 accidents sample
 * holds late 2009–mid 2010 and Dec 2013–May 2014, with a few stray rows between), and a
 * zero-filled calendar would read the gaps as days without events. A month counts as covered
 * when its total reaches a share of the median month with data; models and correlations use
 * the last run of consecutive covered days.
 */
import { daysBetween } from './calendar';

/** Share of the median monthly total a month needs to count as covered. */
export const COVERAGE_SHARE = 0.1;

/** Months (`YYYY-MM`) of `days` whose total reaches `share` × the median of months with data. */
export function coveredMonths(days: readonly string[], values: readonly number[], share = COVERAGE_SHARE): Set<string> {
  const totals = new Map<string, number>();
  days.forEach((d, i) => totals.set(d.slice(0, 7), (totals.get(d.slice(0, 7)) ?? 0) + values[i]));
  const withData = [...totals.values()].filter((v) => v > 0).sort((a, b) => a - b);
  if (!withData.length) return new Set();
  const mid = withData.length / 2;
  const median = withData.length % 2 ? withData[Math.floor(mid)] : (withData[mid - 1] + withData[mid]) / 2;
  return new Set([...totals].filter(([, v]) => v > 0 && v >= share * median).map(([m]) => m));
}

/** [start, end) of the last run of consecutive calendar days (no gaps) whose month is in `months`. */
export function lastCoveredRun(days: readonly string[], months: ReadonlySet<string>): [number, number] {
  let end = days.length;
  while (end > 0 && !months.has(days[end - 1].slice(0, 7))) end--;
  let start = end;
  while (start > 0 && months.has(days[start - 1].slice(0, 7)) && (start === end || daysBetween(days[start - 1], days[start]) === 1)) start--;
  return [start, end];
}

/**
 * Calendar arithmetic on `YYYY-MM-DD` day strings (civil dates, no time zone involved):
 * the day index used by the daily series, weekday, month and day of year.
 */

const MS_PER_DAY = 86_400_000;

function toUtc(day: string): number {
  return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(toUtc(day) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / MS_PER_DAY);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(toUtc(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Month 1–12. */
export function monthOf(day: string): number {
  return +day.slice(5, 7);
}

/** Day of the year, 1–366. */
export function dayOfYear(day: string): number {
  return daysBetween(`${day.slice(0, 4)}-01-01`, day) + 1;
}

/** Every day from `first` to `last` inclusive. */
export function dayRange(first: string, last: string): string[] {
  const n = daysBetween(first, last);
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(first, i));
  return out;
}

/**
 * Calendar arithmetic and America/Denver offsets without Date parsing or Intl.
 *
 * "Wall-clock ms" throughout ingest means Date.UTC(y, m - 1, d, h, mi, s, ms) of the local
 * Denver time: the store keeps local times as naive TIMESTAMPs.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12); any year, no Date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Number of days in a month (1–12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Wall-clock ms of a validated local date and time; equals Date.UTC(y, m - 1, d, h, mi, s, ms). */
export function wallClockMs(y: number, m: number, d: number, h: number, mi: number, s: number, ms: number): number {
  return daysFromCivil(y, m, d) * DAY_MS + h * HOUR_MS + mi * 60_000 + s * 1000 + ms;
}

/** Day number of the n-th (1-based) Sunday of a month. */
function nthSunday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  const weekday = (((first + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return first + ((7 - weekday) % 7) + (n - 1) * 7;
}

/** Day number of the last Sunday of a month. */
function lastSunday(year: number, month: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  const weekday = (((last + 4) % 7) + 7) % 7;
  return last - weekday;
}

/**
 * The UTC instants [start, end) of daylight saving time in Denver for a year. US rule since
 * 2007: second Sunday of March 02:00 MST → first Sunday of November 02:00 MDT; 1987–2006:
 * first Sunday of April → last Sunday of October (earlier years use the 1987 rule).
 */
export function denverDstBounds(year: number): [number, number] {
  const startDay = year >= 2007 ? nthSunday(year, 3, 2) : nthSunday(year, 4, 1);
  const endDay = year >= 2007 ? nthSunday(year, 11, 1) : lastSunday(year, 10);
  return [startDay * DAY_MS + 2 * HOUR_MS + 7 * HOUR_MS, endDay * DAY_MS + 2 * HOUR_MS + 6 * HOUR_MS];
}

let cachedYearStart = 0;
let cachedYearEnd = -1;
let cachedDstStart = 0;
let cachedDstEnd = 0;

/** Denver's UTC offset in hours (−7 or −6) at a UTC instant. */
export function denverOffsetHours(utcMs: number): number {
  if (utcMs < cachedYearStart || utcMs >= cachedYearEnd) {
    const year = new Date(utcMs).getUTCFullYear();
    cachedYearStart = daysFromCivil(year, 1, 1) * DAY_MS;
    cachedYearEnd = daysFromCivil(year + 1, 1, 1) * DAY_MS;
    [cachedDstStart, cachedDstEnd] = denverDstBounds(year);
  }
  return utcMs >= cachedDstStart && utcMs < cachedDstEnd ? -6 : -7;
}

/** Converts a UTC instant (epoch ms) to Denver wall-clock ms. */
export function denverWallClockFromUtc(utcMs: number): number {
  return utcMs + denverOffsetHours(utcMs) * HOUR_MS;
}

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01) without Date objects, so the
 * generator never depends on the host time zone. Wall-clock times are "local seconds":
 * `day * 86400 + seconds into the day`, read as Denver local time.
 */

export interface CivilDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of a day number. */
export function civilFromDays(day: number): CivilDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 1-based day of the year. */
export function dayOfYear(day: number): number {
  const { y } = civilFromDays(day);
  return day - daysFromCivil(y, 1, 1) + 1;
}

/** Day number of `YYYY-MM-DD`; throws on anything else or an impossible date. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad date (want YYYY-MM-DD): ${text}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = daysFromCivil(y, m, d);
  const back = civilFromDays(day);
  if (back.m !== m || back.d !== d) throw new Error(`bad date (no such day): ${text}`);
  return day;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of a day number. */
export function formatIsoDate(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The n-th (1-based) given weekday of a month, as a day number. */
export function nthWeekdayOfMonth(y: number, m: number, weekday: number, n: number): number {
  const first = daysFromCivil(y, m, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

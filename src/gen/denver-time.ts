/**
 * Denver (America/Denver) local wall-clock time to UTC, with the US daylight-saving rule in
 * force since 2007: MDT (UTC−6) from the second Sunday of March at 02:00 to the first Sunday
 * of November at 02:00, MST (UTC−7) otherwise.
 *
 * Local times that do not exist (02:00–02:59 on the spring-forward day) are read with the
 * offset before the change (as if the clock had not moved yet); local times that occur twice
 * (01:00–01:59 on the fall-back day) are read as the first, daylight-time occurrence. This is
 * the "compatible" disambiguation of Temporal and of `Date` parsing. The generator itself
 * never produces a non-existent local time.
 */
import { denverDstBounds } from '../ingest/normalize/denver-time';
import { daysFromCivil, civilFromDays } from './civil-date';

const HOUR = 3600;

/**
 * Local seconds (day * 86400 + time of day) where daylight time starts (03:00 local, right after
 * the skipped hour) and ends (02:00 daylight time) in year y. The rule itself is the ingest's.
 */
function dstBounds(y: number): readonly [number, number] {
  const [startUtcMs, endUtcMs] = denverDstBounds(y);
  return [startUtcMs / 1000 - 7 * HOUR + HOUR, endUtcMs / 1000 - 6 * HOUR];
}

/** Whether a Denver local time (local seconds) is read as daylight time (UTC−6). */
export function isDenverDst(localSec: number): boolean {
  const { y } = civilFromDays(Math.floor(localSec / 86400));
  const [start, end] = dstBounds(y);
  return localSec >= start && localSec < end;
}

/** True for local times skipped by the spring-forward change (02:00–02:59). */
export function isNonexistentDenverTime(localSec: number): boolean {
  const { y } = civilFromDays(Math.floor(localSec / 86400));
  const start = dstBounds(y)[0];
  return localSec >= start - HOUR && localSec < start;
}

/** UTC epoch milliseconds of a Denver local time given as local seconds. */
export function denverLocalSecToUtcMs(localSec: number): number {
  return (localSec + (isDenverDst(localSec) ? 6 : 7) * HOUR) * 1000;
}

/** UTC epoch milliseconds of a Denver local wall-clock time (month 1–12). */
export function denverLocalToUtcMs(y: number, m: number, d: number, h: number, mi: number, s: number): number {
  return denverLocalSecToUtcMs(daysFromCivil(y, m, d) * 86400 + h * HOUR + mi * 60 + s);
}

/**
 * The tests' own reading of elapsed time between Denver wall-clock instants (the store's naive
 * TIMESTAMPs), from the ingest's offsets (denver-time.ts), independent of the SQL macros.
 */
import { denverOffsetHours } from '../../../src/ingest/normalize/denver-time';

const HOUR = 3_600_000;

/**
 * Whether wall-clock ms `w` is daylight time: read as standard time (UTC−7) it is already past
 * the spring change, or read as daylight time (UTC−6) it is not yet past the fall one.
 */
export function isDenverDst(w: number): boolean {
  return denverOffsetHours(w + 7 * HOUR) === -6 || denverOffsetHours(w + 6 * HOUR) === -6;
}

/** Real milliseconds from wall-clock ms `a` to wall-clock ms `b`. */
export function denverElapsedMs(a: number, b: number): number {
  return b - a + HOUR * (Number(isDenverDst(a)) - Number(isDenverDst(b)));
}

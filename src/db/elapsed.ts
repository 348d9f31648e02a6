/**
 * Elapsed time between two stored timestamps. The store keeps Denver's wall-clock time (naive
 * TIMESTAMPs, see ingest/normalize/denver-time.ts), so a plain difference is an hour off for a
 * span that crosses a change of daylight saving time: a request opened on the Saturday before
 * the clocks go forward and closed on the Monday took an hour less than its wall clocks say.
 *
 * The store defines two macros (every migration run creates them first, so the rollups can use
 * them), which the reports' SQL calls by name and the SQL editor can use too:
 * `denver_is_dst(ts)` and `denver_seconds_between(start_at, end_at)`.
 */
import { denverDstBounds } from '../ingest/normalize/denver-time';

const HOUR_MS = 3_600_000;

/** Years the macro knows the changes of the clocks for; others count as standard time. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;

/** Digits of each bound in the look-up string (wall-clock epoch seconds up to 2099 have 10). */
const BOUND_DIGITS = 11;

/**
 * When daylight saving time starts and ends each year, from denver-time.ts (one definition of the
 * US rules), as one string of fixed-width numbers: per year from FIRST_YEAR, the start and the
 * end in wall-clock epoch seconds, 02:00 standard time on the spring day (the hour 02:00–02:59
 * does not exist) and 02:00 daylight time on the fall day (the repeated 01:00–01:59 is read as
 * its first, daylight, pass).
 */
function dstBounds(): string {
  let out = '';
  const field = (ms: number) => String(ms / 1000).padStart(BOUND_DIGITS, '0');
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const [start, end] = denverDstBounds(y);
    out += field(start - 7 * HOUR_MS) + field(end - 6 * HOUR_MS);
  }
  return out;
}

/**
 * Daylight saving time in Denver at wall-clock `ts`: its year's bounds read from one string
 * constant. A query plans this body each time it names the macro, so its size counts: list
 * literals of the bounds took ~20 ms to plan per call in duckdb-wasm, this ~3 ms, and it costs
 * as little per row.
 */
function dstBody(ts: string): string {
  const bounds = dstBounds();
  // Past the string (later years) the read is empty: NULL, then 0, so the year is standard time.
  // Before FIRST_YEAR the offset is negative and reads from the string's end, a bound later than
  // any such time (epoch seconds < 0), or NULL: standard time as well.
  const at = (k: 0 | 1) =>
    `coalesce(TRY_CAST(substr('${bounds}', (year(${ts}) - ${FIRST_YEAR}) * ${2 * BOUND_DIGITS} + ${k * BOUND_DIGITS + 1}, ${BOUND_DIGITS}) AS BIGINT), 0)`;
  return `epoch(${ts}) >= ${at(0)} AND epoch(${ts}) < ${at(1)}`;
}

const IS_DST = 'denver_is_dst';
const SECONDS_BETWEEN = 'denver_seconds_between';

/** The macros' names. */
export const ELAPSED_MACROS = [IS_DST, SECONDS_BETWEEN] as const;

/** Whether wall-clock `ts` is daylight saving time in Denver (BOOLEAN; NULL for NULL). */
export const denverIsDst = (ts: string): string => `${IS_DST}(${ts})`;

/** Seconds (DOUBLE) elapsed from wall-clock `start` to wall-clock `end`; NULL if either is. */
export const secondsBetween = (start: string, end: string): string => `${SECONDS_BETWEEN}(${start}, ${end})`;

/** The macros' definitions; `temp` for a tab's own (a read-only copy of a store). */
export function elapsedMacrosSql(temp = false): string[] {
  const create = `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}MACRO`;
  const dst = (ts: string) => `CAST(${denverIsDst(ts)} AS INTEGER)`;
  return [
    `${create} ${IS_DST}(ts) AS (${dstBody('ts')})`,
    `${create} ${SECONDS_BETWEEN}(start_at, end_at) AS\n  (epoch(end_at) - epoch(start_at) + 3600 * (${dst('start_at')} - ${dst('end_at')}))`,
  ];
}

/**
 * How a 311 request's closure is classified and binned, as SQL text shared by the closure
 * rollups (db/rollups.ts) and the reports that read them or, when no rollup covers their
 * filters, the requests table (reports/sql/closure.ts). One definition, so both give the same
 * groups.
 */
import { secondsBetween } from './elapsed';

/** Hours from `start` to `end` (wall-clock timestamps), as elapsed in real time, as DOUBLE. */
export function hoursBetween(start: string, end: string): string {
  return `${secondsBetween(start, end)} / 3600.0`;
}

/** Histogram bins per power of ten of hours to close (a bin spans a factor of 10^(1/20) ≈ 1.12). */
export const CLOSE_BINS_PER_DECADE = 20;

/** The closure states: still open, closed after creation, at the same second, or before it. */
export const CLOSURE = { open: 'open', after: 'after', atCreation: 'at_creation', beforeCreation: 'before_creation', noCreation: 'no_creation' } as const;

/**
 * The closure state of a request created at `created` and closed at `closed` (or NULL); `h` is
 * the hours between them, when the caller has them as a column already (it is read twice).
 */
export function closureStateExpr(created: string, closed: string, h = hoursBetween(created, closed)): string {
  return (
    `CASE WHEN ${closed} IS NULL THEN '${CLOSURE.open}' WHEN ${created} IS NULL THEN '${CLOSURE.noCreation}' ` +
    `WHEN ${h} > 0 THEN '${CLOSURE.after}' WHEN ${h} = 0 THEN '${CLOSURE.atCreation}' ELSE '${CLOSURE.beforeCreation}' END`
  );
}

/** The histogram bin (INTEGER) of the hours to close, for requests closed after creation; else NULL. */
export function closeBinExpr(created: string, closed: string, h = hoursBetween(created, closed)): string {
  return `CASE WHEN ${h} > 0 THEN CAST(floor(log10(${h}) * ${CLOSE_BINS_PER_DECADE}) AS INTEGER) END`;
}

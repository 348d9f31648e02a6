/**
 * The count model's calendar design: intercept, day-of-week dummies (Monday is the base),
 * a linear trend in years, and annual Fourier terms (only when the training span covers a
 * year, since a shorter span cannot tell season from trend).
 */
import { addDays, dayOfYear, isoWeekday } from './calendar';

/** Layout of the calendar design matrix. */
export interface Design {
  /** Number of annual Fourier pairs (0 = no seasonality terms). */
  fourier: number;
  /** Day index (from the series start) at which the trend is 0. */
  trendCenter: number;
  /** First day of the series. */
  start: string;
}

/** A design for a training series of `length` days starting at `start`. */
export function makeDesign(start: string, length: number, maxFourier = 2): Design {
  return { fourier: length >= 365 ? maxFourier : 0, trendCenter: (length - 1) / 2, start };
}

/** Number of columns of the design. */
export function designWidth(d: Design): number {
  return 1 + 6 + 1 + 2 * d.fourier;
}

/** The design row of day index `t` (0 = d.start). */
export function designRow(d: Design, t: number): number[] {
  const day = addDays(d.start, t);
  const dow = isoWeekday(day);
  const row = [1];
  for (let k = 2; k <= 7; k++) row.push(dow === k ? 1 : 0);
  row.push((t - d.trendCenter) / 365.25);
  const angle = (2 * Math.PI * dayOfYear(day)) / 365.25;
  for (let k = 1; k <= d.fourier; k++) row.push(Math.sin(k * angle), Math.cos(k * angle));
  return row;
}

/** Design rows 0 … length − 1 as one row-major matrix. */
export function designMatrix(d: Design, length: number): Float64Array {
  const p = designWidth(d);
  const x = new Float64Array(length * p);
  for (let t = 0; t < length; t++) x.set(designRow(d, t), t * p);
  return x;
}

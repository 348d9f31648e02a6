/**
 * The three daily-count forecasters compared by the backtest. Each turns a training series
 * into point forecasts with a 90% prediction interval for the next `horizon` days.
 * - seasonal naive: the same weekday one week earlier;
 * - moving average: the mean of the last 7 days;
 * - Poisson regression: day of week + annual Fourier terms + trend (see design.ts).
 * The baselines' intervals come from their own in-sample errors; the Poisson interval from a
 * Poisson (or, when over-dispersed, negative binomial) distribution around the mean.
 */
import { addDays } from './calendar';
import { designMatrix, designRow, designWidth, makeDesign } from './design';
import { fitPoisson, predictPoisson } from './poisson';
import { countQuantile, quantile } from './quantiles';

/** Consecutive daily counts starting on `start` (`YYYY-MM-DD`). */
export interface DailySeries {
  start: string;
  values: readonly number[];
}

/** A point forecast and its prediction interval. */
export interface Forecast {
  mean: number;
  lo: number;
  hi: number;
}

/** Stable model ids (rows and tables use them). */
export type ModelId = 'seasonal-naive' | 'moving-average' | 'poisson';

/** A forecaster: training series in, forecasts for the next days out. */
export interface Model {
  id: ModelId;
  label: string;
  forecast(train: DailySeries, horizon: number): Forecast[];
}

/** Nominal coverage of the prediction intervals. */
export const INTERVAL_LEVEL = 0.9;
const LO = (1 - INTERVAL_LEVEL) / 2;
const HI = 1 - LO;
const WEEK = 7;

function withResiduals(point: number[], residuals: number[]): Forecast[] {
  const lo = residuals.length ? quantile(residuals, LO) : 0;
  const hi = residuals.length ? quantile(residuals, HI) : 0;
  return point.map((m) => ({ mean: m, lo: Math.max(0, m + lo), hi: Math.max(0, m + hi) }));
}

/** The baseline: the same weekday one week earlier. */
export const seasonalNaive: Model = {
  id: 'seasonal-naive',
  label: 'Seasonal naive (same weekday last week)',
  forecast({ values: y }, horizon) {
    const n = y.length;
    const point: number[] = [];
    for (let h = 1; h <= horizon; h++) point.push(y[n + h - 1 - WEEK * Math.ceil(h / WEEK)] ?? 0);
    const residuals: number[] = [];
    for (let t = WEEK; t < n; t++) residuals.push(y[t] - y[t - WEEK]);
    return withResiduals(point, residuals);
  },
};

function trailingMean(y: readonly number[], end: number): number {
  let s = 0;
  for (let t = end - WEEK; t < end; t++) s += y[t];
  return s / WEEK;
}

/** The mean of the last 7 days. */
export const movingAverage: Model = {
  id: 'moving-average',
  label: '7-day moving average',
  forecast({ values: y }, horizon) {
    const n = y.length;
    const m = n >= WEEK ? trailingMean(y, n) : y.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const residuals: number[] = [];
    for (let t = WEEK; t < n; t++) residuals.push(y[t] - trailingMean(y, t));
    return withResiduals(new Array<number>(horizon).fill(m), residuals);
  },
};

/** Poisson regression on weekday, annual Fourier terms and trend. */
export const poissonRegression: Model = {
  id: 'poisson',
  label: 'Poisson regression (weekday + season + trend)',
  forecast({ start, values: y }, horizon) {
    const design = makeDesign(start, y.length);
    const p = designWidth(design);
    const fit = fitPoisson(designMatrix(design, y.length), y, p);
    const out: Forecast[] = [];
    for (let h = 0; h < horizon; h++) {
      const mu = predictPoisson(designRow(design, y.length + h), fit.beta);
      out.push({ mean: mu, lo: countQuantile(mu, fit.dispersion, LO), hi: countQuantile(mu, fit.dispersion, HI) });
    }
    return out;
  },
};

/** All models, baseline first. */
export const MODELS: readonly Model[] = [seasonalNaive, movingAverage, poissonRegression];

/** The series without its first `drop` days. */
export function dropHead(s: DailySeries, drop: number): DailySeries {
  return drop <= 0 ? s : { start: addDays(s.start, drop), values: s.values.slice(drop) };
}

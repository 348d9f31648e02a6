/**
 * The daily-count forecasters compared by the backtest. Each turns a training series into
 * point forecasts with a 90% prediction interval for the next `horizon` days.
 * Naive baselines, which a model with skill must beat:
 * - seasonal naive: the same weekday one week earlier;
 * - training mean: the mean of the whole training window (on pure noise, the best forecast);
 * - weekday mean: the training window's mean for the same weekday.
 * Models:
 * - moving average: the mean of the last 7 days;
 * - Poisson regression: day of week + annual Fourier terms + trend (see design.ts).
 * Seasonal naive and moving-average intervals come from their own in-sample errors; the others'
 * from a Poisson (or, when over-dispersed, negative binomial) distribution around the mean.
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
export type ModelId = 'seasonal-naive' | 'training-mean' | 'weekday-mean' | 'moving-average' | 'poisson';

/** A naive baseline (the reference) or a model that claims skill only by beating them. */
export type ModelRole = 'baseline' | 'model';

/** A forecaster: training series in, forecasts for the next days out. */
export interface Model {
  id: ModelId;
  label: string;
  role: ModelRole;
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

/** Baseline: the same weekday one week earlier. */
export const seasonalNaive: Model = {
  id: 'seasonal-naive',
  label: 'Seasonal naive (same weekday last week)',
  role: 'baseline',
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

/** Pearson χ² / (n − groups) of counts around their fitted means: 1 for Poisson noise. */
function dispersionOf(y: readonly number[], fitted: (t: number) => number, groups: number): number {
  let chi2 = 0;
  for (let t = 0; t < y.length; t++) {
    const mu = fitted(t);
    if (mu > 0) chi2 += (y[t] - mu) ** 2 / mu;
  }
  return y.length > groups ? chi2 / (y.length - groups) : 1;
}

function countForecast(mu: number, dispersion: number): Forecast {
  return { mean: mu, lo: countQuantile(mu, dispersion, LO), hi: countQuantile(mu, dispersion, HI) };
}

/** Baseline: the mean of the whole training window. */
export const trainingMean: Model = {
  id: 'training-mean',
  label: 'Training mean (all days)',
  role: 'baseline',
  forecast({ values: y }, horizon) {
    const m = y.length ? y.reduce((a, b) => a + b, 0) / y.length : 0;
    const fc = countForecast(m, dispersionOf(y, () => m, 1));
    return Array.from({ length: horizon }, () => ({ ...fc }));
  },
};

/** Baseline: the training window's mean for the same weekday (the overall mean for a weekday it lacks). */
export const weekdayMean: Model = {
  id: 'weekday-mean',
  label: 'Weekday mean (same weekday, all weeks)',
  role: 'baseline',
  forecast({ values: y }, horizon) {
    const n = y.length;
    const sum = new Array<number>(WEEK).fill(0);
    const count = new Array<number>(WEEK).fill(0);
    for (let t = 0; t < n; t++) {
      sum[t % WEEK] += y[t];
      count[t % WEEK]++;
    }
    const all = n ? sum.reduce((a, b) => a + b, 0) / n : 0;
    const mean = sum.map((s, k) => (count[k] ? s / count[k] : all));
    const phi = dispersionOf(y, (t) => mean[t % WEEK], WEEK);
    return Array.from({ length: horizon }, (_, h) => countForecast(mean[(n + h) % WEEK], phi));
  },
};

/** Model: the mean of the last 7 days. */
export const movingAverage: Model = {
  id: 'moving-average',
  label: '7-day moving average',
  role: 'model',
  forecast({ values: y }, horizon) {
    const n = y.length;
    const m = n >= WEEK ? trailingMean(y, n) : y.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const residuals: number[] = [];
    for (let t = WEEK; t < n; t++) residuals.push(y[t] - trailingMean(y, t));
    return withResiduals(new Array<number>(horizon).fill(m), residuals);
  },
};

/** Model: Poisson regression on weekday, annual Fourier terms and trend. */
export const poissonRegression: Model = {
  id: 'poisson',
  label: 'Poisson regression (weekday + season + trend)',
  role: 'model',
  forecast({ start, values: y }, horizon) {
    const design = makeDesign(start, y.length);
    const p = designWidth(design);
    const fit = fitPoisson(designMatrix(design, y.length), y, p);
    const out: Forecast[] = [];
    for (let h = 0; h < horizon; h++) {
      const mu = predictPoisson(designRow(design, y.length + h), fit.beta);
      out.push(countForecast(mu, fit.dispersion));
    }
    return out;
  },
};

/** Every forecaster: the baselines first, then the models from simplest to most complex. */
export const MODELS: readonly Model[] = [seasonalNaive, trainingMean, weekdayMean, movingAverage, poissonRegression];

/** The series without its first `drop` days. */
export function dropHead(s: DailySeries, drop: number): DailySeries {
  return drop <= 0 ? s : { start: addDays(s.start, drop), values: s.values.slice(drop) };
}

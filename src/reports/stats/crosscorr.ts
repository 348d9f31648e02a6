/**
 * Cross-correlation of two daily series without the patterns that make unrelated series look
 * related: each series loses its slow level (a centered 28-day mean, which takes trends and
 * seasons with it) and its weekday pattern; then Pearson's r of x on day t against y on day
 * t + lag, with a band and intervals widened by Bartlett's formula for the autocorrelation the
 * two series still have.
 */
import { mean, pearson } from './correlation';
import { isoWeekday } from './calendar';
import { studentTwoSidedP, Z95 } from './special';

/** Days in the moving average that stands for a series' slow level: four of each weekday. */
export const LEVEL_WINDOW = 28;

/**
 * The mean of the `LEVEL_WINDOW` days centered on each day; near the ends, the first or last
 * whole window, so every average holds four of each weekday. Shorter series: their mean.
 */
export function movingLevel(values: readonly number[]): number[] {
  const n = values.length;
  const w = Math.min(LEVEL_WINDOW, n);
  const prefix = [0];
  for (const v of values) prefix.push(prefix.at(-1)! + v);
  return values.map((_, t) => {
    const start = Math.max(0, Math.min(n - w, t - Math.floor(w / 2)));
    return (prefix[start + w] - prefix[start]) / w;
  });
}

/**
 * `values` minus what its slow level and weekday pattern predict: level × the weekday's mean
 * ratio of value to level (a weekday pattern scales with the level, as counts do). `days` are
 * the consecutive `YYYY-MM-DD` days of `values`.
 */
export function calendarResiduals(values: readonly number[], days: readonly string[]): number[] {
  const level = movingLevel(values);
  const dow = days.map(isoWeekday);
  const sum = new Array<number>(8).fill(0);
  const count = new Array<number>(8).fill(0);
  values.forEach((v, t) => {
    if (level[t] > 0) {
      sum[dow[t]] += v / level[t];
      count[dow[t]]++;
    }
  });
  return values.map((v, t) => v - level[t] * (count[dow[t]] ? sum[dow[t]] / count[dow[t]] : 1));
}

/** Sample autocorrelations ρ(0…maxLag) (ρ(0) = 1; all NaN for a constant series). */
export function autocorrelation(x: readonly number[], maxLag: number): number[] {
  const m = mean(x);
  const d = x.map((v) => v - m);
  let c0 = 0;
  for (const v of d) c0 += v * v;
  const out: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let c = 0;
    for (let t = k; t < d.length; t++) c += d[t] * d[t - k];
    out.push(c0 > 0 ? c / c0 : NaN);
  }
  return out;
}

/**
 * Bartlett's variance factor for a cross-correlation of two independent series:
 * var(r_k) ≈ (1/n)(1 + 2 Σ_j ρ_x(j) ρ_y(j)), summed over j = 1…maxLag; at least 1 (the band
 * is widened for shared persistence, never narrowed below the independent-days one).
 */
export function bartlettFactor(x: readonly number[], y: readonly number[], maxLag: number): number {
  const ax = autocorrelation(x, maxLag);
  const ay = autocorrelation(y, maxLag);
  let s = 0;
  for (let j = 1; j <= maxLag; j++) if (Number.isFinite(ax[j] * ay[j])) s += ax[j] * ay[j];
  return Math.max(1, 1 + 2 * s);
}

/** Correlation at one lag. */
export interface LagCorrelation {
  /** Positive lag: y is taken `lag` days after x. */
  lag: number;
  r: number;
  /** Pairs used: series length − |lag|. */
  n: number;
  /** Two-sided p-value of no correlation, allowing for the variance factor. */
  p: number;
  /** 95% interval (Fisher z, its standard error widened by the variance factor). */
  ciLow: number;
  ciHigh: number;
  /** Half-width of the 95% band of r under no relation: 1.96 √(factor / n). */
  band: number;
}

/** `correlationTest` with the variance of r multiplied by `factor`. */
function widenedTest(r: number, n: number, factor: number): Pick<LagCorrelation, 'p' | 'ciLow' | 'ciHigh'> {
  if (!Number.isFinite(r) || n < 3) return { p: NaN, ciLow: NaN, ciHigh: NaN };
  const t = Math.abs(r) >= 1 ? Infinity : r * Math.sqrt((n - 2) / (1 - r * r) / factor);
  const p = studentTwoSidedP(t, n - 2);
  if (n <= 3) return { p, ciLow: NaN, ciHigh: NaN };
  const z = Math.atanh(Math.max(-0.999999999, Math.min(0.999999999, r)));
  const se = Math.sqrt(factor / (n - 3));
  return { p, ciLow: Math.tanh(z - Z95 * se), ciHigh: Math.tanh(z + Z95 * se) };
}

/**
 * r(x_t, y_{t+lag}) for lag = −maxLag … +maxLag. `factor` (≥ 1) is the variance factor of r
 * under no relation (1 for independent days; see `bartlettFactor`).
 */
export function crossCorrelation(x: readonly number[], y: readonly number[], maxLag: number, factor = 1): LagCorrelation[] {
  const out: LagCorrelation[] = [];
  const len = Math.min(x.length, y.length);
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = Math.max(0, -lag); t < len && t + lag < len; t++) {
      xs.push(x[t]);
      ys.push(y[t + lag]);
    }
    const r = pearson(xs, ys);
    const n = xs.length;
    out.push({ lag, r, n, ...widenedTest(r, n, factor), band: n > 0 ? Z95 * Math.sqrt(factor / n) : NaN });
  }
  return out;
}

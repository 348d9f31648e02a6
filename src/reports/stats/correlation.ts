/**
 * Pearson and Spearman correlation, their significance (t test) and a Fisher-z confidence
 * interval, and the least-squares line. NaN marks an undefined result (n too small, or a
 * constant variable), never an exception.
 */
import { Z95, studentTwoSidedP } from './special';

/** Arithmetic mean (NaN for an empty list). */
export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : NaN;
}

/** Pearson's r of paired values. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return NaN;
  const mx = mean(x.slice(0, n));
  const my = mean(y.slice(0, n));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 1-based ranks, ties sharing their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation ρ (Pearson on average ranks). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** Significance and interval of a correlation. */
export interface CorrelationTest {
  /** Two-sided p-value of H0: no correlation (t test with n − 2 df). */
  p: number;
  /** 95% confidence interval from Fisher's z transform (needs n > 3). */
  ciLow: number;
  ciHigh: number;
}

/** Significance and 95% interval for a correlation r over n pairs. */
export function correlationTest(r: number, n: number): CorrelationTest {
  if (!Number.isFinite(r) || n < 3) return { p: NaN, ciLow: NaN, ciHigh: NaN };
  const df = n - 2;
  const t = Math.abs(r) >= 1 ? Infinity : r * Math.sqrt(df / (1 - r * r));
  const p = studentTwoSidedP(t, df);
  if (n <= 3) return { p, ciLow: NaN, ciHigh: NaN };
  const z = Math.atanh(Math.max(-0.999999999, Math.min(0.999999999, r)));
  const se = 1 / Math.sqrt(n - 3);
  return { p, ciLow: Math.tanh(z - Z95 * se), ciHigh: Math.tanh(z + Z95 * se) };
}

/** Ordinary least squares y = intercept + slope · x. */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = Math.min(x.length, y.length);
  const mx = mean(x.slice(0, n));
  const my = mean(y.slice(0, n));
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx === 0 ? NaN : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Paired comparison of two forecasters over the same backtest origins: a Diebold–Mariano test
 * on the per-origin loss differences, with a Newey–West (Bartlett) long-run variance, the
 * Harvey–Leybourne–Newbold small-sample correction and a Student t reference with n − 1
 * degrees of freedom. A difference in pooled errors counts only when this test supports it.
 */
import { studentTwoSidedP } from './special';

/** Autocovariance lags in the long-run variance: 1 allows for errors that persist across origins. */
export const HAC_LAG = 1;

/** The test of equal mean loss of `a` and `b`. */
export interface PairedTest {
  /** Origins compared (pairs with both losses finite). */
  n: number;
  /** Mean of loss(a) − loss(b): negative when `a` does better. */
  meanDiff: number;
  /** Standard error of `meanDiff`. */
  se: number;
  /** The corrected t statistic. */
  stat: number;
  /** Two-sided p-value (NaN with fewer than 3 origins). */
  p: number;
}

/**
 * Diebold–Mariano test of equal mean loss over paired per-origin losses. The long-run
 * variance is never taken below the plain variance, so chance negative autocorrelation
 * cannot make a difference look surer than the origins alone allow.
 */
export function dieboldMariano(a: readonly number[], b: readonly number[], lag = HAC_LAG): PairedTest {
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (Number.isFinite(a[i]) && Number.isFinite(b[i])) d.push(a[i] - b[i]);
  const n = d.length;
  const meanDiff = n ? d.reduce((s, v) => s + v, 0) / n : NaN;
  if (n < 3) return { n, meanDiff, se: NaN, stat: NaN, p: NaN };
  const gamma = (k: number) => {
    let s = 0;
    for (let i = k; i < n; i++) s += (d[i] - meanDiff) * (d[i - k] - meanDiff);
    return s / n;
  };
  const g0 = gamma(0);
  let lrv = g0;
  const l = Math.min(lag, n - 1);
  for (let k = 1; k <= l; k++) lrv += 2 * (1 - k / (l + 1)) * gamma(k);
  lrv = Math.max(lrv, g0);
  const se = Math.sqrt(lrv / n);
  // Floating-point dust, not a real spread: identical or constant differences.
  const tiny = 1e-12 * Math.max(1, Math.abs(meanDiff));
  if (!(se > tiny)) return { n, meanDiff, se: 0, stat: meanDiff === 0 ? 0 : Math.sign(meanDiff) * Infinity, p: Math.abs(meanDiff) > tiny ? 0 : 1 };
  // Harvey–Leybourne–Newbold with a one-origin horizon: the origins' windows do not overlap.
  const stat = (meanDiff / se) * Math.sqrt((n - 1) / n);
  return { n, meanDiff, se, stat, p: studentTwoSidedP(stat, n - 1) };
}

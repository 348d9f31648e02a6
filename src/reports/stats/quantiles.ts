/**
 * Quantiles used by the prediction intervals: empirical quantiles of residuals (linear
 * interpolation, like numpy's default) and quantiles of a Poisson or, when the counts are
 * over-dispersed, a negative binomial with the same mean.
 */
import { Z95 } from './special';

/** The q-quantile (0–1) of already sorted values, interpolating linearly. */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The q-quantile of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  return sortedQuantile([...values].sort((a, b) => a - b), q);
}

/**
 * Smallest k with P(Y ≤ k) ≥ prob, for Y with mean `mu` and variance `dispersion · mu`
 * (Poisson when dispersion ≤ 1, negative binomial above). Large means use a normal approximation.
 */
export function countQuantile(mu: number, dispersion: number, prob: number): number {
  if (!(mu > 0)) return 0;
  const phi = Math.max(1, dispersion);
  if (mu > 30) {
    const z = prob >= 0.5 ? normalQuantileApprox(prob) : -normalQuantileApprox(1 - prob);
    return Math.max(0, Math.round(mu + z * Math.sqrt(phi * mu)));
  }
  let pk: number;
  let next: (k: number) => number;
  if (phi <= 1.0001) {
    pk = Math.exp(-mu);
    next = (k) => mu / (k + 1);
  } else {
    const r = mu / (phi - 1);
    pk = Math.exp(r * Math.log(r / (r + mu)));
    next = (k) => ((k + r) / (k + 1)) * (mu / (r + mu));
  }
  let cdf = pk;
  let k = 0;
  while (cdf < prob && k < 100_000) {
    pk *= next(k);
    k++;
    cdf += pk;
  }
  return k;
}

/** Upper-tail normal quantile for the probabilities intervals use (Acklam's rational approximation). */
function normalQuantileApprox(p: number): number {
  if (Math.abs(p - 0.975) < 1e-12) return Z95;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Prewhitening (Box–Jenkins): an autoregressive model fitted to one series, then the same filter
 * applied to both, so the first is close to independent days and a cross-correlation between
 * them is no longer inflated by each one's day-to-day persistence.
 */
import { mean } from './correlation';
import { autocorrelation } from './crosscorr';

/**
 * The AR(p) coefficients φ_1…φ_p of `x`, fitted by Yule–Walker (Levinson–Durbin) for
 * p = 0…maxOrder, keeping the order with the smallest AIC (n·ln σ²_p + 2p). [] for white noise
 * or a constant series.
 */
export function fitAr(x: readonly number[], maxOrder: number): number[] {
  const n = x.length;
  const order = Math.max(0, Math.min(maxOrder, n - 2));
  const rho = autocorrelation(x, order);
  if (!order || !Number.isFinite(rho[0])) return [];
  let phi: number[] = [];
  let err = 1;
  let best: number[] = [];
  let bestAic = n * Math.log(err);
  for (let p = 1; p <= order; p++) {
    let num = rho[p];
    for (let j = 1; j < p; j++) num -= phi[j - 1] * rho[p - j];
    const k = num / err;
    if (!Number.isFinite(k) || Math.abs(k) >= 1) break;
    phi = [...phi.map((f, j) => f - k * phi[p - 2 - j]), k];
    err *= 1 - k * k;
    const aic = n * Math.log(err) + 2 * p;
    if (aic < bestAic) {
      bestAic = aic;
      best = phi;
    }
  }
  return best;
}

/**
 * e_t = (v_t − v̄) − Σ φ_j (v_{t−j} − v̄) for t = p…n−1: the series through the AR filter, its
 * first p days dropped (item i is day p + i).
 */
export function arFilter(v: readonly number[], phi: readonly number[]): number[] {
  const m = mean(v);
  const out: number[] = [];
  for (let t = phi.length; t < v.length; t++) {
    let e = v[t] - m;
    for (let j = 1; j <= phi.length; j++) e -= phi[j - 1] * (v[t - j] - m);
    out.push(e);
  }
  return out;
}

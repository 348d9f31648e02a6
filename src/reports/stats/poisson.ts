/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares (IRLS),
 * with a small ridge penalty on every coefficient but the intercept (column 0) so that
 * collinear calendar terms stay solvable. Also the over-dispersion estimate used for intervals.
 */
import { choleskySolve } from './linalg';

/** A fitted Poisson regression. */
export interface PoissonFit {
  beta: Float64Array;
  iterations: number;
  converged: boolean;
  /** Pearson χ² / (n − p): 1 for Poisson noise, more when the counts are over-dispersed. */
  dispersion: number;
}

/** IRLS settings: ridge on non-intercept terms, iterations, tolerance. */
export interface PoissonOptions {
  ridge?: number;
  maxIter?: number;
  tol?: number;
}

const ETA_LIMIT = 30;

/** Linear predictor clamped so exp() stays finite. */
function linear(x: Float64Array, row: number, beta: Float64Array, p: number): number {
  let eta = 0;
  for (let j = 0; j < p; j++) eta += x[row * p + j] * beta[j];
  return Math.max(-ETA_LIMIT, Math.min(ETA_LIMIT, eta));
}

/** Fits log E[y] = X·β; `x` is n × p row-major with an intercept column first. */
export function fitPoisson(x: Float64Array, y: ArrayLike<number>, p: number, opts: PoissonOptions = {}): PoissonFit {
  const n = y.length;
  const ridge = opts.ridge ?? 0.5;
  const maxIter = opts.maxIter ?? 50;
  const tol = opts.tol ?? 1e-8;
  let ySum = 0;
  for (let i = 0; i < n; i++) ySum += y[i];
  const beta = new Float64Array(p);
  beta[0] = Math.log(ySum / Math.max(1, n) + 0.1);
  let iterations = 0;
  let converged = false;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  while (iterations < maxIter && !converged) {
    iterations++;
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < n; i++) {
      const eta = linear(x, i, beta, p);
      const mu = Math.exp(eta);
      const z = eta + (y[i] - mu) / mu;
      for (let a = 0; a < p; a++) {
        const wa = mu * x[i * p + a];
        if (wa === 0) continue;
        xtwz[a] += wa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b] += wa * x[i * p + b];
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
      if (a > 0) xtwx[a * p + a] += ridge;
    }
    const next = choleskySolve(xtwx, xtwz, p);
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(next[j] - beta[j]));
    beta.set(next);
    converged = change < tol;
  }
  let chi2 = 0;
  for (let i = 0; i < n; i++) {
    const mu = Math.exp(linear(x, i, beta, p));
    chi2 += (y[i] - mu) ** 2 / mu;
  }
  return { beta, iterations, converged, dispersion: n > p ? chi2 / (n - p) : 1 };
}

/** exp(row · β) for one design row. */
export function predictPoisson(row: readonly number[], beta: Float64Array): number {
  let eta = 0;
  for (let j = 0; j < row.length; j++) eta += row[j] * beta[j];
  return Math.exp(Math.max(-ETA_LIMIT, Math.min(ETA_LIMIT, eta)));
}

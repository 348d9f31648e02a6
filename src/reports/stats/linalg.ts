/**
 * The little linear algebra the count model needs: solving a symmetric positive-definite
 * system by Cholesky decomposition. Matrices are row-major Float64Arrays.
 */

/** Solves A·x = b for symmetric positive-definite A (p × p); a tiny ridge rescues near-singular A. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  for (let jitter = 0; jitter < 6; jitter++) {
    const l = cholesky(a, p, jitter === 0 ? 0 : 1e-10 * 100 ** jitter);
    if (!l) continue;
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
      y[i] = s / l[i * p + i];
    }
    const x = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
      x[i] = s / l[i * p + i];
    }
    return x;
  }
  throw new Error('matrix is not positive definite');
}

function cholesky(a: Float64Array, p: number, jitter: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] + (i === j ? jitter * Math.max(1, Math.abs(a[i * p + i])) : 0);
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j];
      }
    }
  }
  return l;
}

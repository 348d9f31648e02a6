/** IRLS Poisson regression against a Newton fit in numpy, and the count quantiles. */
import { describe, expect, it } from 'vitest';
import { fitPoisson, predictPoisson } from '../../../../src/reports/stats/poisson';
import { choleskySolve } from '../../../../src/reports/stats/linalg';
import { countQuantile, quantile } from '../../../../src/reports/stats/quantiles';
import { designRow, designWidth, makeDesign } from '../../../../src/reports/stats/design';

describe('reports/stats/poisson', () => {
  it('matches the maximum-likelihood fit (no ridge)', () => {
    const y = [1, 0, 2, 3, 1, 4, 5, 3, 6, 8];
    const x = new Float64Array(y.flatMap((_, i) => [1, i]));
    const fit = fitPoisson(x, y, 2, { ridge: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(-0.10510895, 7);
    expect(fit.beta[1]).toBeCloseTo(0.23873141, 7);
    expect(fit.dispersion).toBeCloseTo(0.5365400450353393, 6);
    expect(predictPoisson([1, 0], fit.beta)).toBeCloseTo(Math.exp(-0.10510895), 6);
  });

  it('intercept-only fit is the log of the mean; all-zero counts stay finite', () => {
    const y = [3, 5, 4, 4];
    expect(fitPoisson(new Float64Array([1, 1, 1, 1]), y, 1).beta[0]).toBeCloseTo(Math.log(4), 10);
    const zero = fitPoisson(new Float64Array([1, 1, 1]), [0, 0, 0], 1);
    expect(Number.isFinite(zero.beta[0])).toBe(true);
    expect(predictPoisson([1], zero.beta)).toBeLessThan(1e-6);
  });

  it('cholesky solves a small SPD system', () => {
    const a = new Float64Array([4, 2, 2, 3]);
    const sol = choleskySolve(a, new Float64Array([2, 1]), 2);
    expect(sol[0]).toBeCloseTo(0.5, 12);
    expect(sol[1]).toBeCloseTo(0, 12);
  });

  it('design: weekday dummies, trend, Fourier terms only with a year of data', () => {
    const short = makeDesign('2024-01-01', 100);
    expect(designWidth(short)).toBe(8);
    expect(designRow(short, 0).slice(0, 7)).toEqual([1, 0, 0, 0, 0, 0, 0]); // a Monday
    expect(designRow(short, 6).slice(0, 7)).toEqual([1, 0, 0, 0, 0, 0, 1]); // a Sunday
    expect(designWidth(makeDesign('2024-01-01', 400))).toBe(12);
  });

  it('quantiles match numpy and scipy', () => {
    expect([0.1, 0.5, 0.9].map((q) => quantile([3, 1, 4, 1, 5, 9, 2, 6], q))).toEqual([1, 3.5, expect.closeTo(6.9, 12)]);
    expect([countQuantile(2.3, 1, 0.05), countQuantile(2.3, 1, 0.95)]).toEqual([0, 5]);
    expect([countQuantile(2.3, 1.8, 0.05), countQuantile(2.3, 1.8, 0.95)]).toEqual([0, 6]);
    const big = [countQuantile(200, 1, 0.05), countQuantile(200, 1, 0.95)];
    expect(Math.abs(big[0] - 177)).toBeLessThanOrEqual(1);
    expect(Math.abs(big[1] - 224)).toBeLessThanOrEqual(1);
    expect(countQuantile(0, 1, 0.95)).toBe(0);
  });
});

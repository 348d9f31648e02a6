/** The prewhitening AR fit and filter. */
import { describe, expect, it } from 'vitest';
import { arFilter, fitAr } from '../../../../src/reports/stats/prewhiten';
import { autocorrelation } from '../../../../src/reports/stats/crosscorr';
import { rng } from '../fixture';

/** A standard normal draw (Box–Muller). */
function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

describe('reports/stats/prewhiten', () => {
  it('recovers AR(2) coefficients and whitens the series', () => {
    const rand = rng(5);
    const x: number[] = [0, 0];
    for (let t = 2; t < 5000; t++) x.push(0.5 * x[t - 1] + 0.3 * x[t - 2] + gauss(rand));
    const phi = fitAr(x, 10);
    expect(phi.length).toBeGreaterThanOrEqual(2);
    expect(phi[0]).toBeCloseTo(0.5, 1);
    expect(phi[1]).toBeCloseTo(0.3, 1);
    const e = arFilter(x, phi);
    expect(e).toHaveLength(x.length - phi.length);
    const rho = autocorrelation(e, 5);
    for (let k = 1; k <= 5; k++) expect(Math.abs(rho[k])).toBeLessThan(0.05);
  });

  it('keeps white noise as it is (order 0 or nearly so)', () => {
    const rand = rng(6);
    const x = Array.from({ length: 2000 }, () => gauss(rand));
    expect(fitAr(x, 10).length).toBeLessThanOrEqual(2);
    expect(fitAr([3, 3, 3, 3, 3, 3], 2)).toEqual([]);
    expect(arFilter([1, 2, 3], [])).toEqual([-1, 0, 1]);
  });
});

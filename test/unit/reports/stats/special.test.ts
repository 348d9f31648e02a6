/** Special functions against values from scipy 1.17. */
import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail, logGamma, normalUpperTail, regularizedBeta, regularizedGammaQ, studentTwoSidedP,
} from '../../../../src/reports/stats/special';

describe('reports/stats/special', () => {
  it.each([
    ['logGamma(10.5)', () => logGamma(10.5), 13.940625219403763],
    ['logGamma(0.3)', () => logGamma(0.3), 1.0957979948180756],
    ['I_0.5(2, 3)', () => regularizedBeta(0.5, 2, 3), 0.6875],
    ['I_0.2(0.5, 5)', () => regularizedBeta(0.2, 0.5, 5), 0.8550723945959195],
    ['Q(3, 2.5)', () => regularizedGammaQ(3, 2.5), 0.5438131158833297],
    ['Q(0.5, 2)', () => regularizedGammaQ(0.5, 2), 0.04550026389635857],
    ['t = 2, df = 10', () => studentTwoSidedP(2, 10), 0.07338803477074037],
    ['t = 3.5, df = 4', () => studentTwoSidedP(3.5, 4), 0.024896163460222748],
    ['χ² 3.84, k = 1', () => chiSquareUpperTail(3.84, 1), 0.05004352124870519],
    ['χ² 20, k = 11', () => chiSquareUpperTail(20, 11), 0.04534067443406042],
    ['P(Z > 1.96)', () => normalUpperTail(1.96), 0.024997895148220435],
    ['P(Z > -0.5)', () => normalUpperTail(-0.5), 0.6914624612740131],
  ] as const)('%s', (_name, f, expected) => {
    expect(f()).toBeCloseTo(expected, 10);
  });

  it('edges', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(studentTwoSidedP(Infinity, 5)).toBe(0);
  });
});

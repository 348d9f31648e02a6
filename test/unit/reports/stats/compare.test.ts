/** The paired Diebold–Mariano test: the classic paired t-test at lag 0, the HAC floor, and degenerate inputs. */
import { describe, expect, it } from 'vitest';
import { dieboldMariano } from '../../../../src/reports/stats/compare';

describe('reports/stats/compare', () => {
  it('at lag 0 it is the paired t-test (t = 4.243, df 4, p = 0.0132)', () => {
    const t = dieboldMariano([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 0);
    expect(t.n).toBe(5);
    expect(t.meanDiff).toBe(3);
    expect(t.stat).toBeCloseTo(4.242641, 5);
    expect(t.p).toBeCloseTo(0.0132356, 6);
  });

  it('negative autocorrelation never makes the long-run variance smaller than the plain one', () => {
    const a = [1, -0.5, 2, 0.3, -1, 1.5];
    const zero = a.map(() => 0);
    // γ0 = 6.775 / 6, γ1 < 0: the Newey–West sum is floored at γ0
    expect(dieboldMariano(a, zero, 1).se).toBeCloseTo(Math.sqrt(6.775 / 6 / 6), 12);
    expect(dieboldMariano(a, zero, 1).p).toBeCloseTo(dieboldMariano(a, zero, 0).p, 12);
  });

  it('positive autocorrelation widens the standard error', () => {
    const a = [3, 2.5, 2.8, -1, -1.5, -0.8, 2.9, 2.2];
    const zero = a.map(() => 0);
    expect(dieboldMariano(a, zero, 1).se).toBeGreaterThan(dieboldMariano(a, zero, 0).se);
  });

  it('identical losses give p = 1, a constant difference p = 0, too few origins no p at all', () => {
    expect(dieboldMariano([1, 2, 3], [1, 2, 3]).p).toBe(1);
    expect(dieboldMariano([2, 2, 2, 2], [1, 1, 1, 1]).p).toBe(0);
    expect(dieboldMariano([1, 2], [0, 0]).p).toBeNaN();
    // non-finite origins are left out of the pairs
    expect(dieboldMariano([1, NaN, 3, 4], [0, 0, 0, NaN]).n).toBe(2);
  });
});

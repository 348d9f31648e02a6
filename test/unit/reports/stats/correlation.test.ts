/** Correlations, tests and the fit line against hand-checked and scipy values. */
import { describe, expect, it } from 'vitest';
import { correlationTest, linearFit, mean, pearson, ranks, spearman } from '../../../../src/reports/stats/correlation';

const x = [1, 2, 3, 4, 5, 6, 7, 8];
const y = [2, 1, 4, 3, 7, 8, 6, 9];

describe('reports/stats/correlation', () => {
  it('pearson: exact cases and a scipy value', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    // x = 1..5, y = 2,4,5,4,5: sxy = 6, sxx = 10, syy = 6 → r = 6 / √60
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 15);
    expect(pearson(x, y)).toBeCloseTo(0.8964214570007951, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
  });

  it('ranks share ties; spearman matches scipy', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 2, 3, 5], [1, 3, 2, 2, 4])).toBeCloseTo(0.7631578947368421, 12);
  });

  it('p-value and Fisher-z interval', () => {
    const t = correlationTest(pearson(x, y), x.length);
    expect(t.p).toBeCloseTo(0.002566766096253243, 10);
    expect(t.ciLow).toBeCloseTo(0.520608645286509, 10);
    expect(t.ciHigh).toBeCloseTo(0.9812527738012913, 10);
    expect(correlationTest(0.5, 3).ciLow).toBeNaN();
    expect(correlationTest(NaN, 10).p).toBeNaN();
  });

  it('least squares', () => {
    const f = linearFit(x, y);
    expect(f.slope).toBeCloseTo(1.0714285714285714, 12);
    expect(f.intercept).toBeCloseTo(0.17857142857142883, 12);
    expect(mean([])).toBeNaN();
  });
});

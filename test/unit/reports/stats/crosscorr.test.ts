/** Deseasonalizing and lagged correlation. */
import { describe, expect, it } from 'vitest';
import { crossCorrelation, deseasonalize } from '../../../../src/reports/stats/crosscorr';
import { addDays, dayOfYear, dayRange, daysBetween, isoWeekday } from '../../../../src/reports/stats/calendar';
import { rng } from '../fixture';

describe('reports/stats/calendar', () => {
  it('civil dates', () => {
    expect(isoWeekday('2024-01-01')).toBe(1);
    expect(isoWeekday('2023-12-31')).toBe(7);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(dayRange('2024-01-30', '2024-02-02')).toEqual(['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02']);
  });
});

describe('reports/stats/crosscorr', () => {
  it('removes weekday × month cell means', () => {
    const days = dayRange('2024-01-01', '2024-01-14');
    const values = days.map((d) => (isoWeekday(d) >= 6 ? 10 : 2));
    expect(deseasonalize(values, days).every((v) => Math.abs(v) < 1e-12)).toBe(true);
    const bumped = [...values];
    bumped[0] += 4; // Monday Jan 1 vs Monday Jan 8: cell mean 4 → residuals +2, −2
    const r = deseasonalize(bumped, days);
    expect(r[0]).toBeCloseTo(2, 12);
    expect(r[7]).toBeCloseTo(-2, 12);
  });

  it('finds a shift at the right lag, with the right sign', () => {
    const rand = rng(7);
    const x = Array.from({ length: 300 }, () => rand());
    const y = x.map((_, t) => (t >= 3 ? x[t - 3] : rand())); // y repeats x three days later
    const cc = crossCorrelation(x, y, 7);
    expect(cc.map((c) => c.lag)).toEqual([-7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7]);
    const best = cc.reduce((a, b) => (b.r > a.r ? b : a));
    expect(best.lag).toBe(3);
    expect(best.r).toBeCloseTo(1, 12);
    expect(best.n).toBe(297);
    expect(Math.abs(cc.find((c) => c.lag === 0)!.r)).toBeLessThan(0.2);
  });
});

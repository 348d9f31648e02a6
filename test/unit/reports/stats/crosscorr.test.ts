/** Calendar residuals, autocorrelation, Bartlett's factor and lagged correlation. */
import { describe, expect, it } from 'vitest';
import {
  autocorrelation, bartlettFactor, calendarResiduals, crossCorrelation, LEVEL_WINDOW, movingLevel,
} from '../../../../src/reports/stats/crosscorr';
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
  it('takes the mean of a whole 28-day window around each day, the first or last one near the ends', () => {
    const v = Array.from({ length: 60 }, (_, t) => t);
    const level = movingLevel(v);
    expect(LEVEL_WINDOW).toBe(28);
    expect(level[30]).toBeCloseTo(30 - 0.5, 12); // days 16…43
    expect(level[0]).toBeCloseTo(13.5, 12); // days 0…27
    expect(level[13]).toBeCloseTo(13.5, 12);
    expect(level[59]).toBeCloseTo(45.5, 12); // days 32…59
    expect(movingLevel([1, 2, 3])).toEqual([2, 2, 2]);
  });

  it('removes a weekday pattern that scales with a trend, leaving nothing', () => {
    const days = dayRange('2024-01-01', '2024-06-30');
    const week = [0, 1.2, 1.1, 1, 1, 1.1, 0.6, 0.5];
    // A steep linear trend times a weekly pattern: away from the 14 days at each end (whose
    // level is the first or last window's), what is left is under 1% of the values.
    const values = days.map((d, t) => (100 + t) * week[isoWeekday(d)]);
    const r = calendarResiduals(values, days);
    const mid = r.map((v, t) => Math.abs(v) / values[t]).slice(LEVEL_WINDOW / 2, -LEVEL_WINDOW / 2);
    expect(Math.max(...mid)).toBeLessThan(0.01);
    const bumped = [...values];
    bumped[90] += 50;
    const rb = calendarResiduals(bumped, days);
    expect(rb[90] - r[90]).toBeGreaterThan(45);
  });

  it('autocorrelation and Bartlett\'s factor', () => {
    const rand = rng(3);
    const white = Array.from({ length: 2000 }, () => rand() - 0.5);
    expect(autocorrelation(white, 3)[0]).toBe(1);
    expect(Math.abs(autocorrelation(white, 3)[1])).toBeLessThan(0.1);
    const ar = (phi: number) => {
      const out = [0];
      for (let t = 1; t < 4000; t++) out.push(phi * out[t - 1] + (rand() - 0.5));
      return out;
    };
    const x = ar(0.8);
    const y = ar(0.8);
    expect(autocorrelation(x, 1)[1]).toBeCloseTo(0.8, 1);
    // Two AR(1) series with φ = 0.8: 1 + 2 Σ 0.64^j = (1 + 0.64) / (1 − 0.64) ≈ 4.56.
    expect(bartlettFactor(x, y, 40)).toBeGreaterThan(3.5);
    expect(bartlettFactor(x, y, 40)).toBeLessThan(5.5);
    expect(bartlettFactor(white, white.map((v) => -v), 10)).toBeGreaterThanOrEqual(1);
    expect(bartlettFactor(white, [...white].reverse(), 10)).toBeLessThan(1.1);
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
    expect(cc.find((c) => c.lag === 0)!.band).toBeCloseTo(1.96 / Math.sqrt(300), 3);
  });

  it('widens the band, interval and p-value by the variance factor', () => {
    const rand = rng(11);
    const x = Array.from({ length: 400 }, () => rand());
    const y = x.map((v) => v + 4 * rand());
    const plain = crossCorrelation(x, y, 2);
    const wide = crossCorrelation(x, y, 2, 4);
    for (let i = 0; i < plain.length; i++) {
      expect(wide[i].r).toBe(plain[i].r);
      expect(wide[i].band).toBeCloseTo(2 * plain[i].band, 12);
      expect(wide[i].ciHigh - wide[i].ciLow).toBeGreaterThan(1.9 * (plain[i].ciHigh - plain[i].ciLow));
      expect(wide[i].p).toBeGreaterThanOrEqual(plain[i].p);
    }
  });
});

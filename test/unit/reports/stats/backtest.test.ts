/** Baselines by hand, the rolling origins, and the backtest's sanity on synthetic Poisson data (the verdict: verdict.test.ts). */
import { describe, expect, it } from 'vitest';
import { backtestOrigins, rollingOrigin, DEFAULT_BACKTEST } from '../../../../src/reports/stats/backtest';
import { MODELS, movingAverage, seasonalNaive, trainingMean, weekdayMean, type DailySeries } from '../../../../src/reports/stats/models';
import { addDays, dayOfYear, isoWeekday } from '../../../../src/reports/stats/calendar';
import { poisson, rng } from '../fixture';

/** Daily Poisson counts with a weekday effect, an annual cycle and a slight trend. */
function synthetic(days: number, seed: number, base = 3): DailySeries {
  const rand = rng(seed);
  const start = '2021-01-01';
  const values = Array.from({ length: days }, (_, t) => {
    const d = addDays(start, t);
    const weekday = isoWeekday(d) >= 6 ? 0.6 : 1.15;
    const season = Math.exp(0.3 * Math.sin((2 * Math.PI * dayOfYear(d)) / 365.25));
    return poisson(rand, base * weekday * season * (1 + t / 5000));
  });
  return { start, values };
}

describe('reports/stats/models', () => {
  const s: DailySeries = { start: '2024-01-01', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] };

  it('seasonal naive repeats last week; moving average is the last 7 days', () => {
    expect(seasonalNaive.forecast(s, 9).map((f) => f.mean)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
    expect(movingAverage.forecast(s, 3).map((f) => f.mean)).toEqual([11, 11, 11]);
    // in-sample seasonal-naive errors are all +7, so the interval is [mean + 7, mean + 7]
    expect(seasonalNaive.forecast(s, 1)[0]).toEqual({ mean: 8, lo: 15, hi: 15 });
  });

  it('training mean is the whole window; weekday mean the same weekday over all weeks', () => {
    expect(trainingMean.forecast(s, 2).map((f) => f.mean)).toEqual([7.5, 7.5]);
    // days 0 and 7 are the same weekday: (1 + 8) / 2, then (2 + 9) / 2, …
    expect(weekdayMean.forecast(s, 8).map((f) => f.mean)).toEqual([4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 4.5]);
    // a weekday the window lacks gets the overall mean
    expect(weekdayMean.forecast({ start: s.start, values: [2, 4, 6] }, 5).map((f) => f.mean)).toEqual([4, 4, 4, 4, 2]);
    // count intervals: integers around the mean
    const fc = trainingMean.forecast({ start: s.start, values: [3, 2, 4, 3, 3, 2, 4, 3] }, 1)[0];
    expect(fc.mean).toBe(3);
    expect(Number.isInteger(fc.lo) && Number.isInteger(fc.hi) && fc.lo < 3 && fc.hi > 3).toBe(true);
  });

  it('every forecaster is a baseline or a model, baselines first', () => {
    expect(MODELS.map((m) => `${m.role}:${m.id}`)).toEqual([
      'baseline:seasonal-naive', 'baseline:training-mean', 'baseline:weekday-mean', 'model:moving-average', 'model:poisson',
    ]);
  });

  it('origins step back from the end, each with enough training days', () => {
    const weekly = { horizon: 7, origins: 8, step: 7, minTrain: 28, maxTrain: 1096 };
    expect(backtestOrigins(100, weekly)).toEqual([44, 51, 58, 65, 72, 79, 86, 93]);
    expect(backtestOrigins(50, weekly)).toEqual([29, 36, 43]);
    expect(backtestOrigins(30, weekly)).toEqual([]);
    // the default scores the full 14 days the report draws, from origins 14 days apart
    expect(backtestOrigins(100, DEFAULT_BACKTEST)).toEqual([30, 44, 58, 72, 86]);
    expect(backtestOrigins(400, DEFAULT_BACKTEST)).toHaveLength(12);
  });
});

describe('reports/stats/backtest', () => {
  it.each([11, 12, 13])('on synthetic Poisson data (seed %i) the Poisson model has lower errors than seasonal naive', (seed) => {
    const bt = rollingOrigin(synthetic(3 * 365, seed), MODELS, DEFAULT_BACKTEST);
    const by = Object.fromEntries(bt.scores.map((sc) => [sc.model, sc]));
    expect(by.poisson.mae).toBeLessThan(by['seasonal-naive'].mae);
    expect(by.poisson.rmse).toBeLessThan(by['seasonal-naive'].rmse);
    expect(by.poisson.forecasts).toBe(12 * 14);
    expect(by.poisson.coverage).toBeGreaterThan(0.8);
  });

  it('pools the per-origin squared errors into MSE and RMSE', () => {
    const bt = rollingOrigin(synthetic(200, 5), MODELS, DEFAULT_BACKTEST);
    for (const sc of bt.scores) {
      expect(sc.originMse).toHaveLength(bt.origins.length);
      expect(sc.mse).toBeCloseTo(sc.originMse.reduce((a, b) => a + b, 0) / sc.originMse.length, 12);
      expect(sc.rmse).toBeCloseTo(Math.sqrt(sc.mse), 12);
    }
  });
});

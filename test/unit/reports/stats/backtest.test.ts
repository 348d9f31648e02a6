/** Baselines by hand, the rolling origins, and the backtest's sanity on synthetic Poisson data. */
import { describe, expect, it } from 'vitest';
import { backtestOrigins, rollingOrigin, DEFAULT_BACKTEST } from '../../../../src/reports/stats/backtest';
import { MODELS, movingAverage, seasonalNaive, type DailySeries } from '../../../../src/reports/stats/models';
import { verdict } from '../../../../src/reports/stats/verdict';
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

  it('origins step back from the end, each with enough training days', () => {
    expect(backtestOrigins(100, DEFAULT_BACKTEST)).toEqual([44, 51, 58, 65, 72, 79, 86, 93]);
    expect(backtestOrigins(50, DEFAULT_BACKTEST)).toEqual([29, 36, 43]);
    expect(backtestOrigins(30, DEFAULT_BACKTEST)).toEqual([]);
  });
});

describe('reports/stats/backtest', () => {
  it.each([11, 12, 13])('on synthetic Poisson data (seed %i) the Poisson model beats seasonal naive', (seed) => {
    const bt = rollingOrigin(synthetic(3 * 365, seed), MODELS, { ...DEFAULT_BACKTEST, origins: 12 });
    const by = Object.fromEntries(bt.scores.map((sc) => [sc.model, sc]));
    expect(by.poisson.mae).toBeLessThan(by['seasonal-naive'].mae);
    expect(by.poisson.rmse).toBeLessThan(by['seasonal-naive'].rmse);
    expect(by.poisson.forecasts).toBe(84);
    expect(by.poisson.coverage).toBeGreaterThan(0.8);
    const v = verdict(bt.scores);
    expect(v.winner).not.toBe('seasonal-naive');
    expect(v.text).toMatch(/wins: MAE/);
  });

  it('the verdict says so when nothing beats the baseline', () => {
    const sc = (model: 'seasonal-naive' | 'moving-average' | 'poisson', mae: number) => ({ model, label: model, mae, rmse: mae, coverage: 0.9, forecasts: 10 });
    const v = verdict([sc('seasonal-naive', 1), sc('moving-average', 1.2), sc('poisson', 1.1)]);
    expect(v.winner).toBe('seasonal-naive');
    expect(v.text).toMatch(/^No model beats the seasonal-naive baseline/);
    expect(v.text).not.toMatch(/By RMSE/);
    const close = verdict([sc('seasonal-naive', 1), sc('moving-average', 1.2), sc('poisson', 0.99)]);
    expect(close.winner).toBe('poisson');
    expect(close.text).toMatch(/within noise/);
  });
});

/**
 * The verdict claims skill only when the paired test supports it: on pure Poisson noise it
 * names no winner (regression: it used to declare one on every noise series, against the
 * weakest baseline and by MAE), on series with real structure a model beats the baselines,
 * and the text never says a model beats them without the test.
 */
import { describe, expect, it } from 'vitest';
import { rollingOrigin, DEFAULT_BACKTEST, type ModelScore } from '../../../../src/reports/stats/backtest';
import { MODELS, type ModelId } from '../../../../src/reports/stats/models';
import { ALPHA, verdict, type Verdict } from '../../../../src/reports/stats/verdict';
import { addDays, dayOfYear, isoWeekday } from '../../../../src/reports/stats/calendar';
import { poisson, rng } from '../fixture';

const START = '2021-01-01';

/** Independent Poisson(λ) counts: nothing any model could learn. */
function noise(days: number, seed: number, lambda: number): number[] {
  const rand = rng(seed);
  return Array.from({ length: days }, () => poisson(rand, lambda));
}

/** Poisson counts with a weekday pattern and either an annual cycle or a trend. */
function structured(days: number, seed: number, kind: 'season' | 'trend'): number[] {
  const rand = rng(seed);
  return Array.from({ length: days }, (_, t) => {
    const d = addDays(START, t);
    const weekday = isoWeekday(d) >= 6 ? 0.7 : 1.12;
    const level = kind === 'season' ? 3 * Math.exp(0.5 * Math.sin((2 * Math.PI * dayOfYear(d)) / 365.25)) : 2 * (1 + (2 * t) / days);
    return poisson(rand, level * weekday);
  });
}

const run = (values: number[]) => verdict(rollingOrigin({ start: START, values }, MODELS, DEFAULT_BACKTEST).scores);

/** The text's claims agree with the numbers: "beats" only for a model the test supports. */
function expectHonest(v: Verdict): void {
  expect(v.text).not.toMatch(/\bwins?\b/);
  const supported = v.comparisons.filter((c) => c.beats);
  for (const c of supported) {
    expect(c.test.meanDiff).toBeLessThan(0);
    expect(c.test.p).toBeLessThan(ALPHA);
  }
  if (!v.skill) {
    expect(supported).toEqual([]);
    expect(v.winner).toBe(v.reference);
    expect(v.improvement).toBe(0);
    expect(v.text).toMatch(/^No model beats the naive baselines on this history/);
    // "beats" only in that denial
    expect(v.text.match(/beats?\b/g)).toEqual(['beats']);
  } else {
    expect(supported.map((c) => c.model)).toContain(v.winner);
    expect(v.text).toMatch(/beats the naive baselines/);
  }
}

describe('reports/stats/verdict', () => {
  it('on pure Poisson noise (100 seeds) claims no winner in at least 90, and never without the test', () => {
    let claims = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const v = run(noise(400, seed, [0.3, 1, 3][seed % 3]));
      expectHonest(v);
      if (v.skill) claims++;
      else expect(['seasonal-naive', 'training-mean', 'weekday-mean']).toContain(v.winner);
    }
    expect(claims).toBeLessThanOrEqual(10);
  }, 120_000);

  it.each([
    ['season', 21], ['season', 22], ['season', 23], ['trend', 31], ['trend', 32], ['trend', 33],
  ] as const)('on a series with a real %s (seed %i) a model beats the baselines', (kind, seed) => {
    const v = run(structured(3 * 365, seed, kind));
    expectHonest(v);
    expect(v.skill).toBe(true);
    expect(['moving-average', 'poisson']).toContain(v.winner);
    expect(v.improvement).toBeGreaterThan(0);
  }, 30_000);
});

describe('reports/stats/verdict on given scores', () => {
  const score = (model: ModelId, originMse: number[]): ModelScore => {
    const mse = originMse.reduce((a, b) => a + b, 0) / originMse.length;
    const role = model === 'moving-average' || model === 'poisson' ? 'model' : 'baseline';
    return { model, label: model, role, mse, rmse: Math.sqrt(mse), mae: Math.sqrt(mse), coverage: 0.9, forecasts: originMse.length * 14, originMse };
  };
  const base = [1.0, 1.3, 0.8, 1.1, 0.9, 1.2, 1.0, 0.7, 1.4, 1.0, 0.9, 1.1];
  const shift = (k: number, jitter: number[] = []) => base.map((v, i) => v * k + (jitter[i % jitter.length] ?? 0));
  const baselines = [score('seasonal-naive', shift(2)), score('training-mean', base), score('weekday-mean', shift(1.02))];

  it('the reference is the best baseline, not seasonal naive', () => {
    const v = verdict([...baselines, score('moving-average', shift(1.2)), score('poisson', shift(1.05))]);
    expect(v.reference).toBe('training-mean');
    expect(v.winner).toBe('training-mean');
    expect(v.skill).toBe(false);
    expectHonest(v);
    expect(v.text).toContain('the best baseline is the training mean');
  });

  it('a lower pooled error the origins do not support is no win (the old verdict called 1% a win "within noise")', () => {
    // 20% lower on average, but from two origins only: not a consistent difference
    const lumpy = base.map((v, i) => (i < 2 ? v - 1.2 * (i + 1) * 0.6 : v + 0.06));
    const v = verdict([...baselines, score('moving-average', shift(1.2)), score('poisson', lumpy)]);
    expect(score('poisson', lumpy).mse).toBeLessThan(score('training-mean', base).mse);
    expect(v.comparisons.find((c) => c.model === 'poisson')!.test.p).toBeGreaterThan(ALPHA);
    expect(v.skill).toBe(false);
    expectHonest(v);
  });

  it('a consistent improvement is a win, drawn with its interval', () => {
    const v = verdict([...baselines, score('moving-average', shift(1.2)), score('poisson', shift(0.8, [0.01, -0.02, 0.015]))]);
    expect(v.skill).toBe(true);
    expect(v.winner).toBe('poisson');
    expect(v.improvement).toBeCloseTo(0.2, 1);
    expectHonest(v);
    expect(v.text).toMatch(/^Poisson regression beats the naive baselines: RMSE/);
    expect(v.text).toMatch(/The 7-day moving average does not beat them/);
  });

  it('between two models that both beat the baselines, the complex one only when significantly better', () => {
    const tied = verdict([...baselines, score('moving-average', shift(0.8, [0.01, -0.01])), score('poisson', shift(0.79, [-0.03, 0.04, 0.0]))]);
    expect(tied.skill).toBe(true);
    expect(tied.winner).toBe('moving-average');
    expect(tied.text).toMatch(/neither is significantly better than the other .*so the chart shows the simpler one/);
    expectHonest(tied);
    const clear = verdict([...baselines, score('moving-average', shift(0.9, [0.01, -0.01])), score('poisson', shift(0.7, [0.01, -0.02, 0.015]))]);
    expect(clear.winner).toBe('poisson');
    expect(clear.text).toMatch(/also beats the baselines .*but Poisson regression does significantly better than it/);
    expectHonest(clear);
  });

  it('without scored baselines it says it could not score', () => {
    expect(verdict([]).text).toBe('The backtest could not score the models.');
  });
});

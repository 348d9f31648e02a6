/**
 * What the backtest supports, in numbers and one plain paragraph. The reference is the best
 * naive baseline by mean squared error (the loss that rewards forecasting the mean; MAE
 * rewards the median, which for sparse counts is 0). A model "beats" the baselines only when
 * a paired test over the origins (see compare.ts) says its loss is lower at p < ALPHA; between
 * two models that both do, the more complex one is chosen only when it is significantly better.
 * Otherwise the verdict says that no model beats the baselines and the best baseline is shown.
 */
import type { ModelScore } from './backtest';
import { dieboldMariano, type PairedTest } from './compare';
import { INTERVAL_LEVEL, type ModelId } from './models';
import { fmtP } from '../format';

/** Significance level of the paired tests. */
export const ALPHA = 0.05;

/** One model against the best baseline. */
export interface Comparison {
  model: ModelId;
  /** (model MSE − reference MSE) / reference MSE: negative when the model does better. */
  relMse: number;
  /** The paired test of model vs reference. */
  test: PairedTest;
  /** Lower loss, and the test supports it. */
  beats: boolean;
}

/** The outcome of the backtest, in numbers and words. */
export interface Verdict {
  /** The forecast the report draws with its interval: the chosen model, or the best baseline. */
  winner: ModelId;
  /** The best baseline by MSE, which models must beat. */
  reference: ModelId;
  /** Whether some model beats the reference by the paired test. */
  skill: boolean;
  /** (reference MSE − winner MSE) / reference MSE when `skill`; 0 otherwise. */
  improvement: number;
  /** Every model (not baseline) against the reference, in the order of the scores. */
  comparisons: Comparison[];
  text: string;
}

/** Names inside a sentence. */
const NAMES: Record<ModelId, string> = {
  'seasonal-naive': 'seasonal naive',
  'training-mean': 'training mean',
  'weekday-mean': 'weekday mean',
  'moving-average': '7-day moving average',
  poisson: 'Poisson regression',
};
const name = (id: ModelId) => NAMES[id] ?? id;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const the = (id: ModelId) => (id === 'poisson' ? name(id) : `the ${name(id)}`);
const LEVEL = `${Math.round(INTERVAL_LEVEL * 100)}%`;
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (v: number) => (Math.abs(v) < 0.1 ? `${(Math.abs(v) * 100).toFixed(1)}%` : `${Math.round(Math.abs(v) * 100)}%`);
const better = (t: PairedTest, alpha: number) => t.meanDiff < 0 && t.p < alpha;

/** Decides which forecast the backtest supports; `scores` list the models from simplest to most complex. */
export function verdict(scores: readonly ModelScore[], alpha = ALPHA): Verdict {
  const baselines = scores.filter((s) => s.role === 'baseline' && Number.isFinite(s.mse));
  const models = scores.filter((s) => s.role === 'model');
  if (!baselines.length) {
    const fallback = scores.find((s) => s.role === 'baseline')?.model ?? scores[0]?.model ?? 'seasonal-naive';
    return { winner: fallback, reference: fallback, skill: false, improvement: 0, comparisons: [], text: 'The backtest could not score the models.' };
  }
  const ref = baselines.reduce((a, b) => (b.mse < a.mse ? b : a));
  const comparisons: Comparison[] = models.map((m) => {
    const test = dieboldMariano(m.originMse, ref.originMse);
    return { model: m.model, relMse: ref.mse > 0 ? (m.mse - ref.mse) / ref.mse : NaN, test, beats: Number.isFinite(m.mse) && better(test, alpha) };
  });
  const origins = ref.originMse.length;
  const horizon = origins ? Math.round(ref.forecasts / origins) : 0;
  const how = `by mean squared error over ${origins} backtest origins × ${horizon} days`;
  const beaters = models.filter((_, i) => comparisons[i].beats);
  const score = (id: ModelId) => scores.find((s) => s.model === id)!;
  const cmp = (id: ModelId) => comparisons.find((c) => c.model === id)!;

  if (!beaters.length) {
    const others = comparisons.map((c) => {
      const s = score(c.model);
      const diff = Number.isFinite(c.relMse) ? `, ${pct(c.relMse)} ${c.relMse < 0 ? 'lower' : 'higher'} MSE, ${fmtP(c.test.p)}` : '';
      return `${the(c.model)} (RMSE ${f2(s.rmse)}${diff})`;
    });
    return {
      winner: ref.model,
      reference: ref.model,
      skill: false,
      improvement: 0,
      comparisons,
      text:
        `No model beats the naive baselines on this history: ${how}, the best baseline is the ${name(ref.model)} (RMSE ${f2(ref.rmse)} accidents per day), ` +
        `and ${others.join(' and ') || 'no model'} ${others.length > 1 ? 'do' : 'does'} not do significantly better. ` +
        `The chart shows the ${name(ref.model)}'s forecast and its ${LEVEL} interval.`,
    };
  }

  // The simplest model that beats the baselines, replaced by a more complex one only when significantly better.
  let chosen = beaters[0];
  // Each other model that beats the baselines, with the test of chosen vs it (negative: chosen better).
  const versus: { other: ModelScore; test: PairedTest }[] = [];
  for (const b of beaters.slice(1)) {
    const test = dieboldMariano(b.originMse, chosen.originMse);
    if (better(test, alpha)) {
      versus.length = 0;
      versus.push({ other: chosen, test });
      chosen = b;
    } else versus.push({ other: b, test: dieboldMariano(chosen.originMse, b.originMse) });
  }
  const c = cmp(chosen.model);
  const improvement = -c.relMse;
  let text =
    `${cap(the(chosen.model))} beats the naive baselines: RMSE ${f2(chosen.rmse)} vs ${f2(ref.rmse)} accidents per day for the best baseline, the ${name(ref.model)} ` +
    `(${pct(improvement)} lower mean squared error; paired test over ${origins} origins, ${fmtP(c.test.p)}); its ${LEVEL} interval covered ${pct(chosen.coverage)} of the days.`;
  for (const { other, test } of versus) {
    const o = cmp(other.model);
    text += better(test, alpha)
      ? ` ${cap(the(other.model))} also beats the baselines (${fmtP(o.test.p)}), but ${the(chosen.model)} does significantly better than it (${fmtP(test.p)}).`
      : ` ${cap(the(other.model))} also beats the baselines (${fmtP(o.test.p)}); neither is significantly better than the other (${fmtP(test.p)}), so the chart shows the simpler one.`;
  }
  for (const m of models) {
    if (beaters.includes(m)) continue;
    text += ` ${cap(the(m.model))} does not beat them (RMSE ${f2(m.rmse)}, ${fmtP(cmp(m.model).test.p)}).`;
  }
  return { winner: chosen.model, reference: ref.model, skill: true, improvement, comparisons, text };
}

/** How the verdict decides, for captions: the loss, the test and its level. */
export const DECISION_NOTE = `decided by mean squared error (RMSE shown); a model counts as better only when a paired Diebold–Mariano test over the origins gives p < ${ALPHA}; MAE is shown for reference only`;

/** Which model won the backtest, by how much, in one plain sentence. */
import type { ModelScore } from './backtest';
import type { ModelId } from './models';

/** The model every other must beat. */
export const BASELINE: ModelId = 'seasonal-naive';
/** Relative MAE differences below this are called noise. */
export const NOISE = 0.02;

/** The outcome of the backtest, in numbers and words. */
export interface Verdict {
  winner: ModelId;
  /** (baseline MAE − winner MAE) / baseline MAE; 0 when the baseline wins. */
  improvement: number;
  text: string;
}

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (v: number) => (Math.abs(v) < 0.1 ? `${(v * 100).toFixed(1)}%` : `${Math.round(v * 100)}%`);
const short = (s: ModelScore) => s.label.split(' (')[0];

/** Picks the lowest MAE; the baseline keeps the title unless another model is strictly better. */
export function verdict(scores: readonly ModelScore[]): Verdict {
  const base = scores.find((s) => s.model === BASELINE);
  const valid = scores.filter((s) => Number.isFinite(s.mae));
  if (!base || !valid.length) return { winner: BASELINE, improvement: 0, text: 'The backtest could not score the models.' };
  const best = valid.reduce((a, b) => (b.mae < a.mae ? b : a), base);
  const others = scores.filter((s) => s.model !== BASELINE).map((s) => `${short(s)} ${f2(s.mae)}`);
  const byRmse = valid.reduce((a, b) => (b.rmse < a.rmse ? b : a));
  const rmseNote =
    byRmse.model !== best.model ? ` By RMSE, which punishes large misses more, ${short(byRmse)} is best (${f2(byRmse.rmse)} vs ${f2(best.rmse)}).` : '';
  if (best.model === BASELINE) {
    return {
      winner: BASELINE,
      improvement: 0,
      text: `No model beats the seasonal-naive baseline on MAE: its MAE is ${f2(base.mae)} accidents per day (${others.join(', ')}).${rmseNote}`,
    };
  }
  const improvement = (base.mae - best.mae) / base.mae;
  const noise = improvement < NOISE ? ' A difference this small is within noise: in practice none beats the baseline.' : '';
  return {
    winner: best.model,
    improvement,
    text:
      `${best.label.split(' (')[0]} wins: MAE ${f2(best.mae)} vs ${f2(base.mae)} accidents per day for the seasonal-naive baseline (${pct(improvement)} lower), ` +
      `RMSE ${f2(best.rmse)} vs ${f2(base.rmse)}; its 90% interval covered ${pct(best.coverage)} of the days.${noise}${rmseNote}`,
  };
}

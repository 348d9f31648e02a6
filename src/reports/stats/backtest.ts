/**
 * Rolling-origin backtest: for each origin, train every model on the days before it,
 * forecast the next `horizon` days, and pool the errors: MAE, RMSE and the share of actual
 * values inside the prediction interval (coverage).
 */
import { dropHead, type DailySeries, type Model, type ModelId } from './models';

/** How the rolling-origin backtest is laid out. */
export interface BacktestOptions {
  /** Days forecast from each origin. */
  horizon: number;
  /** Number of origins (the last ones that fit). */
  origins: number;
  /** Days between origins. */
  step: number;
  /** Fewest training days an origin needs. */
  minTrain: number;
  /** Training window: only the last `maxTrain` days before an origin are used. */
  maxTrain: number;
}

/** 8 weekly origins, 7-day horizon, at least 4 weeks and at most 3 years of training. */
export const DEFAULT_BACKTEST: BacktestOptions = { horizon: 7, origins: 8, step: 7, minTrain: 28, maxTrain: 1096 };

/** One model's pooled backtest errors. */
export interface ModelScore {
  model: ModelId;
  label: string;
  mae: number;
  rmse: number;
  /** Share (0–1) of actual values within [lo, hi]. */
  coverage: number;
  /** Forecasts scored (origins × horizon). */
  forecasts: number;
}

/** Scores of every model over the same origins. */
export interface Backtest {
  scores: ModelScore[];
  /** Day indexes of the origins (first forecast day), ascending. */
  origins: number[];
}

/** Origins (day indexes) the series allows, ascending. */
export function backtestOrigins(length: number, opts: BacktestOptions): number[] {
  const out: number[] = [];
  for (let j = 0; j < opts.origins; j++) {
    const o = length - opts.horizon - opts.step * j;
    if (o < opts.minTrain) break;
    out.unshift(o);
  }
  return out;
}

/** The last `maxTrain` days before index `end`. */
export function trainingWindow(series: DailySeries, end: number, maxTrain: number): DailySeries {
  const head = { start: series.start, values: series.values.slice(0, end) };
  return dropHead(head, end - maxTrain);
}

/** Runs the backtest of every model over the same origins. */
export function rollingOrigin(series: DailySeries, models: readonly Model[], opts: BacktestOptions = DEFAULT_BACKTEST): Backtest {
  const origins = backtestOrigins(series.values.length, opts);
  const scores = models.map((model) => {
    let abs = 0;
    let sq = 0;
    let inside = 0;
    let count = 0;
    for (const o of origins) {
      const forecasts = model.forecast(trainingWindow(series, o, opts.maxTrain), opts.horizon);
      forecasts.forEach((f, h) => {
        const actual = series.values[o + h];
        const err = actual - f.mean;
        abs += Math.abs(err);
        sq += err * err;
        if (actual >= f.lo && actual <= f.hi) inside++;
        count++;
      });
    }
    return {
      model: model.id,
      label: model.label,
      mae: count ? abs / count : NaN,
      rmse: count ? Math.sqrt(sq / count) : NaN,
      coverage: count ? inside / count : NaN,
      forecasts: count,
    };
  });
  return { scores, origins };
}

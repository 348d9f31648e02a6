/**
 * Rolling-origin backtest: for each origin, train every model on the days before it,
 * forecast the next `horizon` days, and pool the errors: MSE (the loss that decides, since
 * the forecasts are means of counts), RMSE, MAE and the share of actual values inside the
 * prediction interval (coverage). Each origin's mean squared error is kept too, for the
 * paired comparison of two models over the same origins (see compare.ts).
 */
import { dropHead, type DailySeries, type Model, type ModelId, type ModelRole } from './models';

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

/**
 * 12 fortnightly origins, each scoring the full 14-day horizon the report draws (so the
 * origins' forecast windows do not overlap), at least 4 weeks and at most 3 years of training.
 */
export const DEFAULT_BACKTEST: BacktestOptions = { horizon: 14, origins: 12, step: 14, minTrain: 28, maxTrain: 1096 };

/** One model's pooled backtest errors. */
export interface ModelScore {
  model: ModelId;
  label: string;
  role: ModelRole;
  /** Mean squared error: the loss the verdict decides with. */
  mse: number;
  mae: number;
  rmse: number;
  /** Share (0–1) of actual values within [lo, hi]. */
  coverage: number;
  /** Forecasts scored (origins × horizon). */
  forecasts: number;
  /** Mean squared error at each origin, in the order of `Backtest.origins`. */
  originMse: number[];
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
    const originMse: number[] = [];
    for (const o of origins) {
      const forecasts = model.forecast(trainingWindow(series, o, opts.maxTrain), opts.horizon);
      let originSq = 0;
      forecasts.forEach((f, h) => {
        const actual = series.values[o + h];
        const err = actual - f.mean;
        abs += Math.abs(err);
        sq += err * err;
        originSq += err * err;
        if (actual >= f.lo && actual <= f.hi) inside++;
        count++;
      });
      originMse.push(forecasts.length ? originSq / forecasts.length : NaN);
    }
    return {
      model: model.id,
      label: model.label,
      role: model.role,
      mse: count ? sq / count : NaN,
      mae: count ? abs / count : NaN,
      rmse: count ? Math.sqrt(sq / count) : NaN,
      coverage: count ? inside / count : NaN,
      forecasts: count,
      originMse,
    };
  });
  return { scores, origins };
}

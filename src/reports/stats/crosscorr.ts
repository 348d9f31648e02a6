/**
 * Cross-correlation of two daily series after removing their shared calendar pattern:
 * each series minus its mean for the same (weekday, month) cell, then Pearson's r of
 * x on day t against y on day t + lag.
 */
import { correlationTest, pearson } from './correlation';
import { isoWeekday, monthOf } from './calendar';

/** `values` minus the mean of its (ISO weekday × month) cell; `days` are `YYYY-MM-DD`. */
export function deseasonalize(values: readonly number[], days: readonly string[]): number[] {
  const sum = new Map<number, number>();
  const count = new Map<number, number>();
  const cell = days.map((d) => isoWeekday(d) * 100 + monthOf(d));
  values.forEach((v, i) => {
    sum.set(cell[i], (sum.get(cell[i]) ?? 0) + v);
    count.set(cell[i], (count.get(cell[i]) ?? 0) + 1);
  });
  return values.map((v, i) => v - (sum.get(cell[i]) ?? 0) / (count.get(cell[i]) ?? 1));
}

/** Correlation at one lag. */
export interface LagCorrelation {
  /** Positive lag: y is taken `lag` days after x. */
  lag: number;
  r: number;
  /** Pairs used: series length − |lag|. */
  n: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}

/** r(x_t, y_{t+lag}) for lag = −maxLag … +maxLag. */
export function crossCorrelation(x: readonly number[], y: readonly number[], maxLag: number): LagCorrelation[] {
  const out: LagCorrelation[] = [];
  const len = Math.min(x.length, y.length);
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = Math.max(0, -lag); t < len && t + lag < len; t++) {
      xs.push(x[t]);
      ys.push(y[t + lag]);
    }
    const r = pearson(xs, ys);
    const { p, ciLow, ciHigh } = correlationTest(r, xs.length);
    out.push({ lag, r, n: xs.length, p, ciLow, ciHigh });
  }
  return out;
}

/**
 * The forecast report's rows, chart and table: it draws exactly the horizon the backtest
 * validates, the models and the best baseline, and on noise the best baseline's band
 * (regression: the band was the "winner" of a 7-day backtest drawn over 14 days).
 */
import { describe, expect, it } from 'vitest';
import { FUTURE_DAYS, forecast, forecastRows } from '../../../src/reports/defs/forecast';
import { DEFAULT_BACKTEST } from '../../../src/reports/stats/backtest';
import { MODELS } from '../../../src/reports/stats/models';
import { renderColors, specShape } from './spec-check';
import { addDays } from '../../../src/reports/stats/calendar';
import type { Row } from '../../../src/reports/types';
import { poisson, rng } from './fixture';

function daily(days: number, mean: (t: number) => number, seed: number): Row[] {
  const rand = rng(seed);
  return Array.from({ length: days }, (_, t) => ({ day: addDays('2022-01-01', t), n: poisson(rand, mean(t)), city_n: 50, slug: 'five-points', neighborhood: 'Five Points' }));
}

describe('reports/defs/forecast', () => {
  it('draws only the validated horizon', () => {
    expect(FUTURE_DAYS).toBe(DEFAULT_BACKTEST.horizon);
    const rows = forecastRows(daily(500, () => 2, 7));
    const metric = rows.find((r) => r.kind === 'metric')!;
    expect(metric.horizon).toBe(FUTURE_DAYS);
    const days = new Set(rows.filter((r) => r.kind === 'forecast').map((r) => r.day));
    expect(days.size).toBe(FUTURE_DAYS);
  });

  it('on noise: no model beats the baselines, and the band is the best baseline', () => {
    const rows = forecastRows(daily(500, () => 2, 7));
    const meta = rows.find((r) => r.kind === 'meta')!;
    expect(meta.skill).toBe(false);
    expect(meta.winner).toBe(meta.reference);
    expect(String(meta.verdict)).toMatch(/^No model beats the naive baselines/);
    const drawn = [...new Set(rows.filter((r) => r.kind === 'forecast').map((r) => r.model))];
    expect(drawn.sort()).toEqual([String(meta.reference), 'moving-average', 'poisson'].sort());
    expect(new Set(rows.filter((r) => r.kind === 'forecast' && r.winner).map((r) => r.model))).toEqual(new Set([meta.reference]));
    const table = forecast.table!(rows, {})!;
    expect(table.caption).toMatch(/decided by mean squared error/);
    expect(table.columns).toEqual(['Model', 'Role', 'RMSE', 'MSE vs best baseline', 'MAE', '90% interval coverage', 'Forecasts']);
    expect(table.rows).toHaveLength(5);
    expect(table.rows.filter((r) => String(r[0]).endsWith(' ★'))).toHaveLength(1);
    expect(table.rows.find((r) => r[3] === 'best baseline')![0]).toMatch(/★$/);
  });

  it('on a strong trend: a model beats the baselines and its band is drawn in its color', async () => {
    const rows = forecastRows(daily(900, (t) => 1 + (5 * t) / 900, 8));
    const meta = rows.find((r) => r.kind === 'meta')!;
    expect(meta.skill).toBe(true);
    expect(['moving-average', 'poisson']).toContain(meta.winner);
    const spec = forecast.spec(rows, {}, { width: 600, height: 300 } as never);
    const label = String(rows.find((r) => r.kind === 'forecast' && r.winner)!.series);
    const c = await renderColors(spec, 'series');
    // The band (an area) and the line of the winner: one color, the legend's.
    expect(c.marks.get(label)!.size).toBe(1);
    expect(c.legend.get(label)).toEqual(c.marks.get(label));
    // The legend: the observations first, then the forecasters in their fixed order, each in its own color.
    const order = ['Actual', ...MODELS.map((m) => m.label)];
    expect([...c.legend.keys()]).toEqual(order.filter((l) => c.legend.has(l)));
    expect(c.legend.size).toBe(4);
    expect(new Set([...c.legend.values()].map((v) => [...v][0])).size).toBe(4);
  });

  it('draws a different winner and baseline from the same spec, so a filter change only swaps the rows', () => {
    const trend = forecastRows(daily(900, (t) => 1 + (5 * t) / 900, 8));
    const noise = forecastRows(daily(900, () => 3, 9));
    const winner = (rows: Row[]) => rows.find((r) => r.kind === 'meta')!.winner;
    expect(winner(trend)).not.toBe(winner(noise));
    const frame = { width: 600, height: 300 } as never;
    expect(specShape(forecast.spec(trend, {}, frame))).toBe(specShape(forecast.spec(noise, {}, frame)));
  });
});

/**
 * The cross-correlation report's dates and words: the quoted span is the days actually used
 * (regression: "Over 108 days (2025-10-03 to 2026-09-16)" quoted the ~349-day overlap of the
 * two series), and its sentences agree with their counts. Its band on simulated series
 * (regression: two unrelated series with opposite trends put all 15 lags outside a ±1.96/√n
 * band, and so did a third of unrelated persistent pairs): unrelated series with trends,
 * weekday patterns or persistence fall outside about as often as the band says, and a real
 * lagged link stands out at its lag.
 */
import { describe, expect, it } from 'vitest';
import { crossCorrelationReport, crossCorrelationRows, MAX_LAG } from '../../../src/reports/defs/cross-correlation';
import { dayRange, isoWeekday } from '../../../src/reports/stats/calendar';
import type { Row } from '../../../src/reports/types';
import { poisson, rng } from './fixture';

describe('report cross-correlation', () => {
  it('quotes the first and last of the days it used, not the overlap of the series', () => {
    const rand = rng(108);
    // 311 requests every day of 2025; accidents in Jan–Mar and from June to Sep 16, so the last
    // stretch of months both cover runs from June 1 to Sep 16 (108 days) while the overlap starts Jan 1.
    const days = dayRange('2025-01-01', '2025-12-31');
    const rows = days.map((day) => ({
      day,
      requests: poisson(rand, 20),
      accidents: (day < '2025-04-01' || (day >= '2025-06-01' && day <= '2025-09-16')) ? 1 + poisson(rand, 4) : 0,
    }));
    const out = crossCorrelationRows(rows);
    expect(out).toHaveLength(2 * MAX_LAG + 1);
    expect(out[0]).toMatchObject({ days: 108, first_day: '2025-06-01', last_day: '2025-09-16' });
    expect(crossCorrelationReport.summarize!(out, {})).toMatch(/^Over 108 days \(2025-06-01 to 2025-09-16\), /);
  });

  const lags = (r: (lag: number) => number): Row[] =>
    Array.from({ length: 2 * MAX_LAG + 1 }, (_, i) => i - MAX_LAG).map((lag) => ({
      lag, r: r(lag), r_raw: 0.2, band: 0.1, days: 1200, first_day: '2022-01-01', last_day: '2025-04-14',
    }));

  it.each([
    [lags((l) => (l === 1 ? 0.5 : 0.01)), 'at lag 1 day; 1 of 15 lags falls outside the 95% band, where about 1 would by chance alone.'],
    [lags((l) => (l === -3 ? -0.4 : l === 2 || l === 5 ? 0.2 : 0.01)), 'at lag -3 days; 3 of 15 lags fall outside the 95% band, where about 1'],
    [lags((l) => (l === 0 ? 0.05 : 0.01)), 'at lag 0 days, inside the 95% band: no clear relation.'],
    [lags((l) => (l === 0 ? 0.12 : 0.01)).map((r) => ({ ...r, band: 0.15, factor: 2.25 })), 'at lag 0 days, inside the 95% band (widened 1.50× for autocorrelation)'],
  ])('says "day" or "days" and "falls" or "fall" by the count (%#)', (rows, words) => {
    const text = crossCorrelationReport.summarize!(rows, {});
    expect(text).toContain(words);
    expect(text).toMatch(/^Over 1,200 days \(2022-01-01 to 2025-04-14\)/);
    expect(text).not.toContain('(s)');
  });

  it('counts a lag outside by its own band, the one drawn', () => {
    // The band grows as a lag pairs fewer days: r = 0.11 is outside at lag 0, inside at lag 7.
    const rows = lags((l) => (Math.abs(l) === 7 || l === 0 ? 0.11 : 0.01)).map((r) => ({ ...r, band: 0.1 + 0.002 * Math.abs(Number(r.lag)) }));
    expect(crossCorrelationReport.summarize!(rows, {})).toContain('; 1 of 15 lags falls outside the 95% band');
    const spec = JSON.stringify(crossCorrelationReport.spec(rows, {}));
    expect(spec).not.toContain('datum.lag === 0');
    expect(spec).toContain('"y":{"field":"band"');
  });

  it('explains what it removed and that the band allows for autocorrelation', () => {
    const text = crossCorrelationReport.explanation;
    expect(text).toMatch(/28-day average/);
    expect(text).toMatch(/weekday pattern/);
    expect(text).toMatch(/prewhitening/);
    expect(text).toMatch(/widened for the autocorrelation/);
  });

  it('does not call filtered counts city-wide', () => {
    expect(crossCorrelationReport.explanation).not.toMatch(/city-wide/i);
    expect(crossCorrelationReport.explanation).toContain('under the current filters');
  });
});

/** A standard normal draw (Box–Muller). */
function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** A Poisson draw, normal above a mean of 50 (Knuth's loop underflows there). */
function count(rand: () => number, mu: number): number {
  return mu > 50 ? Math.max(0, Math.round(mu + Math.sqrt(mu) * gauss(rand))) : poisson(rand, mu);
}

const TWO_YEARS = dayRange('2022-01-01', '2023-12-31');

/** Two years of daily rows from `gen(t, day)` → [requests, accidents]. */
function series(gen: (t: number, day: string) => [number, number]): Row[] {
  return TWO_YEARS.map((day, t) => {
    const [requests, accidents] = gen(t, day);
    return { day, requests, accidents };
  });
}

/** Over `seeds` seeded runs: how often lag 0 is outside its band, and the lags outside per run. */
function outsideRates(seeds: number, make: (rand: () => number) => (t: number, day: string) => [number, number]) {
  let lag0 = 0;
  const perRun: number[] = [];
  for (let s = 1; s <= seeds; s++) {
    const out = crossCorrelationRows(series(make(rng(1000 + s))));
    expect(out).toHaveLength(2 * MAX_LAG + 1);
    const outside = out.filter((r) => Math.abs(Number(r.r)) > Number(r.band));
    if (outside.some((r) => r.lag === 0)) lag0++;
    perRun.push(outside.length);
  }
  const lagShare = perRun.reduce((a, b) => a + b, 0) / (seeds * (2 * MAX_LAG + 1));
  return { lag0: lag0 / seeds, lagShare, atMost2: perRun.filter((k) => k <= 2).length / seeds };
}

/** Weekday multipliers (index = ISO weekday): 311 mostly on workdays, accidents on Fridays. */
const WEEK_311 = [0, 1.2, 1.15, 1.1, 1.1, 1.05, 0.6, 0.5];
const WEEK_ACC = [0, 0.95, 0.95, 1, 1.05, 1.25, 1, 0.8];

describe('report cross-correlation: its band on simulated series', () => {
  it('unrelated series with opposite trends (+20%/yr, −10%/yr) rarely leave the band', () => {
    const { lag0, lagShare, atMost2 } = outsideRates(100, (rand) => (t) => [
      count(rand, 300 * (1 + (0.2 * t) / 365)), count(rand, 15 * (1 - (0.1 * t) / 365)),
    ]);
    expect(lag0).toBeLessThanOrEqual(0.1);
    expect(lagShare).toBeLessThan(0.08);
    expect(atMost2).toBeGreaterThanOrEqual(0.9);
  });

  it('nor do they with weekday patterns and opposite seasons on top', () => {
    const season = (t: number) => 1 + 0.25 * Math.cos((2 * Math.PI * (t - 180)) / 365);
    const { lag0, lagShare, atMost2 } = outsideRates(100, (rand) => (t, day) => [
      count(rand, 300 * (1 + (0.2 * t) / 365) * WEEK_311[isoWeekday(day)] * season(t)),
      count(rand, (15 * (1 - (0.1 * t) / 365) * WEEK_ACC[isoWeekday(day)]) / season(t)),
    ]);
    expect(lag0).toBeLessThanOrEqual(0.1);
    expect(lagShare).toBeLessThan(0.08);
    expect(atMost2).toBeGreaterThanOrEqual(0.9);
  });

  it('an unrelated AR(1) pair (φ = 0.8) leaves it about 5% of the time', () => {
    const { lag0, lagShare } = outsideRates(100, (rand) => {
      let a = 0;
      let b = 0;
      return () => {
        a = 0.8 * a + gauss(rand);
        b = 0.8 * b + gauss(rand);
        return [100 + 5 * a, 50 + 5 * b];
      };
    });
    expect(lagShare).toBeGreaterThan(0.02);
    expect(lagShare).toBeLessThan(0.09);
    expect(lag0).toBeLessThanOrEqual(0.12);
  });

  it('a real link two days later stands out at lag 2', () => {
    for (let s = 1; s <= 5; s++) {
      const rand = rng(2000 + s);
      let a = 0;
      const x: number[] = [];
      const out = crossCorrelationRows(series((t) => {
        a = 0.8 * a + gauss(rand);
        x.push(100 + 5 * a + 3 * gauss(rand));
        return [x[t], 50 + (t >= 2 ? 0.5 * (x[t - 2] - 100) : 0) + 4 * gauss(rand)];
      }));
      const best = out.reduce((p, q) => (Math.abs(Number(q.r)) > Math.abs(Number(p.r)) ? q : p));
      expect(best.lag).toBe(2);
      expect(Number(best.r)).toBeGreaterThan(3 * Number(best.band));
    }
  });
});

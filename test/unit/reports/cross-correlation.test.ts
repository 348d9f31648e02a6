/**
 * The cross-correlation report's dates and words: the quoted span is the days actually used
 * (regression: "Over 108 days (2025-10-03 to 2026-09-16)" quoted the ~349-day overlap of the
 * two series), and its sentences agree with their counts.
 */
import { describe, expect, it } from 'vitest';
import { crossCorrelationReport, crossCorrelationRows, MAX_LAG } from '../../../src/reports/defs/cross-correlation';
import { dayRange } from '../../../src/reports/stats/calendar';
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
    [lags((l) => (l === 1 ? 0.5 : 0.01)), 'at lag 1 day; 1 of 15 lags falls outside the ±1.96/√n band'],
    [lags((l) => (l === -3 ? -0.4 : l === 2 || l === 5 ? 0.2 : 0.01)), 'at lag -3 days; 3 of 15 lags fall outside the ±1.96/√n band'],
    [lags((l) => (l === 0 ? 0.05 : 0.01)), 'at lag 0 days, inside the ±1.96/√n band'],
  ])('says "day" or "days" and "falls" or "fall" by the count (%#)', (rows, words) => {
    const text = crossCorrelationReport.summarize!(rows, {});
    expect(text).toContain(words);
    expect(text).toMatch(/^Over 1,200 days \(2022-01-01 to 2025-04-14\)/);
    expect(text).not.toContain('(s)');
  });

  it('does not call filtered counts city-wide', () => {
    expect(crossCorrelationReport.explanation).not.toMatch(/city-wide/i);
    expect(crossCorrelationReport.explanation).toContain('under the current filters');
  });
});

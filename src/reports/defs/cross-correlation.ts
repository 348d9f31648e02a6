/**
 * Daily 311 counts vs daily accidents (both under the current filters) at lags −7…+7 days,
 * after removing each series' slow level and weekday pattern and prewhitening both with an AR
 * model of the 311 series, so shared calendar patterns, trends and day-to-day persistence do
 * not pass for a link; the band allows for the autocorrelation that remains.
 */
import { panelWidth, topLevel } from '../spec/common';
import { countsSql } from '../sql/counts';
import { dayRange } from '../stats/calendar';
import { coveredMonths, lastCoveredRun } from '../stats/coverage';
import { bartlettFactor, calendarResiduals, crossCorrelation } from '../stats/crosscorr';
import { arFilter, fitAr } from '../stats/prewhiten';
import { pearson } from '../stats/correlation';
import { fmtCount, fmtNum, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef, Row } from '../types';

/** Pixels beside the plot: the y axis. */
const RESERVE = 80;

/** Lags examined, in days, both ways. */
export const MAX_LAG = 7;
/** Fewest overlapping days for a cross-correlation. */
export const MIN_DAYS = 28;
/** Highest order of the prewhitening AR model (and at most a quarter of the days). */
export const AR_MAX_ORDER = 14;
/** Most autocorrelation lags in Bartlett's sum (and at most a quarter of the days). */
export const BARTLETT_LAGS = 28;
/** Share of lags expected outside the 95% band by chance. */
const CHANCE = 0.05;
const Y_TITLE = 'Correlation (adjusted)';

/**
 * The last stretch of months both series cover, zero-filled, stripped of slow level and weekday
 * pattern, prewhitened, cross-correlated; `band` is each lag's 95% band under no relation,
 * widened by Bartlett's `factor`; `first_day` and `last_day` are the first and last of the days
 * used.
 */
export function crossCorrelationRows(rows: Row[]): Row[] {
  const req = new Map<string, number>();
  const acc = new Map<string, number>();
  for (const r of rows) {
    const d = String(r.day);
    if (numberOf(r.requests) > 0) req.set(d, numberOf(r.requests));
    if (numberOf(r.accidents) > 0) acc.set(d, numberOf(r.accidents));
  }
  if (!req.size || !acc.size) return [];
  const first = [[...req.keys()].sort()[0], [...acc.keys()].sort()[0]].sort()[1];
  const last = [[...req.keys()].sort().at(-1)!, [...acc.keys()].sort().at(-1)!].sort()[0];
  if (first > last) return [];
  const span = dayRange(first, last);
  const reqMonths = coveredMonths(span, span.map((d) => req.get(d) ?? 0));
  const accMonths = coveredMonths(span, span.map((d) => acc.get(d) ?? 0));
  const both = new Set([...reqMonths].filter((m) => accMonths.has(m)));
  const [start, end] = lastCoveredRun(span, both);
  const days = span.slice(start, end);
  if (!days.length) return [];
  const x = days.map((d) => req.get(d) ?? 0);
  const y = days.map((d) => acc.get(d) ?? 0);
  const xr = calendarResiduals(x, days);
  const yr = calendarResiduals(y, days);
  const phi = fitAr(xr, Math.min(AR_MAX_ORDER, Math.floor(days.length / 4)));
  const xw = arFilter(xr, phi);
  const yw = arFilter(yr, phi);
  const factor = bartlettFactor(xw, yw, Math.min(BARTLETT_LAGS, Math.floor(xw.length / 4)));
  const raw = crossCorrelation(x, y, MAX_LAG);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return crossCorrelation(xw, yw, MAX_LAG, factor).map((c, i) => ({
    lag: c.lag, r: num(c.r), ci_low: num(c.ciLow), ci_high: num(c.ciHigh), p: num(c.p), n: c.n,
    r_raw: num(raw[i].r), band: num(c.band), factor, ar_order: phi.length,
    days: days.length, first_day: days[0], last_day: days.at(-1), same_day_raw: num(pearson(x, y)),
  }));
}

/** The `cross-correlation` report (see the explanation below). */
export const crossCorrelationReport: ReportDef = {
  id: 'cross-correlation',
  title: 'Daily 311 vs accidents: cross-correlation by lag',
  explanation:
    'Correlation, over the last stretch of months both datasets cover, between daily 311 counts and daily accidents (both under the current filters) shifted by −7 to +7 days (positive lag: accidents counted that many days after the requests). ' +
    'Each series first loses its slow trend and seasons (its centered 28-day average) and its weekday pattern; both are then filtered by an autoregressive model of the 311 series (prewhitening), so trends and day-to-day persistence do not pass for a link. ' +
    'The grey band holds 95% of correlations under no relation and is widened for the autocorrelation that remains (Bartlett\'s formula); bars outside it are unlikely by chance, but a correlation here can still come from shared causes such as weather or holidays, and it says nothing about individual events.',
  datasets: ['service_requests', 'traffic_accidents'],
  needsAll: true,
  sql(f) {
    return `SELECT strftime(day, '%Y-%m-%d') AS day,
  CAST(coalesce(sum(n) FILTER (WHERE dataset = 'service_requests'), 0) AS BIGINT) AS requests,
  CAST(coalesce(sum(n) FILTER (WHERE dataset = 'traffic_accidents'), 0) AS BIGINT) AS accidents
FROM (${countsSql(f, [], { day: true })})
GROUP BY day
ORDER BY day`;
  },
  derive: (rows) => crossCorrelationRows(rows),
  empty(rows) {
    const days = numberOf(rows[0]?.days) || 0;
    if (!rows.length) return MSG.tooFewDays(0, MIN_DAYS);
    return days < MIN_DAYS ? MSG.tooFewDays(days, MIN_DAYS) : null;
  },
  spec(rows, _params, frame) {
    const x = { field: 'lag', type: 'ordinal', title: 'Lag (days): accidents after 311 →', axis: { labelAngle: 0 } };
    return topLevel(rows, {
      width: panelWidth(frame, 520, RESERVE),
      height: 220,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.band)' }, { calculate: '-datum.band', as: 'neg_band' }],
          mark: { type: 'rect', color: '#e8e8e8' },
          encoding: { x, y: { field: 'band', type: 'quantitative', title: Y_TITLE }, y2: { field: 'neg_band' } },
        },
        {
          mark: { type: 'bar', color: '#4c78a8', width: { band: 0.5 } },
          encoding: {
            x,
            y: { field: 'r', type: 'quantitative', title: Y_TITLE, scale: { domain: [-1, 1] } },
            tooltip: [
              { field: 'lag', title: 'Lag (days)' },
              { field: 'r', type: 'quantitative', title: 'r (adjusted)', format: '.3f' },
              { field: 'band', type: 'quantitative', title: '95% band under no relation (±)', format: '.3f' },
              { field: 'r_raw', type: 'quantitative', title: 'r (raw counts)', format: '.3f' },
              { field: 'n', type: 'quantitative', title: 'Days paired', format: ',' },
            ],
          },
        },
        { mark: { type: 'rule', color: '#333' }, encoding: { x, y: { field: 'ci_low', type: 'quantitative', title: Y_TITLE }, y2: { field: 'ci_high' } } },
      ],
    });
  },
  summarize(rows) {
    const best = rows.reduce((a, b) => (Math.abs(numberOf(b.r)) > Math.abs(numberOf(a.r)) ? b : a));
    const zero = rows.find((r) => r.lag === 0);
    const outside = rows.filter((r) => Math.abs(numberOf(r.r)) > numberOf(r.band)).length;
    const widened = numberOf(best.factor) > 1.005 ? ` (widened ${fmtNum(Math.sqrt(numberOf(best.factor)))}× for autocorrelation)` : '';
    const chance = Math.max(1, Math.round(rows.length * CHANCE));
    return (
      `Over ${fmtCount(numberOf(best.days), 'day')} (${best.first_day} to ${best.last_day}), the same-day correlation is ${fmtNum(numberOf(zero?.r_raw))} on raw counts and ${fmtNum(numberOf(zero?.r))} after removing trends, weekday patterns and day-to-day persistence. ` +
      `The strongest adjusted correlation is r = ${fmtNum(numberOf(best.r))} at lag ${fmtCount(numberOf(best.lag), 'day')}` +
      (outside
        ? `; ${outside} of ${rows.length} lags ${outside === 1 ? 'falls' : 'fall'} outside the 95% band${widened}, where about ${chance} would by chance alone.`
        : `, inside the 95% band${widened}: no clear relation.`)
    );
  },
};

/**
 * Daily accidents in one neighborhood: two models and three naive baselines, a rolling-origin
 * backtest over the same 14-day horizon the chart draws, and the next two weeks with the 90%
 * interval of the forecast the backtest supports (a model only when it beats the baselines).
 */
import { str, strList } from '../../sql/quote';
import { NEIGHBORHOODS } from '../../domain/neighborhoods';
import { panelWidth, topLevel } from '../spec/common';
import { RANKED_COLOR, rankedColorEncoding, withRankedColors } from '../spec/ranked-colors';
import { countsSql } from '../sql/counts';
import { addDays } from '../stats/calendar';
import { DEFAULT_BACKTEST, rollingOrigin, trainingWindow } from '../stats/backtest';
import { INTERVAL_LEVEL, MODELS, type DailySeries, type ModelId } from '../stats/models';
import { ALPHA, DECISION_NOTE, verdict } from '../stats/verdict';
import { coveredMonths, lastCoveredRun } from '../stats/coverage';
import { fmtCount, fmtNum, fmtP, fmtPct, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef, Row } from '../types';

/** Pixels beside the plot: the y axis and the legend. */
const RESERVE = 70;
/** Beside a legend label: its symbol, the gaps and the padding (measured). */
const LEGEND_SYMBOL_PX = 70;

/** Days forecast past the end of the data: exactly the horizon the backtest validates. */
export const FUTURE_DAYS = DEFAULT_BACKTEST.horizon;
/** Days of history drawn before the forecast. */
export const HISTORY_DAYS = 84;
/** The observed counts' color. */
const ACTUAL_COLOR = '#222222';
/** Fixed colors, so a forecaster keeps its color whichever ones are drawn. */
const COLORS: Record<ModelId, string> = {
  'seasonal-naive': '#4c78a8', 'training-mean': '#72b7b2', 'weekday-mean': '#54a24b', 'moving-average': '#f58518', poisson: '#e45756',
};

/** Fewest days for a backtest with at least 4 origins. */
export const MIN_DAYS = DEFAULT_BACKTEST.minTrain + DEFAULT_BACKTEST.horizon + 3 * DEFAULT_BACKTEST.step;

/** Backtest + forecast rows from the daily series rows (day, n, slug, neighborhood). */
export function forecastRows(all: Row[]): Row[] {
  const days = all.map((r) => String(r.day));
  const [start, end] = lastCoveredRun(days, coveredMonths(days, all.map((r) => numberOf(r.city_n))));
  const rows = all.slice(start, end);
  const meta: Row = { kind: 'meta', slug: all[0]?.slug ?? null, neighborhood: all[0]?.neighborhood ?? null, days: rows.length, skipped_days: all.length - rows.length };
  if (rows.length < MIN_DAYS) return [meta];
  const series: DailySeries = { start: String(rows[0].day), values: rows.map((r) => numberOf(r.n)) };
  const bt = rollingOrigin(series, MODELS, DEFAULT_BACKTEST);
  const v = verdict(bt.scores);
  const out: Row[] = [
    { ...meta, verdict: v.text, winner: v.winner, reference: v.reference, skill: v.skill, first_day: series.start, last_day: String(rows.at(-1)!.day) },
  ];
  for (const s of bt.scores) {
    const c = v.comparisons.find((x) => x.model === s.model);
    out.push({
      kind: 'metric', model: s.model, label: s.label, role: s.role, mse: s.mse, mae: s.mae, rmse: s.rmse, coverage: s.coverage,
      forecasts: s.forecasts, origins: bt.origins.length, horizon: DEFAULT_BACKTEST.horizon, winner: s.model === v.winner,
      reference: s.model === v.reference, rel_mse: c ? c.relMse : null, p: c ? c.test.p : null, beats: c ? c.beats : null,
    });
  }
  const n = series.values.length;
  for (let t = Math.max(0, n - HISTORY_DAYS); t < n; t++) {
    out.push({ kind: 'actual', series: 'Actual', day: addDays(series.start, t), value: series.values[t] });
  }
  const train = trainingWindow(series, n, DEFAULT_BACKTEST.maxTrain);
  // Drawn: the models, and the best baseline they are measured against.
  for (const m of MODELS.filter((x) => x.role === 'model' || x.id === v.reference)) {
    m.forecast(train, FUTURE_DAYS).forEach((fc, h) =>
      out.push({
        kind: 'forecast', series: m.label, model: m.id, winner: m.id === v.winner,
        day: addDays(series.start, n + h), value: fc.mean, lo: fc.lo, hi: fc.hi,
      }),
    );
  }
  return out;
}

/** The `forecast` report (see the explanation below). */
export const forecast: ReportDef = {
  id: 'forecast',
  title: 'Forecast of daily accidents in a neighborhood',
  explanation: `Daily accidents in one neighborhood (by default the one with the most accidents), forecast ${FUTURE_DAYS} days ahead by a 7-day moving average and a Poisson regression, and scored against three naive baselines (same weekday last week, the training mean, the weekday mean) by a rolling-origin backtest over the same ${DEFAULT_BACKTEST.horizon}-day horizon (up to ${DEFAULT_BACKTEST.origins} origins ${DEFAULT_BACKTEST.step} days apart, training only on earlier days, and only on the last stretch of months the data covers). A model is said to beat the baselines only when a paired test over the origins supports it (mean squared error, p < ${ALPHA}); otherwise the best baseline's forecast is shown. The shaded band is the ${Math.round(INTERVAL_LEVEL * 100)}% prediction interval of the forecast the backtest supports. With a few accidents a day most of the variation is chance, so often no model beats a plain average.`,
  datasets: ['traffic_accidents'],
  renderer: 'canvas',
  params: [
    {
      key: 'neighborhood',
      label: 'Neighborhood',
      options: [{ value: '', label: 'Most accidents' }, ...[...NEIGHBORHOODS].sort((a, b) => a.name.localeCompare(b.name)).map((n) => ({ value: n.slug, label: n.name }))],
      default: '',
    },
  ],
  sql(f, p) {
    const among = f.neighborhoods.length ? `AND slug IN ${strList(f.neighborhoods)}` : '';
    const target = p.neighborhood
      ? `SELECT ${str(p.neighborhood)} AS slug`
      : `SELECT slug FROM f WHERE slug IS NOT NULL ${among} GROUP BY slug ORDER BY sum(n) DESC, slug LIMIT 1`;
    return `WITH f AS (
  SELECT day, neighborhood_slug AS slug, n
  FROM (${countsSql(f, ['neighborhood_slug'], { day: true, dataset: 'traffic_accidents', omit: ['neighborhoods'] })})
), span AS (
  SELECT min(day) AS first_day, max(day) AS last_day FROM f
), target AS (
  ${target}
), cal AS (
  SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS d FROM span
)
SELECT (SELECT slug FROM target) AS slug,
  (SELECT name FROM neighborhoods WHERE slug = (SELECT slug FROM target)) AS neighborhood,
  strftime(cal.d, '%Y-%m-%d') AS day,
  CAST(coalesce(sum(f.n) FILTER (WHERE f.slug = (SELECT slug FROM target)), 0) AS BIGINT) AS n,
  CAST(coalesce(sum(f.n), 0) AS BIGINT) AS city_n
FROM cal LEFT JOIN f ON f.day = cal.d
GROUP BY cal.d
ORDER BY cal.d`;
  },
  derive: (rows) => forecastRows(rows),
  empty(rows) {
    const meta = rows.find((r) => r.kind === 'meta');
    if (!meta || !meta.slug || !numberOf(meta.days)) return MSG.noRows;
    return rows.length > 1 ? null : MSG.forecastTooShort(numberOf(meta.days), MIN_DAYS);
  },
  spec(rows, _params, frame) {
    const x = { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null };
    // Which baseline is drawn and which forecast has the interval depend on the data: colors and
    // legend order travel with the rows, so a filter change swaps data only (spec/ranked-colors.ts).
    const order = (r: Row) => (r.kind === 'actual' ? 1 : 2 + MODELS.findIndex((m) => m.id === r.model));
    const ranked = withRankedColors(
      rows,
      (r) => (r.kind === 'actual' || r.kind === 'forecast' ? String(r.series) : null),
      order,
      (r) => (r.kind === 'actual' ? ACTUAL_COLOR : (COLORS[r.model as ModelId] ?? '#888888')),
    );
    return topLevel(ranked, {
      width: panelWidth(frame, 560, RESERVE),
      height: 240,
      layer: [
        {
          // The interval of the forecast drawn with one, in that forecast's color.
          transform: [{ filter: "datum.kind === 'forecast' && datum.winner" }],
          mark: { type: 'area', opacity: 0.2 },
          // The color as it is (`scale: null`) on its own channel: a second use of the color scale
          // would take its range from this layer's rows only.
          encoding: { x, y: { field: 'hi', type: 'quantitative', title: 'Accidents per day' }, y2: { field: 'lo' }, fill: { field: RANKED_COLOR, type: 'nominal', scale: null, legend: null } },
        },
        {
          transform: [{ filter: "datum.kind === 'actual' || datum.kind === 'forecast'" }],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: 'Accidents per day' },
            // The models' labels are long: cut to the frame (less the symbol) on a narrow card.
            color: rankedColorEncoding(null, { orient: 'bottom', direction: 'vertical', labelLimit: Math.min(320, frame && frame.width > 0 ? frame.width - LEGEND_SYMBOL_PX : 320) }),
            tooltip: [
              { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Day' },
              { field: 'series', title: 'Series' },
              { field: 'value', type: 'quantitative', title: 'Accidents', format: '.2f' },
              { field: 'lo', type: 'quantitative', title: 'Interval from', format: '.0f' },
              { field: 'hi', type: 'quantitative', title: 'Interval to', format: '.0f' },
            ],
          },
        },
      ],
    });
  },
  summarize(rows) {
    const meta = rows.find((r) => r.kind === 'meta');
    const skipped = numberOf(meta?.skipped_days);
    return `${meta?.neighborhood ?? ''}, ${meta?.first_day} to ${meta?.last_day}: ${meta?.verdict ?? ''}` + (skipped > 0 ? ` (${fmtCount(skipped, 'earlier day')} outside the data's last continuous stretch ${skipped === 1 ? 'was' : 'were'} left out.)` : '');
  },
  table(rows) {
    const metrics = rows.filter((r) => r.kind === 'metric');
    const m0 = metrics[0];
    const versus = (m: Row) => {
      if (m.reference) return 'best baseline';
      if (m.role !== 'model') return '';
      const rel = numberOf(m.rel_mse);
      const sign = !Number.isFinite(rel) ? '' : rel > 0 ? '+' : rel < 0 ? '−' : '';
      return `${sign}${fmtPct(Math.abs(rel))} (${fmtP(numberOf(m.p))})`;
    };
    return {
      caption: `Rolling-origin backtest: ${m0?.origins ?? 0} origins × ${m0?.horizon ?? 0} days, ${DECISION_NOTE}. ★ marks the forecast drawn with its interval.`,
      columns: ['Model', 'Role', 'RMSE', 'MSE vs best baseline', 'MAE', `${Math.round(INTERVAL_LEVEL * 100)}% interval coverage`, 'Forecasts'],
      rows: metrics.map((m) => [
        `${m.label}${m.winner ? ' ★' : ''}`, m.role === 'model' ? 'model' : 'baseline', fmtNum(numberOf(m.rmse)), versus(m),
        fmtNum(numberOf(m.mae)), fmtPct(numberOf(m.coverage)), numberOf(m.forecasts),
      ]),
    };
  },
};

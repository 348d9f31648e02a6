/** Distribution of hours to close, as a histogram with logarithmic bins (4 per decade). */
import { hoursToCloseX, kindFilter, minPlotWidth, panelWidth, topLevel } from '../spec/common';
import { hoursBetween } from '../sql/common';
import { CLOSE_BINS_PER_DECADE, CLOSURE } from '../../db/closure';
import { int, str } from '../../sql/quote';
import { closureCountSql, closureHistogramSql, histogramQuantilesSql } from '../sql/closure';
import { whereSql } from '../sql/where';
import { fmtHours, fmtInt, fmtPct, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef } from '../types';

/** Pixels beside the plot: the y axis, and the last x label past the plot's end (measured). */
const RESERVE = 120;

/** Bins per power of ten. */
export const BINS_PER_DECADE = 4;

/** The `resolution-distribution` report (see the explanation below). */
export const resolutionDistribution: ReportDef = {
  id: 'resolution-distribution',
  title: 'Distribution of time to close',
  explanation:
    'How many closed 311 requests took each amount of time to close, on a logarithmic scale (a minute, an hour, a day and a month are equally far apart), with the median marked; requests closed at the moment of creation cannot sit on a log scale and are counted in the sentence below instead, and open requests are not included. The median is read from a histogram of 20 bins per power of ten kept by each load (within one bin, 12.2%, of the exact median, however few the requests), or computed exactly when the filters combine a neighborhood with a type or source.',
  datasets: ['service_requests'],
  sql(f) {
    const k = BINS_PER_DECADE;
    const hist = closureHistogramSql(f, 'none');
    if (hist) {
      // From the closure rollups: counts exact, the median estimated from the histogram; its
      // bins nest in the rollup's (CLOSE_BINS_PER_DECADE is a multiple of BINS_PER_DECADE).
      const per = int(CLOSE_BINS_PER_DECADE / k);
      return `WITH h AS (
  ${hist}
), bins AS (
  SELECT floor(bin / ${per}) AS b, sum(n) AS n FROM h WHERE closed = ${str(CLOSURE.after)} GROUP BY 1
), q AS (
  ${histogramQuantilesSql('(SELECT 1 AS g, closed, bin, n FROM h)', ['g'], [0.5], ['median_hours'])}
)
SELECT 'bin' AS kind, power(10, b / ${k}) AS from_hours, power(10, (b + 1) / ${k}) AS to_hours, CAST(n AS BIGINT) AS n,
  CAST(NULL AS BIGINT) AS closed_at_creation, CAST(NULL AS DOUBLE) AS median_hours
FROM bins
UNION ALL
SELECT 'total', NULL, NULL, ${closureCountSql(CLOSURE.after)}, ${closureCountSql(CLOSURE.atCreation)}, (SELECT median_hours FROM q)
FROM h
ORDER BY kind, from_hours`;
    }
    return `WITH r AS (
  SELECT ${hoursBetween('created_at', 'closed_at')} AS hours
  FROM service_requests
  WHERE created_at IS NOT NULL AND closed_at IS NOT NULL AND ${whereSql(f, 'service_requests')}
), bins AS (
  SELECT floor(log10(hours) * ${k}) AS b, count(*) AS n FROM r WHERE hours > 0 GROUP BY 1
)
SELECT 'bin' AS kind, power(10, b / ${k}) AS from_hours, power(10, (b + 1) / ${k}) AS to_hours, CAST(n AS BIGINT) AS n,
  CAST(NULL AS BIGINT) AS closed_at_creation, CAST(NULL AS DOUBLE) AS median_hours
FROM bins
UNION ALL
SELECT 'total', NULL, NULL, CAST(count(*) FILTER (WHERE hours > 0) AS BIGINT),
  CAST(count(*) FILTER (WHERE hours = 0) AS BIGINT), quantile_cont(hours, 0.5) FILTER (WHERE hours > 0)
FROM r
ORDER BY kind, from_hours`;
  },
  empty(rows) {
    return rows.some((r) => r.kind === 'bin') ? null : MSG.noResolution;
  },
  spec(rows, _params, frame) {
    // On a narrow card the axis title is shortened: it is wider than the narrowest plot.
    const x = hoursToCloseX(frame);
    return topLevel(rows, {
      width: panelWidth(frame, 520, RESERVE, 1, minPlotWidth(frame)),
      height: 220,
      layer: [
        {
          transform: [kindFilter('bin')],
          // A rect from 0 to n over [from, to): a bar ranged on x would be read as horizontal and
          // drawn as a dash at the height of n.
          mark: { type: 'rect', stroke: '#fff', strokeWidth: 0.5 },
          encoding: {
            x: { field: 'from_hours', ...x },
            x2: { field: 'to_hours' },
            y: { field: 'n', type: 'quantitative', title: 'Closed requests' },
            y2: { datum: 0 },
            tooltip: [
              { field: 'from_hours', type: 'quantitative', title: 'From (hours)', format: ',.3~r' },
              { field: 'to_hours', type: 'quantitative', title: 'To (hours)', format: ',.3~r' },
              { field: 'n', type: 'quantitative', title: 'Requests', format: ',' },
            ],
          },
        },
        {
          transform: [kindFilter('total'), { filter: 'datum.median_hours > 0' }],
          mark: { type: 'rule', color: '#e45756', strokeWidth: 2 },
          encoding: { x: { field: 'median_hours', ...x }, tooltip: [{ field: 'median_hours', type: 'quantitative', title: 'Median hours', format: ',.1f' }] },
        },
      ],
    });
  },
  summarize(rows) {
    const t = rows.find((r) => r.kind === 'total');
    if (!t) return '';
    const n = numberOf(t.n);
    const zero = numberOf(t.closed_at_creation);
    const peak = rows.filter((r) => r.kind === 'bin').reduce((a, b) => (numberOf(b.n) > numberOf(a.n) ? b : a), rows[0]);
    return (
      `${fmtInt(n)} requests closed after creation, median ${fmtHours(numberOf(t.median_hours))}; the most common duration is ${fmtHours(numberOf(peak.from_hours))}–${fmtHours(numberOf(peak.to_hours))}. ` +
      `${fmtInt(zero)} more (${fmtPct(n + zero ? zero / (n + zero) : NaN, 1)} of closed requests) were closed at the moment of creation.`
    );
  },
};

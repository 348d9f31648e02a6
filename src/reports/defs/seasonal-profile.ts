/** Month-of-year profile of the top types: which types are seasonal. */
import { int, num } from '../../sql/quote';
import { COVERAGE_SHARE } from '../stats/coverage';
import { MONTH_INITIAL_EXPR, MONTH_LABEL_EXPR, bandHeight, datasetLabelCalc, datasetRow, isNarrow, legendFor, minPlotWidth, panelWidth, reserveBeside, topLevel } from '../spec/common';
import { orNone } from '../sql/common';
import { countsSql } from '../sql/counts';
import { chiSquareUpperTail } from '../stats/special';
import { fmtNum, numberOf } from '../format';
import type { ReportDef, Row } from '../types';

/** Pixels beside the plot: type labels of up to 240 px, or of up to 120 px; and the legend (under the plot when narrow). */
const RESERVE = { wide: 290, short: 210, legend: 90 };

const TOP = 10;
/** A type is called seasonal when its peak month is this much above its average month... */
export const SEASONAL_PEAK = 1.25;
/** ...and the month-to-month variation is this unlikely under a constant rate. */
export const SEASONAL_P = 0.001;

/** Adds rate, index (rate / mean rate), peak index, χ² p-value and the seasonal flag per type. */
export function seasonalProfile(rows: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.dataset}\u0000${r.type}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: Row[] = [];
  for (const g of groups.values()) {
    const rates = g.map((r) => numberOf(r.n) / Math.max(1, numberOf(r.days)));
    const meanRate = rates.reduce((a, b) => a + b, 0) / rates.length;
    const total = g.reduce((s, r) => s + numberOf(r.n), 0);
    const days = g.reduce((s, r) => s + numberOf(r.days), 0);
    let chi2 = 0;
    for (const r of g) {
      const expected = (total * numberOf(r.days)) / days;
      if (expected > 0) chi2 += (numberOf(r.n) - expected) ** 2 / expected;
    }
    const p = g.length > 1 && total > 0 ? chiSquareUpperTail(chi2, g.length - 1) : NaN;
    const peak = meanRate > 0 ? Math.max(...rates) / meanRate : NaN;
    const seasonal = g.length === 12 && p < SEASONAL_P && peak >= SEASONAL_PEAK;
    const label = `${g[0].type}${seasonal ? ' (seasonal)' : ''}`;
    g.forEach((r, i) =>
      out.push({
        ...r,
        rate: rates[i],
        index: meanRate > 0 ? rates[i] / meanRate : null,
        peak_index: Number.isFinite(peak) ? peak : null,
        p_value: Number.isFinite(p) ? p : null,
        seasonal,
        type_label: label,
      }),
    );
  }
  return out;
}

/** The `seasonal-profile` report (see the explanation below). */
export const seasonalProfileReport: ReportDef = {
  id: 'seasonal-profile',
  title: 'Seasonal profile by type',
  explanation: `Each type's daily rate in each month of the year relative to its own average month (1 = average); a type is marked seasonal when its peak month is at least ${SEASONAL_PEAK}× average and a χ² test rejects a constant rate (p < ${SEASONAL_P}); only months the data covers count (stray rows in otherwise empty months are left out); it needs a full year to judge and does not separate weather from calendar effects.`,
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  clicks: [{ field: 'type', filter: 'types' }],
  sql(f) {
    return `WITH f AS (
  SELECT dataset, CAST(date_trunc('month', day) AS DATE) AS m0, day, ${orNone('type')} AS type, n
  FROM (${countsSql(f, ['type'], { day: true })})
), months AS (
  SELECT dataset, m0, sum(n) AS n, min(day) AS first_day, max(day) AS last_day FROM f GROUP BY ALL
), ranked AS (
  SELECT *, min(m0) OVER w AS first_m0, max(m0) OVER w AS last_m0, median(n) OVER w AS median_n
  FROM months WINDOW w AS (PARTITION BY dataset)
), covered AS (
  SELECT dataset, m0,
    CASE WHEN m0 = first_m0 THEN first_day ELSE m0 END AS d0,
    CASE WHEN m0 = last_m0 THEN last_day ELSE last_day(m0) END AS d1
  FROM ranked
  WHERE n >= ${num(COVERAGE_SHARE)} * median_n
), cal AS (
  SELECT dataset, CAST(month(m0) AS INTEGER) AS month, CAST(sum(d1 - d0 + 1) AS INTEGER) AS days FROM covered GROUP BY ALL
), g AS (
  SELECT f.dataset, f.type, CAST(month(f.m0) AS INTEGER) AS month, sum(f.n) AS n
  FROM f JOIN covered c ON c.dataset = f.dataset AND c.m0 = f.m0
  GROUP BY ALL
), top AS (
  SELECT dataset, type, row_number() OVER (PARTITION BY dataset ORDER BY sum(n) DESC, type) AS rank
  FROM g GROUP BY dataset, type
)
SELECT t.dataset, t.type, c.month, CAST(coalesce(g.n, 0) AS BIGINT) AS n, c.days
FROM top t JOIN cal c USING (dataset)
LEFT JOIN g ON g.dataset = t.dataset AND g.type = t.type AND g.month = c.month
WHERE t.rank <= ${int(TOP)}
ORDER BY t.dataset, t.rank, c.month`;
  },
  derive: (rows) => seasonalProfile(rows),
  spec(rows, _params, frame) {
    // Narrow cards give the type labels less room before the months lose theirs.
    const narrow = isNarrow(frame);
    const labels = narrow ? 120 : 240;
    return topLevel(rows, {
      transform: [datasetLabelCalc],
      facet: { row: datasetRow },
      spec: {
        width: panelWidth(frame, 360, reserveBeside(frame, { axes: narrow ? RESERVE.short : RESERVE.wide, legend: RESERVE.legend }), 1, minPlotWidth(frame)),
        height: bandHeight(rows, 'type', 18),
        mark: { type: 'rect', cursor: 'pointer' },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: 'Month', axis: { labelExpr: narrow ? MONTH_INITIAL_EXPR : MONTH_LABEL_EXPR, labelAngle: 0 } },
          y: { field: 'type_label', type: 'nominal', title: null, sort: { field: 'peak_index', op: 'max', order: 'descending' }, axis: { labelLimit: labels } },
          color: {
            field: 'index',
            type: 'quantitative',
            title: 'vs. average month',
            scale: { scheme: 'blueorange', domainMid: 1 },
            legend: legendFor(frame),
          },
          tooltip: [
            { field: 'type', title: 'Type' },
            { field: 'month', title: 'Month' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'index', type: 'quantitative', title: 'Rate vs. average', format: '.2f' },
          ],
        },
      },
      resolve: { scale: { y: 'independent' } },
    });
  },
  summarize(rows) {
    const types = new Map<string, Row>();
    for (const r of rows) types.set(`${r.dataset}/${r.type}`, r);
    const all = [...types.values()];
    const seasonal = all.filter((r) => r.seasonal).sort((a, b) => numberOf(b.peak_index) - numberOf(a.peak_index));
    const months = new Set(rows.map((r) => r.month)).size;
    if (months < 12) return `The selection covers ${months} of 12 months of the year, too few to call any type seasonal.`;
    if (!seasonal.length) return `None of the ${all.length} types shown is clearly seasonal.`;
    const names = seasonal.slice(0, 4).map((r) => `"${r.type}" (peak ${fmtNum(numberOf(r.peak_index), 2)}× average)`);
    return `${seasonal.length} of ${all.length} types are seasonal, most strongly ${names.join(', ')}.`;
  },
};

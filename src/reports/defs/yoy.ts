/**
 * Year-over-year: monthly counts with one line per year. Within the months a year has data for,
 * a month without data comes back with a NULL count, and the line breaks there instead of
 * bridging the gap.
 */
import { MONTH_LABEL_EXPR, datasetLabelCalc, datasetRow, legendFor, panelWidth, reserveBeside, topLevel } from '../spec/common';
import { yearScale } from '../spec/year-colors';
import { countsSql } from '../sql/counts';
import { fmtCount, fmtInt, fmtPct, numberOf } from '../format';
import { coveredMonths } from '../stats/coverage';
import { DATASET_LABELS, MSG } from '../messages';
import type { Dataset } from '../../domain/columns';
import type { ReportDef, Row } from '../types';

/** Pixels beside the plot: the y axis, and the year legend (under the plot when narrow). */
const RESERVE = { axes: 70, legend: 60 };

function yearsOf(rows: Row[], dataset?: Dataset): number[] {
  return [...new Set(rows.filter((r) => !dataset || r.dataset === dataset).map((r) => numberOf(r.year)))].sort((a, b) => a - b);
}

function monthKey(r: Row): string {
  return `${r.year}-${String(r.month).padStart(2, '0')}-01`;
}

/** The rows of `dataset` that have a count (not the NULL rows of months without data). */
function counted(rows: Row[], dataset: Dataset): Row[] {
  return rows.filter((r) => r.dataset === dataset && Number.isFinite(numberOf(r.n)));
}

/** Months of the year (1–12) that the data covers in at least two different years. */
function repeatedMonths(rows: Row[], dataset: Dataset): Set<number> {
  const mine = counted(rows, dataset);
  const covered = coveredMonths(mine.map(monthKey), mine.map((r) => numberOf(r.n)));
  const years = new Map<number, number>();
  for (const m of covered) years.set(+m.slice(5, 7), (years.get(+m.slice(5, 7)) ?? 0) + 1);
  return new Set([...years].filter(([, n]) => n >= 2).map(([m]) => m));
}

/** The `yoy` report (see the explanation below). */
export const yoy: ReportDef = {
  id: 'yoy',
  title: 'Year over year',
  explanation:
    'Monthly counts with one line per calendar year, so the same month can be compared across years (a month without data is a gap in its year\'s line). The first and last months of the data, or of the date filter, may be partial: the tooltip says so, and the sentence compares only months that both years have whole. A change in volume may come from how the city recorded events rather than from the events themselves.',
  datasets: ['service_requests', 'traffic_accidents'],
  sql(f) {
    return `WITH d AS (${countsSql(f, [], { day: true })}
), m AS (
  SELECT dataset, CAST(year(day) AS INTEGER) AS year, CAST(month(day) AS INTEGER) AS month,
    CAST(sum(n) AS BIGINT) AS n, CAST(count(DISTINCT day) AS INTEGER) AS days_with_data
  FROM d
  GROUP BY ALL
), extent AS (
  SELECT dataset, min(day) AS first_day, max(day) AS last_day FROM d GROUP BY ALL
), span AS (
  SELECT dataset, year, min(month) AS m0, max(month) AS m1 FROM m GROUP BY ALL
), cal AS (
  SELECT dataset, year, CAST(unnest(generate_series(m0, m1)) AS INTEGER) AS month FROM span
)
SELECT dataset, year, month, m.n, coalesce(m.days_with_data, 0) AS days_with_data,
  make_date(year, month, 1) >= extent.first_day AND last_day(make_date(year, month, 1)) <= extent.last_day AS whole_month
FROM cal LEFT JOIN m USING (dataset, year, month) JOIN extent USING (dataset)
ORDER BY dataset, year, month`;
  },
  empty(rows) {
    if (!rows.length) return MSG.noRows;
    const comparable = (['service_requests', 'traffic_accidents'] as Dataset[]).some((d) => repeatedMonths(rows, d).size > 0);
    if (comparable) return null;
    const months = [...new Set(rows.map((r) => monthKey(r).slice(0, 7)))].sort();
    return MSG.yoyNeedsTwoYears(`${months[0]} to ${months.at(-1)}`);
  },
  spec(rows, _params, frame) {
    return topLevel(rows, {
      transform: [datasetLabelCalc, { calculate: "datum.whole_month ? 'whole' : 'partial (the data or the filter starts or ends in it)'", as: 'month_cover' }],
      facet: { row: datasetRow },
      spec: {
        width: panelWidth(frame, 520, reserveBeside(frame, RESERVE)),
        height: 160,
        // A NULL count (a month without data) breaks the line; the y domain leaves it out.
        mark: { type: 'line', point: true, invalid: 'break-paths-filter-domains' },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: 'Month', scale: { domain: Array.from({ length: 12 }, (_, i) => i + 1) }, axis: { labelExpr: MONTH_LABEL_EXPR, labelAngle: 0 } },
          y: { field: 'n', type: 'quantitative', title: 'Events' },
          // Each year in its own color whichever years the filters leave (spec/year-colors.ts).
          color: { field: 'year', type: 'ordinal', title: 'Year', scale: yearScale(yearsOf(rows)), legend: legendFor(frame) },
          tooltip: [
            { field: 'year', title: 'Year' },
            { field: 'month', title: 'Month' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'month_cover', title: 'Coverage' },
          ],
        },
      },
      resolve: { scale: { y: 'independent' } },
    });
  },
  summarize(rows) {
    const parts: string[] = [];
    for (const d of ['service_requests', 'traffic_accidents'] as Dataset[]) {
      const mine = counted(rows, d);
      const years = yearsOf(mine);
      if (years.length < 2) continue;
      const [prev, last] = years.slice(-2);
      const covered = coveredMonths(mine.map(monthKey), mine.map((r) => numberOf(r.n)));
      // A month is compared when both years have it whole: not cut by where the data (or the
      // date filter) starts or ends, and not a month the data barely covers.
      const whole = new Set(mine.filter((r) => r.whole_month === true).map((r) => monthKey(r).slice(0, 7)));
      const comparable = (y: number, m: number) => {
        const k = `${y}-${String(m).padStart(2, '0')}`;
        return covered.has(k) && whole.has(k);
      };
      const months = [...new Set(mine.filter((r) => r.year === last).map((r) => numberOf(r.month)))].filter((m) => comparable(last, m) && comparable(prev, m));
      if (!months.length) {
        parts.push(`${DATASET_LABELS[d]}: ${last} and ${prev} share no month that the data fully covers, so there is no like-for-like comparison.`);
        continue;
      }
      const sum = (y: number) => mine.filter((r) => r.year === y && months.includes(numberOf(r.month))).reduce((s, r) => s + numberOf(r.n), 0);
      const a = sum(prev);
      const b = sum(last);
      parts.push(
        `${DATASET_LABELS[d]}: ${fmtInt(b)} in ${last} vs ${fmtInt(a)} in the same ${fmtCount(months.length, 'month')} of ${prev}` +
          (a > 0 ? ` (${b >= a ? '+' : ''}${fmtPct((b - a) / a, 1)}).` : '.'),
      );
    }
    return parts.join(' ') || 'No dataset has two years with data.';
  },
};

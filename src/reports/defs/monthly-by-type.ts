/** Monthly counts by type for each dataset: the top N types, the rest grouped as "Other". */
import { str, int } from '../../sql/quote';
import { datasetLabelCalc, datasetRow, legendFor, panelWidth, reserveBeside, topLevel } from '../spec/common';
import { withTypeColors } from '../spec/type-colors';
import { OTHER, orNone } from '../sql/common';
import { countsSql } from '../sql/counts';
import { typeOrderSql } from '../sql/type-order';
import { fmtCount, fmtInt, numberOf } from '../format';
import { DATASET_LABELS } from '../messages';
import type { Dataset } from '../../domain/columns';
import type { ReportDef } from '../types';

/** Pixels beside the plot: the y axis, and the type legend (under the plot when narrow). */
const RESERVE = { axes: 80, legend: 210 };

const TOP_OPTIONS = ['5', '8', '12'];

/** The `monthly-by-type` report (see the explanation below). */
export const monthlyByType: ReportDef = {
  id: 'monthly-by-type',
  title: 'Monthly counts by type',
  explanation:
    'Events per calendar month for the most frequent types of each dataset (the rest grouped as "Other"); it shows volume, not rates, so a partial first or last month looks low and changes in how types were recorded look like trends.',
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  params: [{ key: 'top', label: 'Types shown', options: TOP_OPTIONS.map((v) => ({ value: v, label: `Top ${v}` })), default: '8' }],
  clicks: [{ field: 'type', filter: 'types', ignore: [OTHER] }],
  sql(f, p) {
    const top = int(Number(p.top ?? 8));
    return `WITH base AS (
  SELECT dataset, date_trunc('month', day) AS month, ${orNone('type')} AS type, sum(n) AS n
  FROM (${countsSql(f, ['type'], { day: true })})
  GROUP BY ALL
), ranked AS (
  SELECT dataset, type, row_number() OVER (PARTITION BY dataset ORDER BY sum(n) DESC, type) AS rank
  FROM base GROUP BY dataset, type
), colors AS (
  ${typeOrderSql()}
)
SELECT b.dataset, strftime(b.month, '%Y-%m') AS month, CASE WHEN r.rank <= ${top} THEN b.type ELSE ${str(OTHER)} END AS type,
  CAST(sum(b.n) AS BIGINT) AS n, CAST(min(CASE WHEN r.rank <= ${top} THEN c.color_rank END) AS INTEGER) AS color_rank
FROM base b JOIN ranked r USING (dataset, type) LEFT JOIN colors c USING (dataset, type)
GROUP BY b.dataset, b.month, 3
ORDER BY b.dataset, month, n DESC, type`;
  },
  spec(rows, _params, frame) {
    // Each type's color travels with its rows (spec/type-colors.ts), so a filter that changes
    // which types are shown does not recolor the others.
    return topLevel(withTypeColors(rows), {
      transform: [datasetLabelCalc, { calculate: "toDate(datum.month + '-01')", as: 'month_start' }],
      facet: { row: datasetRow },
      spec: {
        width: panelWidth(frame, 540, reserveBeside(frame, RESERVE)),
        height: 180,
        mark: { type: 'bar', cursor: 'pointer' },
        encoding: {
          x: { field: 'month_start', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' },
          y: { field: 'n', type: 'quantitative', title: 'Events', stack: 'zero' },
          color: { field: 'type', type: 'nominal', title: 'Type', scale: { range: { field: 'type_color' } }, legend: legendFor(frame, { labelLimit: 220 }) },
          order: { field: 'n', type: 'quantitative', sort: 'descending' },
          tooltip: [
            { field: 'month', title: 'Month' },
            { field: 'type', title: 'Type' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
          ],
        },
      },
      resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
    });
  },
  summarize(rows) {
    const parts: string[] = [];
    for (const d of ['service_requests', 'traffic_accidents'] as Dataset[]) {
      const mine = rows.filter((r) => r.dataset === d);
      if (!mine.length) continue;
      const byType = new Map<string, number>();
      const months = new Set<string>();
      for (const r of mine) {
        months.add(String(r.month));
        if (r.type !== OTHER) byType.set(String(r.type), (byType.get(String(r.type)) ?? 0) + numberOf(r.n));
      }
      const total = mine.reduce((s, r) => s + numberOf(r.n), 0);
      const [topType, topN] = [...byType.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['–', 0];
      parts.push(
        `${DATASET_LABELS[d]}: ${fmtCount(total, 'event')} over ${fmtCount(months.size, 'month')}; the most frequent type is "${topType}" (${fmtInt(topN)}).`,
      );
    }
    return parts.join(' ');
  },
};

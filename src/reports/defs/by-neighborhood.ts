/** Events by neighborhood as ranked bars: raw counts, or relative to the neighborhood's share of all events. */
import { strList } from '../../sql/quote';
import { datasetLabelCalc, isNarrow, panelHeader, topLevel, twoPanels } from '../spec/common';
import { countsSql } from '../sql/counts';
import { fmtInt, fmtNum, numberOf } from '../format';
import { DATASET_LABELS } from '../messages';
import type { Dataset } from '../../domain/columns';
import type { ReportDef } from '../types';

/** Pixels beside the panels (neighborhood labels, padding): side by side, and stacked. */
const RESERVE = { side: 360, stacked: 190 };
/** The neighborhood labels' limit when stacked on a narrow card. */
const NARROW_LABELS = 110;

/** The `by-neighborhood` report (see the explanation below). */
export const byNeighborhood: ReportDef = {
  id: 'by-neighborhood',
  title: 'Events by neighborhood',
  explanation:
    "Ranked neighborhoods by number of events; the relative view divides a neighborhood's share of the selected events by its share of all events (both datasets, same dates), so 1.5 means 50% over-represented. Neither view adjusts for population, road length or area, and events without a neighborhood are left out.",
  datasets: ['service_requests', 'traffic_accidents'],
  params: [
    {
      key: 'mode',
      label: 'Show',
      options: [
        { value: 'count', label: 'Counts' },
        { value: 'relative', label: 'Relative to share of all events' },
      ],
      default: 'count',
    },
  ],
  clicks: [{ field: 'slug', filter: 'neighborhoods' }],
  sql(f) {
    const nbhd = f.neighborhoods.length ? `WHERE s.slug IN ${strList(f.neighborhoods)}` : '';
    return `WITH sel AS (
  SELECT dataset, neighborhood_slug AS slug, sum(n) AS n
  FROM (${countsSql(f, ['neighborhood_slug'], { omit: ['neighborhoods'] })})
  WHERE neighborhood_slug IS NOT NULL
  GROUP BY ALL
), tot AS (
  SELECT dataset, sum(n) AS total FROM sel GROUP BY dataset
), base AS (
  SELECT neighborhood_slug AS slug, sum(n) AS n
  FROM (${countsSql(f, ['neighborhood_slug'], { omit: ['neighborhoods', 'types', 'sources', 'datasets'] })})
  WHERE neighborhood_slug IS NOT NULL
  GROUP BY ALL
), btot AS (
  SELECT sum(n) AS total FROM base
)
SELECT s.dataset, coalesce(nb.name, s.slug) AS neighborhood, s.slug, CAST(s.n AS BIGINT) AS n,
  CAST(s.n / t.total AS DOUBLE) AS share, CAST(b.n / bt.total AS DOUBLE) AS base_share,
  CAST((s.n / t.total) / (b.n / bt.total) AS DOUBLE) AS relative
FROM sel s JOIN tot t USING (dataset) JOIN base b USING (slug) CROSS JOIN btot bt
LEFT JOIN neighborhoods nb ON nb.slug = s.slug
${nbhd}
ORDER BY s.dataset, n DESC, s.slug`;
  },
  spec(rows, p, frame) {
    const relative = p.mode === 'relative';
    const field = relative ? 'relative' : 'n';
    const layout = twoPanels(frame, 200, RESERVE, 110);
    // Stacked on a phone-sized card: the names are cut shorter to leave the bars room.
    const labelLimit = layout.facet === 'row' && isNarrow(frame) ? NARROW_LABELS : 150;
    const bar = {
      mark: { type: 'bar', cursor: 'pointer' },
      encoding: {
        y: { field: 'neighborhood', type: 'nominal', title: null, sort: { field, order: 'descending' }, axis: { labelLimit, labelFontSize: 10 } },
        x: relative
          ? { field: 'relative', type: 'quantitative', title: 'Share of selection ÷ share of all events' }
          : { field: 'n', type: 'quantitative', title: 'Events' },
        color: relative
          ? { field: 'relative', type: 'quantitative', scale: { type: 'log', scheme: 'redblue', reverse: true, domainMid: 1 }, legend: null }
          : { value: '#4c78a8' },
        tooltip: [
          { field: 'neighborhood', title: 'Neighborhood' },
          { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
          { field: 'share', type: 'quantitative', title: 'Share of selection', format: '.2%' },
          { field: 'base_share', type: 'quantitative', title: 'Share of all events', format: '.2%' },
          { field: 'relative', type: 'quantitative', title: 'Relative', format: '.2f' },
        ],
      },
    };
    const inner = relative ? { layer: [bar, { mark: { type: 'rule', color: '#333' }, encoding: { x: { datum: 1 } } }] } : bar;
    return topLevel(rows, {
      transform: [datasetLabelCalc],
      facet: { [layout.facet]: { field: 'dataset_label', type: 'nominal', title: null, ...panelHeader(layout) } },
      spec: { width: layout.width, height: { step: 11 }, ...inner },
      resolve: { scale: { y: 'independent', x: 'independent' } },
    });
  },
  summarize(rows, p) {
    const parts: string[] = [];
    const field = p.mode === 'relative' ? 'relative' : 'n';
    for (const d of ['service_requests', 'traffic_accidents'] as Dataset[]) {
      const mine = rows.filter((r) => r.dataset === d);
      if (!mine.length) continue;
      const top = mine.reduce((a, b) => (numberOf(b[field]) > numberOf(a[field]) ? b : a));
      parts.push(
        field === 'n'
          ? `${DATASET_LABELS[d]}: most in ${top.neighborhood} (${fmtInt(numberOf(top.n))}).`
          : `${DATASET_LABELS[d]}: most over-represented in ${top.neighborhood} (${fmtNum(numberOf(top.relative), 2)}× its share of all events).`,
      );
    }
    return parts.join(' ');
  },
};

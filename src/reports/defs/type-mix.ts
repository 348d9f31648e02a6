/** Type mix per neighborhood: a heat map of each type's share of the neighborhood's events. */
import { int, str, strList } from '../../sql/quote';
import { bandHeight, bandStep, datasetLabelCalc, datasetRow, exprStr, isNarrow, topLevel } from '../spec/common';
import { OTHER, orNone } from '../sql/common';
import { countsSql } from '../sql/counts';
import { fmtNum, fmtPct, numberOf } from '../format';
import type { ReportDef } from '../types';

const TOP = 10;
/**
 * Pixels beside the bands: neighborhood labels, slanted type labels and the legend (which stays
 * beside: Vega-Lite 6 fails on a bottom legend with these independent band scales).
 */
const RESERVE = 340;
/**
 * On a narrow card (a phone): neighborhood labels cut shorter, type labels upright, the legend
 * title on two lines, and bands down to 8 px, so the chart fits the card instead of scrolling.
 */
const NARROW = { reserve: 205, minStep: 8, nameLimit: 85, typeLimit: 120, typeFontSize: 8.5, legendOffset: 8, legendTitleSize: 10 } as const;

/** The `type-mix` report (see the explanation below). */
export const typeMix: ReportDef = {
  id: 'type-mix',
  title: 'Type mix by neighborhood',
  explanation:
    "Each cell is the share of a neighborhood's events that are of one type (rows sum to 100% per dataset; the grey column is every other type together, left out of the color scale), with the city-wide share in the tooltip for comparison (all neighborhoods, under the other filters, whichever neighborhoods are selected); small neighborhoods have noisy mixes, and the chart says nothing about volume.",
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  clicks: [{ field: 'slug', filter: 'neighborhoods' }],
  sql(f) {
    // The counts are read once without the neighborhood filter (the same rollup the filtered
    // counts would come from, since they group by neighborhood anyway): `city` gives the
    // city-wide shares, `f` the selected neighborhoods' cells.
    const nbhd = f.neighborhoods.length ? `\n  WHERE slug IN ${strList(f.neighborhoods)}` : '';
    return `WITH city AS (
  SELECT dataset, neighborhood_slug AS slug, ${orNone('type')} AS type, sum(n) AS n
  FROM (${countsSql(f, ['neighborhood_slug', 'type'], { omit: ['neighborhoods'] })})
  WHERE neighborhood_slug IS NOT NULL
  GROUP BY ALL
), f AS (
  SELECT * FROM city${nbhd}
), top AS (
  SELECT dataset, type, row_number() OVER (PARTITION BY dataset ORDER BY sum(n) DESC, type) AS rank
  FROM f GROUP BY dataset, type
), g AS (
  SELECT f.dataset, f.slug, CASE WHEN top.rank <= ${int(TOP)} THEN f.type ELSE ${str(OTHER)} END AS type,
    least(top.rank, ${int(TOP + 1)}) AS type_rank, sum(f.n) AS n
  FROM f JOIN top USING (dataset, type)
  GROUP BY ALL
), c AS (
  SELECT dataset, type, n / sum(n) OVER (PARTITION BY dataset) AS city_share
  FROM (
    SELECT city.dataset, CASE WHEN top.rank <= ${int(TOP)} THEN city.type ELSE ${str(OTHER)} END AS type, sum(city.n) AS n
    FROM city LEFT JOIN top USING (dataset, type)
    GROUP BY ALL
  )
)
SELECT g.dataset, coalesce(nb.name, g.slug) AS neighborhood, g.slug, g.type, CAST(g.type_rank AS INTEGER) AS type_rank, CAST(g.n AS BIGINT) AS n,
  CAST(g.n / sum(g.n) OVER (PARTITION BY g.dataset, g.slug) AS DOUBLE) AS share,
  CAST(c.city_share AS DOUBLE) AS city_share
FROM g JOIN c USING (dataset, type) LEFT JOIN neighborhoods nb ON nb.slug = g.slug
ORDER BY g.dataset, neighborhood, g.type`;
  },
  spec(rows, _params, frame) {
    const other = `datum.type === ${exprStr(OTHER)}`;
    const narrow = isNarrow(frame);
    const step = narrow ? bandStep(frame, 22, TOP + 1, NARROW.reserve, NARROW.minStep) : bandStep(frame, 22, TOP + 1, RESERVE);
    const xAxis = narrow ? { labelAngle: -90, labelLimit: NARROW.typeLimit, labelFontSize: NARROW.typeFontSize } : { labelAngle: -45, labelLimit: 160 };
    const yAxis = narrow ? { labelFontSize: 9, labelLimit: NARROW.nameLimit } : { labelFontSize: 9 };
    return topLevel(rows, {
      transform: [
        datasetLabelCalc,
        { calculate: 'datum.share / datum.city_share', as: 'lift' },
        // "Other" (every type past the top ten) is usually the largest share: it is drawn grey and
        // left out of the color scale, which then spans the named types' shares.
        { calculate: `${other} ? null : datum.share`, as: 'share_named' },
      ],
      facet: { row: datasetRow },
      spec: {
        width: { step },
        height: bandHeight(rows, 'neighborhood', 10),
        mark: { type: 'rect', cursor: 'pointer', invalid: null },
        encoding: {
          x: { field: 'type', type: 'nominal', title: null, sort: { field: 'type_rank', op: 'min', order: 'ascending' }, axis: xAxis },
          y: { field: 'neighborhood', type: 'nominal', title: null, axis: yAxis },
          color: {
            condition: { test: other, value: '#d4d4d4' },
            field: 'share_named',
            type: 'quantitative',
            title: narrow ? ['Share of', 'neighborhood'] : 'Share of neighborhood',
            scale: { scheme: 'blues' },
            legend: narrow ? { format: '.0%', offset: NARROW.legendOffset, titleFontSize: NARROW.legendTitleSize } : { format: '.0%' },
          },
          tooltip: [
            { field: 'neighborhood', title: 'Neighborhood' },
            { field: 'type', title: 'Type' },
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'share', type: 'quantitative', title: 'Share here', format: '.1%' },
            { field: 'city_share', type: 'quantitative', title: 'Share city-wide', format: '.1%' },
            { field: 'lift', type: 'quantitative', title: 'Here ÷ city-wide', format: '.2f' },
          ],
        },
      },
      resolve: { scale: { x: 'independent', y: 'independent', color: 'independent' } },
    });
  },
  summarize(rows) {
    const candidates = rows.filter((r) => r.type !== OTHER && numberOf(r.n) >= 20 && numberOf(r.city_share) > 0);
    if (!candidates.length) return 'Too few events per neighborhood to compare type mixes.';
    const best = candidates.reduce((a, b) =>
      numberOf(b.share) / numberOf(b.city_share) > numberOf(a.share) / numberOf(a.city_share) ? b : a,
    );
    const lift = numberOf(best.share) / numberOf(best.city_share);
    return `The most distinctive mix (at least 20 events): "${best.type}" is ${fmtPct(numberOf(best.share), 1)} of ${best.neighborhood}'s events, ${fmtNum(lift, 1)}× its city-wide share.`;
  },
};

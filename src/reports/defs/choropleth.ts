/** Choropleth of events per neighborhood over the stored boundaries GeoJSON. */
import { legendFor, panelWidth, reserveBeside, topLevel } from '../spec/common';
import { countsSql } from '../sql/counts';
import { checkBoundariesCached, featureNeighborhood } from '../boundaries';
import { fmtInt, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef, Row } from '../types';

/** Pixels beside the map: padding, and the color legend (under the map when narrow). */
const RESERVE = { axes: 20, legend: 160 };

const MEASURES = [
  { value: 'all', label: 'All selected events' },
  { value: 'service_requests', label: '311 requests' },
  { value: 'traffic_accidents', label: 'Traffic accidents' },
];

function measureOf(r: Row | undefined, measure: string): number | null {
  if (!r) return null;
  const req = numberOf(r.requests) || 0;
  const acc = numberOf(r.accidents) || 0;
  return measure === 'service_requests' ? req : measure === 'traffic_accidents' ? acc : req + acc;
}

/** The `choropleth` report (see the explanation below). */
export const choropleth: ReportDef = {
  id: 'choropleth',
  title: 'Neighborhood map',
  explanation:
    'Events per neighborhood colored over the neighborhood boundaries you loaded (matched by name through the same crosswalk as the data); counts are not divided by area or population, and neighborhoods outside the filter are grey.',
  datasets: ['service_requests', 'traffic_accidents'],
  acceptsGeoJson: true,
  params: [{ key: 'measure', label: 'Color by', options: MEASURES, default: 'all' }],
  clicks: [{ field: 'slug', filter: 'neighborhoods' }],
  sql(f) {
    return `SELECT 'geojson' AS kind, CAST(NULL AS VARCHAR) AS slug, CAST(NULL AS BIGINT) AS requests,
  CAST(NULL AS BIGINT) AS accidents, b.name, b.geojson
FROM (SELECT name, geojson FROM boundaries ORDER BY loaded_at DESC LIMIT 1) b
UNION ALL
SELECT 'count', neighborhood_slug,
  CAST(coalesce(sum(n) FILTER (WHERE dataset = 'service_requests'), 0) AS BIGINT),
  CAST(coalesce(sum(n) FILTER (WHERE dataset = 'traffic_accidents'), 0) AS BIGINT), NULL, NULL
FROM (${countsSql(f, ['neighborhood_slug'])})
WHERE neighborhood_slug IS NOT NULL
GROUP BY neighborhood_slug`;
  },
  derive(rows, p) {
    const geo = rows.find((r) => r.kind === 'geojson');
    if (!geo || typeof geo.geojson !== 'string') return [];
    const check = checkBoundariesCached(geo.geojson);
    if (!check.ok) return [];
    const counts = new Map(rows.filter((r) => r.kind === 'count').map((r) => [String(r.slug), r]));
    return check.features.map((f) => {
      const nb = featureNeighborhood(f);
      const c = nb ? counts.get(nb.slug) : undefined;
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: f.properties,
        neighborhood: nb?.name ?? String(f.properties?.NBHD_NAME ?? ''),
        slug: nb?.slug ?? null,
        boundaries: geo.name,
        requests: c ? numberOf(c.requests) : null,
        accidents: c ? numberOf(c.accidents) : null,
        value: measureOf(c, p.measure ?? 'all'),
      };
    });
  },
  empty(rows) {
    return rows.length ? null : MSG.noBoundaries;
  },
  spec(rows, p, frame) {
    const width = panelWidth(frame, 520, reserveBeside(frame, RESERVE), 1, 220);
    const title = MEASURES.find((m) => m.value === p.measure)?.label ?? 'Events';
    return topLevel(rows, {
      width,
      height: Math.round((width * 420) / 520),
      projection: { type: 'mercator' },
      layer: [
        { mark: { type: 'geoshape', fill: '#e5e5e5', stroke: '#fff', strokeWidth: 0.5 } },
        {
          transform: [{ filter: 'isValid(datum.value)' }],
          mark: { type: 'geoshape', stroke: '#fff', strokeWidth: 0.5, cursor: 'pointer' },
          encoding: {
            color: { field: 'value', type: 'quantitative', title, scale: { scheme: 'orangered' }, legend: legendFor(frame, { format: ',.0f' }) },
            tooltip: [
              { field: 'neighborhood', title: 'Neighborhood' },
              { field: 'requests', type: 'quantitative', title: '311 requests', format: ',' },
              { field: 'accidents', type: 'quantitative', title: 'Accidents', format: ',' },
            ],
          },
        },
      ],
    });
  },
  summarize(rows) {
    const matched = rows.filter((r) => r.slug);
    const unmatched = rows.length - matched.length;
    const top = matched.filter((r) => r.value !== null).sort((a, b) => numberOf(b.value) - numberOf(a.value))[0];
    return (
      `${fmtInt(matched.length)} of ${fmtInt(rows.length)} boundary features matched a neighborhood` +
      (unmatched ? ` (${fmtInt(unmatched)} unmatched, shown grey)` : '') +
      (top ? `; the highest count is ${top.neighborhood} (${fmtInt(numberOf(top.value))}).` : '.')
    );
  },
};

/** Point density over Denver's extent, binned in SQL and drawn as a grid of rectangles (no tiles). */
import { num } from '../../sql/quote';
import { CELL, DENVER_EXTENT } from '../../domain/grid';
import { datasetLabelCalc, isNarrow, kindFilter, legendFor, panelHeader, topLevel, twoPanels } from '../spec/common';
import { countsSql } from '../sql/counts';
import { fmtInt, fmtPct, numberOf } from '../format';
import { DATASET_LABELS, MSG } from '../messages';
import type { Dataset } from '../../domain/columns';
import type { ReportDef } from '../types';

const E = DENVER_EXTENT;
const DX = CELL.dLon;
const DY = CELL.dLat;
/** A DOUBLE literal (plain numeric literals would be DECIMALs). */
const dbl = (v: number) => `CAST(${num(v)} AS DOUBLE)`;
/** Width / height that keeps ground distances square at Denver's latitude. */
const ASPECT = ((E.maxLon - E.minLon) * Math.cos((39.75 * Math.PI) / 180)) / (E.maxLat - E.minLat);
const WIDTH = 244;
/** Pixels beside the maps (axes, the color legend): side by side, stacked, and stacked with the legend under each map. */
const RESERVE = { side: 340, stacked: 200, narrow: 100 };

/** The `density-map` report (see the explanation below). */
export const densityMap: ReportDef = {
  id: 'density-map',
  title: 'Where events happen (point density)',
  explanation:
    'Events with valid coordinates counted in a grid of about 430 m cells over Denver (log color scale); rows without valid coordinates — most 311 requests — cannot be placed and are only counted, so the map is not a complete picture of where requests come from.',
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  sql(f) {
    return `WITH cells AS (
  ${countsSql(f, ['cell'])}
)
SELECT 'bin' AS kind, dataset,
  round(${dbl(E.minLon)} + ix * ${dbl(DX)}, 6) AS lon, round(${dbl(E.minLon)} + (ix + 1) * ${dbl(DX)}, 6) AS lon2,
  round(${dbl(E.minLat)} + iy * ${dbl(DY)}, 6) AS lat, round(${dbl(E.minLat)} + (iy + 1) * ${dbl(DY)}, 6) AS lat2,
  CAST(n AS BIGINT) AS n, CAST(NULL AS BIGINT) AS total, CAST(NULL AS BIGINT) AS valid, CAST(NULL AS BIGINT) AS inside
FROM cells WHERE place = 'bin'
UNION ALL
SELECT 'total', dataset, NULL, NULL, NULL, NULL, NULL, CAST(sum(n) AS BIGINT),
  CAST(sum(n) FILTER (WHERE place <> 'missing') AS BIGINT), CAST(sum(n) FILTER (WHERE place = 'bin') AS BIGINT)
FROM cells GROUP BY dataset
ORDER BY kind, dataset, lon, lat`;
  },
  empty(rows) {
    if (!rows.some((r) => r.kind === 'total' && numberOf(r.total) > 0)) return MSG.noRows;
    return rows.some((r) => r.kind === 'bin') ? null : MSG.noCoordinates;
  },
  spec(rows, _params, frame) {
    const layout = twoPanels(frame, WIDTH, { side: RESERVE.side, stacked: isNarrow(frame) ? RESERVE.narrow : RESERVE.stacked });
    const width = layout.width;
    const lonScale = { domain: [E.minLon, E.maxLon], zero: false, nice: false };
    const latScale = { domain: [E.minLat, E.maxLat], zero: false, nice: false };
    return topLevel(rows, {
      transform: [kindFilter('bin'), datasetLabelCalc],
      facet: { [layout.facet]: { field: 'dataset_label', type: 'nominal', title: null, ...panelHeader(layout) } },
      spec: {
        width,
        height: Math.round(width / ASPECT),
        mark: 'rect',
        encoding: {
          x: { field: 'lon', type: 'quantitative', scale: lonScale, title: 'Longitude', axis: { format: '.2f', tickCount: 4 } },
          x2: { field: 'lon2' },
          y: { field: 'lat', type: 'quantitative', scale: latScale, title: 'Latitude', axis: { format: '.2f', tickCount: 4 } },
          y2: { field: 'lat2' },
          color: { field: 'n', type: 'quantitative', title: 'Events per cell', scale: { type: 'log', scheme: 'inferno', reverse: true }, legend: legendFor(frame) },
          tooltip: [
            { field: 'n', type: 'quantitative', title: 'Events', format: ',' },
            { field: 'lon', type: 'quantitative', title: 'Lon from', format: '.3f' },
            { field: 'lat', type: 'quantitative', title: 'Lat from', format: '.3f' },
          ],
        },
      },
      resolve: { scale: { color: 'independent' } },
    });
  },
  summarize(rows) {
    const parts: string[] = [];
    for (const d of ['service_requests', 'traffic_accidents'] as Dataset[]) {
      const t = rows.find((r) => r.kind === 'total' && r.dataset === d);
      if (!t) continue;
      const total = numberOf(t.total);
      const missing = total - numberOf(t.valid);
      const outside = numberOf(t.valid) - numberOf(t.inside);
      parts.push(
        `${DATASET_LABELS[d]}: ${fmtInt(missing)} of ${fmtInt(total)} rows (${fmtPct(total ? missing / total : NaN, 1)}) had no valid coordinates and are not on the map` +
          (outside > 0 ? `; ${fmtInt(outside)} more are outside the map's extent.` : '.'),
      );
    }
    return parts.join(' ');
  },
};

/**
 * Per neighborhood: 311 volume (all requests, and street/traffic-related types) against
 * accidents, with Pearson, Spearman, n, p-values and a 95% CI, and the least-squares line.
 */
import { strList } from '../../sql/quote';
import { kindFilter, panelHeader, topLevel, twoPanels } from '../spec/common';
import { STREET_KEYWORDS, streetTypeCondition } from '../sql/common';
import { countsSql } from '../sql/counts';
import { correlationTest, linearFit, pearson, spearman } from '../stats/correlation';
import { fmtNum, fmtP, fmtPValue, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef, Row } from '../types';

/** Pixels beside the panels (axes): side by side, and stacked. */
const RESERVE = { side: 110, stacked: 70 };

/** The two 311 volumes set against accidents. */
export const MEASURES = [
  { key: 'requests', label: 'All 311 requests' },
  { key: 'street_requests', label: 'Street & traffic 311 requests' },
] as const;

/** Point, fit and statistics rows from the per-neighborhood counts. */
export function correlationRows(rows: Row[]): Row[] {
  const out: Row[] = [];
  const y = rows.map((r) => numberOf(r.accidents));
  for (const m of MEASURES) {
    const x = rows.map((r) => numberOf(r[m.key]));
    rows.forEach((r, i) => out.push({ kind: 'point', measure: m.label, neighborhood: r.neighborhood, slug: r.slug, x: x[i], accidents: y[i] }));
    const n = x.length;
    const r = pearson(x, y);
    const rho = spearman(x, y);
    const pt = correlationTest(r, n);
    const st = correlationTest(rho, n);
    const fit = linearFit(x, y);
    const nums = (v: number) => (Number.isFinite(v) ? v : null);
    out.push({
      kind: 'stat', measure: m.label, n,
      pearson: nums(r), pearson_p: nums(pt.p), pearson_ci_low: nums(pt.ciLow), pearson_ci_high: nums(pt.ciHigh),
      spearman: nums(rho), spearman_p: nums(st.p), slope: nums(fit.slope), intercept: nums(fit.intercept),
    });
    if (Number.isFinite(fit.slope) && n) {
      const lo = Math.min(...x);
      const hi = Math.max(...x);
      for (const xv of [lo, hi]) out.push({ kind: 'fit', measure: m.label, x: xv, accidents: fit.intercept + fit.slope * xv });
    }
  }
  return out;
}

/** The `correlation-neighborhood` report (see the explanation below). */
export const correlationNeighborhood: ReportDef = {
  id: 'correlation-neighborhood',
  title: '311 requests vs accidents, by neighborhood',
  explanation: `Each dot is a neighborhood with at least one event in the selection: its 311 requests (all, and types matching street/traffic keywords such as ${STREET_KEYWORDS.slice(0, 5).join(', ')}) against its traffic accidents over the same dates, with the least-squares line; a correlation here mostly reflects neighborhood size and traffic, and it does not show that one causes the other.`,
  datasets: ['service_requests', 'traffic_accidents'],
  renderer: 'canvas',
  needsAll: true,
  clicks: [{ field: 'slug', filter: 'neighborhoods' }],
  sql(f) {
    const nb = f.neighborhoods.length ? `WHERE nb.slug IN ${strList(f.neighborhoods)}` : '';
    return `WITH f AS (
  SELECT dataset, neighborhood_slug AS slug, type, sum(n) AS n
  FROM (${countsSql(f, ['neighborhood_slug', 'type'], { omit: ['neighborhoods'] })})
  WHERE neighborhood_slug IS NOT NULL
  GROUP BY ALL
)
SELECT nb.name AS neighborhood, nb.slug,
  CAST(coalesce(sum(f.n) FILTER (WHERE f.dataset = 'service_requests'), 0) AS BIGINT) AS requests,
  CAST(coalesce(sum(f.n) FILTER (WHERE f.dataset = 'service_requests' AND ${streetTypeCondition('f.type')}), 0) AS BIGINT) AS street_requests,
  CAST(coalesce(sum(f.n) FILTER (WHERE f.dataset = 'traffic_accidents'), 0) AS BIGINT) AS accidents
FROM neighborhoods nb JOIN f ON f.slug = nb.slug
${nb}
GROUP BY ALL
ORDER BY nb.name`;
  },
  derive: (rows) => correlationRows(rows),
  empty(rows) {
    const points = rows.filter((r) => r.kind === 'point' && r.measure === MEASURES[0].label);
    const withData = points.filter((r) => numberOf(r.x) + numberOf(r.accidents) > 0).length;
    if (!withData) return MSG.noRows;
    if (!points.some((r) => numberOf(r.accidents) > 0)) return MSG.sideEmpty('traffic accidents');
    if (!points.some((r) => numberOf(r.x) > 0)) return MSG.sideEmpty('311 requests');
    return withData < 4 ? MSG.tooFewNeighborhoods(withData) : null;
  },
  spec(rows, _params, frame) {
    const x = { field: 'x', type: 'quantitative', title: '311 requests' };
    const y = { field: 'accidents', type: 'quantitative', title: 'Traffic accidents' };
    const layout = twoPanels(frame, 240, RESERVE);
    return topLevel(rows, {
      facet: { [layout.facet]: { field: 'measure', type: 'nominal', title: null, sort: MEASURES.map((m) => m.label), ...panelHeader(layout) } },
      spec: {
        width: layout.width,
        height: 220,
        layer: [
          {
            transform: [kindFilter('point')],
            mark: { type: 'circle', size: 40, opacity: 0.7, cursor: 'pointer' },
            encoding: {
              x, y,
              tooltip: [
                { field: 'neighborhood', title: 'Neighborhood' },
                { field: 'x', type: 'quantitative', title: '311 requests', format: ',' },
                { field: 'accidents', type: 'quantitative', title: 'Accidents', format: ',' },
              ],
            },
          },
          { transform: [kindFilter('fit')], mark: { type: 'line', color: '#e45756' }, encoding: { x, y } },
        ],
      },
      resolve: { scale: { x: 'independent' } },
    });
  },
  summarize(rows) {
    return rows
      .filter((r) => r.kind === 'stat')
      .map(
        (s) =>
          `${s.measure}: Pearson r = ${fmtNum(numberOf(s.pearson))} (95% CI ${fmtNum(numberOf(s.pearson_ci_low))} to ${fmtNum(numberOf(s.pearson_ci_high))}, ${fmtP(numberOf(s.pearson_p))}), Spearman ρ = ${fmtNum(numberOf(s.spearman))} (${fmtP(numberOf(s.spearman_p))}), n = ${s.n} neighborhoods.`,
      )
      .join(' ');
  },
  table(rows) {
    const stats = rows.filter((r) => r.kind === 'stat');
    return {
      caption: 'Correlation across neighborhoods',
      columns: ['Measure', 'n', 'Pearson r', '95% CI', 'p', 'Spearman ρ', 'p (ρ)'],
      rows: stats.map((s) => [
        String(s.measure), numberOf(s.n), fmtNum(numberOf(s.pearson)),
        `${fmtNum(numberOf(s.pearson_ci_low))} to ${fmtNum(numberOf(s.pearson_ci_high))}`, fmtPValue(numberOf(s.pearson_p)),
        fmtNum(numberOf(s.spearman)), fmtPValue(numberOf(s.spearman_p)),
      ]),
    };
  },
};

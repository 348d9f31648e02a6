/**
 * Median and p90 hours from created to closed, by a chosen dimension. Cases closed at the
 * moment they were created are counted apart (they would drag the medians to zero), and
 * cases "closed" before they were created are data errors, counted and left out.
 */
import { int } from '../../sql/quote';
import { kindFilter, topLevel } from '../spec/common';
import { hoursBetween, orNone } from '../sql/common';
import { whereSql } from '../sql/where';
import { fmtHours, fmtInt, fmtPct, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef } from '../types';

/** The dimensions and their SQL expressions over service_requests. */
export const RESOLUTION_DIMENSIONS: Record<string, { label: string; expr: string }> = {
  type: { label: 'Type', expr: orNone('type') },
  agency: { label: 'Agency', expr: orNone('agency') },
  source: { label: 'Source', expr: orNone('case_source') },
  neighborhood: { label: 'Neighborhood', expr: orNone('neighborhood') },
  month: { label: 'Month created', expr: "date_trunc('month', created_at)" },
};

/** Groups shown (the largest ones; months are all shown). */
export const RESOLUTION_LIMIT = 80;

/** The `resolution-by` report (see the explanation below). */
export const resolutionBy: ReportDef = {
  id: 'resolution-by',
  title: 'Time to close 311 requests',
  explanation:
    'Median (dot) and 90th percentile (end of line) of hours from creation to closure for closed 311 requests, by the chosen dimension; requests closed at the second they were created are counted separately and excluded, open requests are not included (see the backlog), and the times say nothing about whether the problem was fixed.',
  datasets: ['service_requests'],
  params: [
    {
      key: 'dimension',
      label: 'By',
      options: Object.entries(RESOLUTION_DIMENSIONS).map(([value, d]) => ({ value, label: d.label })),
      default: 'type',
    },
  ],
  sql(f, p) {
    const dim = RESOLUTION_DIMENSIONS[p.dimension ?? 'type'] ?? RESOLUTION_DIMENSIONS.type;
    const order = p.dimension === 'month' ? 'key' : 'n DESC, key';
    const keyText = p.dimension === 'month' ? "strftime(r.key, '%Y-%m')" : 'r.key';
    const agg = `CAST(count(*) FILTER (WHERE hours > 0) AS BIGINT) AS n,
    quantile_cont(hours, [0.5, 0.9]) FILTER (WHERE hours > 0) AS q,
    CAST(count(*) FILTER (WHERE hours = 0) AS BIGINT) AS closed_at_creation,
    CAST(count(*) FILTER (WHERE hours < 0) AS BIGINT) AS closed_before_created,
    CAST(count(*) FILTER (WHERE hours IS NULL) AS BIGINT) AS open`;
    return `WITH r AS (
  SELECT ${dim.expr} AS key, ${hoursBetween('created_at', 'closed_at')} AS hours
  FROM service_requests
  WHERE created_at IS NOT NULL AND ${whereSql(f, 'service_requests')}
), groups AS (
  SELECT CASE WHEN grouping(r.key) = 1 THEN 'total' ELSE 'group' END AS kind, ${keyText} AS key, ${agg}
  FROM r GROUP BY GROUPING SETS ((r.key), ())
)
SELECT kind, key, n, q[1] AS median_hours, q[2] AS p90_hours, closed_at_creation, closed_before_created, open, rank
FROM (
  SELECT *, CAST(row_number() OVER (PARTITION BY kind ORDER BY ${order}) AS INTEGER) AS rank
  FROM groups WHERE kind = 'total' OR n + closed_at_creation > 0
)
WHERE rank <= ${int(RESOLUTION_LIMIT)}
ORDER BY kind, rank`;
  },
  empty(rows) {
    const t = rows.find((r) => r.kind === 'total');
    return t && numberOf(t.n) + numberOf(t.closed_at_creation) > 0 ? null : MSG.noResolution;
  },
  spec(rows, p) {
    const dim = RESOLUTION_DIMENSIONS[p.dimension ?? 'type'] ?? RESOLUTION_DIMENSIONS.type;
    const y = { field: 'key', type: 'nominal', title: dim.label, sort: { field: 'rank', op: 'min', order: 'ascending' }, axis: { labelLimit: 200 } };
    const x = { type: 'quantitative', scale: { type: 'log' }, title: 'Hours from created to closed (log scale)' };
    const tooltip = [
      { field: 'key', title: dim.label },
      { field: 'n', type: 'quantitative', title: 'Closed (after creation)', format: ',' },
      { field: 'median_hours', type: 'quantitative', title: 'Median hours', format: ',.1f' },
      { field: 'p90_hours', type: 'quantitative', title: 'p90 hours', format: ',.1f' },
      { field: 'closed_at_creation', type: 'quantitative', title: 'Closed at creation', format: ',' },
    ];
    return topLevel(rows, {
      transform: [kindFilter('group'), { filter: 'datum.median_hours > 0' }],
      width: 460,
      height: { step: 14 },
      encoding: { y },
      layer: [
        { mark: { type: 'rule', color: '#9ab' }, encoding: { x: { field: 'median_hours', ...x }, x2: { field: 'p90_hours' }, tooltip } },
        { mark: { type: 'tick', color: '#345', thickness: 2 }, encoding: { x: { field: 'p90_hours', ...x }, tooltip } },
        { mark: { type: 'point', filled: true, color: '#e45756', size: 40 }, encoding: { x: { field: 'median_hours', ...x }, tooltip } },
      ],
    });
  },
  summarize(rows) {
    const t = rows.find((r) => r.kind === 'total');
    if (!t) return '';
    const closed = numberOf(t.n);
    const atCreation = numberOf(t.closed_at_creation);
    const all = closed + atCreation + numberOf(t.closed_before_created);
    return (
      `Of ${fmtInt(all)} closed requests, ${fmtInt(atCreation)} (${fmtPct(all ? atCreation / all : NaN, 1)}) were closed at the moment of creation and are excluded; ` +
      `the other ${fmtInt(closed)} took a median of ${fmtHours(numberOf(t.median_hours))} (p90 ${fmtHours(numberOf(t.p90_hours))}). ` +
      `${fmtInt(numberOf(t.open))} requests have no close time yet.` +
      (numberOf(t.closed_before_created) > 0 ? ` ${fmtInt(numberOf(t.closed_before_created))} closed before they were created were left out.` : '')
    );
  },
};

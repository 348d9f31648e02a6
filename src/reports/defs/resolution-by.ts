/**
 * Median and p90 hours from created to closed, by a chosen dimension. Cases closed at the
 * moment they were created are counted apart (they would drag the medians to zero), and
 * cases "closed" before they were created are data errors, counted and left out.
 */
import { int } from '../../sql/quote';
import { CLOSURE } from '../../db/closure';
import { closureCountSql, closureHistogramSql, closureKeySql, histogramQuantilesSql, type ClosureKey } from '../sql/closure';
import { hoursToCloseX, isNarrow, kindFilter, minPlotWidth, panelWidth, topLevel } from '../spec/common';
import { hoursBetween } from '../sql/common';
import { whereSql } from '../sql/where';
import { fmtCount, fmtHours, fmtInt, fmtPct, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef, Row } from '../types';

/** Pixels beside the plot other than the group labels (which are cut to 200 px, or 100 px on a narrow card). */
const RESERVE = 40;

type Dimension = Exclude<ClosureKey, 'none'>;

/** The dimensions (their SQL: reports/sql/closure.ts). */
export const RESOLUTION_DIMENSIONS: Record<Dimension, { label: string }> = {
  type: { label: 'Type' },
  agency: { label: 'Agency' },
  source: { label: 'Source' },
  neighborhood: { label: 'Neighborhood' },
  month: { label: 'Month created' },
};

/** The chosen dimension (the type when none or an unknown one is asked for). */
const dimensionOf = (p: Readonly<Record<string, string>>): Dimension =>
  p.dimension && Object.hasOwn(RESOLUTION_DIMENSIONS, p.dimension) ? (p.dimension as Dimension) : 'type';

/**
 * A group with more than this share of its requests still open is drawn faded and named in the
 * sentence: only its quickly closed requests count yet, so its times read low (the latest
 * months above all).
 */
export const OPEN_SHARE_FLAG = 0.02;

/** The share of a group's requests (with a creation time) that are still open. */
function openShare(r: Row): number {
  const open = numberOf(r.open);
  const all = numberOf(r.n) + numberOf(r.closed_at_creation) + numberOf(r.closed_before_created) + open;
  return all > 0 ? open / all : 0;
}

/** Groups shown (the largest ones; months are all shown). */
export const RESOLUTION_LIMIT = 80;

/** The `resolution-by` report (see the explanation below). */
export const resolutionBy: ReportDef = {
  id: 'resolution-by',
  title: 'Time to close 311 requests',
  explanation:
    'Median (dot) and 90th percentile (end of line) of hours from creation to closure for closed 311 requests, by the chosen dimension; requests closed at the second they were created are counted separately and excluded, open requests are not included (see the backlog), and the times say nothing about whether the problem was fixed. A group with more than 2% of its requests still open is drawn faded: only its quickly closed requests count yet, so it looks faster than it will be (the latest months above all). Medians and p90s are read from histograms of 20 bins per power of ten kept by each load (as the exact figures define them; an estimate is within one bin, 12.2%, of the exact value, however few the requests), or computed exactly from the requests when the grouping and the filters combine a neighborhood with a type, source or agency.',
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
    const key = dimensionOf(p);
    const order = key === 'month' ? 'key' : 'n DESC, key';
    const keyText = key === 'month' ? "strftime(r.key, '%Y-%m')" : 'r.key';
    const ranked = (groups: string) => `SELECT kind, key, n, median_hours, p90_hours, closed_at_creation, closed_before_created, open, rank
FROM (
  SELECT *, CAST(row_number() OVER (PARTITION BY kind ORDER BY ${order}) AS INTEGER) AS rank
  FROM ${groups} WHERE kind = 'total' OR n + closed_at_creation > 0
)
WHERE rank <= ${int(RESOLUTION_LIMIT)}
ORDER BY kind, rank`;
    const hist = closureHistogramSql(f, key);
    if (hist) {
      // From the closure rollups: counts exact, quantiles estimated from the histogram.
      return `WITH r AS (
  ${hist}
), t AS (
  SELECT CASE WHEN grouping(r.key) = 1 THEN 'total' ELSE 'group' END AS kind, ${keyText} AS key, closed, bin, sum(n) AS n
  FROM r GROUP BY GROUPING SETS ((r.key, closed, bin), (closed, bin))
), c AS (
  SELECT kind, key, ${closureCountSql(CLOSURE.after)} AS n, ${closureCountSql(CLOSURE.atCreation)} AS closed_at_creation,
    ${closureCountSql(CLOSURE.beforeCreation)} AS closed_before_created, ${closureCountSql(CLOSURE.open)} AS open
  FROM t GROUP BY kind, key
), q AS (
  ${histogramQuantilesSql('t', ['kind', 'key'], [0.5, 0.9], ['median_hours', 'p90_hours'])}
), groups AS (
  SELECT c.*, q.median_hours, q.p90_hours FROM c LEFT JOIN q ON q.kind = c.kind AND q.key IS NOT DISTINCT FROM c.key
)
${ranked('groups')}`;
    }
    const agg = `CAST(count(*) FILTER (WHERE hours > 0) AS BIGINT) AS n,
    quantile_cont(hours, [0.5, 0.9]) FILTER (WHERE hours > 0) AS q,
    CAST(count(*) FILTER (WHERE hours = 0) AS BIGINT) AS closed_at_creation,
    CAST(count(*) FILTER (WHERE hours < 0) AS BIGINT) AS closed_before_created,
    CAST(count(*) FILTER (WHERE hours IS NULL) AS BIGINT) AS open`;
    return `WITH r AS (
  SELECT ${closureKeySql(key)} AS key, ${hoursBetween('created_at', 'closed_at')} AS hours
  FROM service_requests
  WHERE created_at IS NOT NULL AND ${whereSql(f, 'service_requests')}
), groups AS (
  SELECT CASE WHEN grouping(r.key) = 1 THEN 'total' ELSE 'group' END AS kind, ${keyText} AS key, ${agg}
  FROM r GROUP BY GROUPING SETS ((r.key), ())
), exact AS (
  SELECT kind, key, n, q[1] AS median_hours, q[2] AS p90_hours, closed_at_creation, closed_before_created, open FROM groups
)
${ranked('exact')}`;
  },
  empty(rows) {
    const t = rows.find((r) => r.kind === 'total');
    return t && numberOf(t.n) + numberOf(t.closed_at_creation) > 0 ? null : MSG.noResolution;
  },
  spec(rows, p, frame) {
    const dim = RESOLUTION_DIMENSIONS[dimensionOf(p)];
    const labels = isNarrow(frame) ? 100 : 200;
    const y = { field: 'key', type: 'nominal', title: dim.label, sort: { field: 'rank', op: 'min', order: 'ascending' }, axis: { labelLimit: labels } };
    const x = hoursToCloseX(frame);
    const tooltip = [
      { field: 'key', title: dim.label },
      { field: 'n', type: 'quantitative', title: 'Closed (after creation)', format: ',' },
      { field: 'median_hours', type: 'quantitative', title: 'Median hours', format: ',.1f' },
      { field: 'p90_hours', type: 'quantitative', title: 'p90 hours', format: ',.1f' },
      { field: 'closed_at_creation', type: 'quantitative', title: 'Closed at creation', format: ',' },
      { field: 'open_share', type: 'quantitative', title: 'Still open', format: '.1%' },
    ];
    const faded = { condition: { test: `datum.open_share > ${OPEN_SHARE_FLAG}`, value: 0.35 }, value: 1 };
    return topLevel(rows, {
      transform: [
        kindFilter('group'),
        { filter: 'datum.median_hours > 0' },
        { calculate: 'datum.open / (datum.n + datum.closed_at_creation + datum.closed_before_created + datum.open)', as: 'open_share' },
      ],
      width: panelWidth(frame, 460, labels + RESERVE, 1, minPlotWidth(frame)),
      height: { step: 14 },
      encoding: { y, opacity: faded },
      layer: [
        { mark: { type: 'rule', color: '#9ab' }, encoding: { x: { field: 'median_hours', ...x }, x2: { field: 'p90_hours' }, tooltip } },
        { mark: { type: 'tick', color: '#345', thickness: 2 }, encoding: { x: { field: 'p90_hours', ...x }, tooltip } },
        { mark: { type: 'point', filled: true, color: '#e45756', size: 40 }, encoding: { x: { field: 'median_hours', ...x }, tooltip } },
      ],
    });
  },
  summarize(rows, p) {
    const t = rows.find((r) => r.kind === 'total');
    if (!t) return '';
    const flagged = rows.filter((r) => r.kind === 'group' && numberOf(r.median_hours) > 0 && openShare(r) > OPEN_SHARE_FLAG);
    const keys = flagged.map((r) => String(r.key));
    const openNote = !flagged.length
      ? ''
      : dimensionOf(p) === 'month'
        ? ` ${keys.length === 1 ? `In ${keys[0]}` : `In ${fmtInt(keys.length)} months (${keys.length > 4 ? `${keys.slice(0, 2).join(', ')} … ${keys.at(-1)}` : keys.join(', ')})`} more than ${fmtPct(OPEN_SHARE_FLAG)} of the requests are still open, so ${keys.length === 1 ? 'its times read' : 'their times read'} low (faded).`
        : ` ${fmtCount(flagged.length, 'group has', 'groups have')} more than ${fmtPct(OPEN_SHARE_FLAG)} of ${flagged.length === 1 ? 'its' : 'their'} requests still open, so ${flagged.length === 1 ? 'its times read' : 'their times read'} low (faded).`;
    const closed = numberOf(t.n);
    const atCreation = numberOf(t.closed_at_creation);
    const all = closed + atCreation + numberOf(t.closed_before_created);
    return (
      `Of ${fmtInt(all)} closed requests, ${fmtInt(atCreation)} (${fmtPct(all ? atCreation / all : NaN, 1)}) were closed at the moment of creation and are excluded; ` +
      `the other ${fmtInt(closed)} took a median of ${fmtHours(numberOf(t.median_hours))} (p90 ${fmtHours(numberOf(t.p90_hours))}). ` +
      `${fmtInt(numberOf(t.open))} requests have no close time yet.` +
      (numberOf(t.closed_before_created) > 0 ? ` ${fmtInt(numberOf(t.closed_before_created))} closed before they were created were left out.` : '') +
      openNote
    );
  },
};

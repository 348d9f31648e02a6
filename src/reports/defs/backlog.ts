/** The open 311 backlog: requests without a close time, by age bucket and type. */
import { int, str } from '../../sql/quote';
import { OPEN_REQUESTS, REQUEST_EXTENT } from '../../db/open-requests';
import { secondsBetween } from '../../db/elapsed';
import { isNarrow, kindFilter, legendFor, panelWidth, reserveBeside, topLevel } from '../spec/common';
import { OTHER_COLOR, typeColors } from '../spec/type-colors';
import { rankedColorEncoding, withRankedColors } from '../spec/ranked-colors';
import { OTHER, orNone } from '../sql/common';
import { typeOrderSql } from '../sql/type-order';
import { whereSql } from '../sql/where';
import { fmtCount, fmtInt, numberOf } from '../format';
import { MSG } from '../messages';
import type { ReportDef } from '../types';

/** Pixels beside the plot: the y axis, and the type legend (labels up to 220 px; under the plot when narrow). */
const RESERVE = { axes: 70, legend: 170 };

/** Age buckets: upper bound in days (exclusive) and label. */
export const AGE_BUCKETS: readonly (readonly [number, string])[] = [
  [1, '< 1 day'],
  [7, '1–7 days'],
  [30, '1–4 weeks'],
  [90, '1–3 months'],
  [365, '3–12 months'],
  [Infinity, '> 1 year'],
];

const TOP = 8;

function bucketCase(ageExpr: string): string {
  const whens = AGE_BUCKETS.map(([max], i) =>
    Number.isFinite(max) ? `WHEN ${ageExpr} < ${int(max)} THEN ${int(i + 1)}` : `ELSE ${int(i + 1)}`,
  );
  return `CASE ${whens.join(' ')} END`;
}

/** The `backlog` report (see the explanation below). */
export const backlog: ReportDef = {
  id: 'backlog',
  title: 'Open 311 backlog by age',
  explanation:
    "311 requests with no close time, by how long they had been open at the store's latest timestamp (not today's date), for the largest types; an open request may simply never have been closed in the system, so this is an upper bound on real pending work.",
  datasets: ['service_requests'],
  clicks: [{ field: 'type', filter: 'types', ignore: [OTHER] }],
  sql(f) {
    const labels = `[${AGE_BUCKETS.map(([, l]) => str(l)).join(', ')}]`;
    // The open requests and the 311 table's latest timestamp are kept by the loads
    // (db/open-requests.ts): a few thousand rows, not the whole table. MATERIALIZED: each is read
    // more than once, and DuckDB plans this much faster than the inlined form.
    return `WITH ref AS MATERIALIZED (
  SELECT max(latest_at) AS ref_at FROM ${REQUEST_EXTENT}
), open AS MATERIALIZED (
  SELECT ${orNone('type')} AS type, ${secondsBetween('created_at', 'ref.ref_at')} / 86400.0 AS age_days
  FROM ${OPEN_REQUESTS}, ref
  WHERE ${whereSql(f, 'service_requests')}
), top AS (
  SELECT type, row_number() OVER (ORDER BY count(*) DESC, type) AS rank FROM open GROUP BY type
), colors AS (
  ${typeOrderSql('service_requests')}
)
SELECT 'bucket' AS kind, CAST(${bucketCase('age_days')} AS INTEGER) AS bucket, ${labels}[bucket] AS age,
  CASE WHEN top.rank <= ${int(TOP)} THEN open.type ELSE ${str(OTHER)} END AS type,
  CAST(least(top.rank, ${int(TOP + 1)}) AS INTEGER) AS type_rank, CAST(count(*) AS BIGINT) AS n,
  CAST(NULL AS DOUBLE) AS median_age_days, CAST(NULL AS VARCHAR) AS as_of,
  CAST(min(CASE WHEN top.rank <= ${int(TOP)} THEN colors.color_rank END) AS INTEGER) AS color_rank
FROM open JOIN top USING (type) LEFT JOIN colors USING (type)
GROUP BY ALL
UNION ALL
SELECT 'total', NULL, NULL, NULL, NULL, CAST(count(*) AS BIGINT), quantile_cont(age_days, 0.5),
  (SELECT strftime(ref_at, '%Y-%m-%d %H:%M') FROM ref), NULL
FROM open
ORDER BY kind, bucket, n DESC`;
  },
  empty(rows) {
    return rows.some((r) => r.kind === 'bucket') ? null : MSG.noBacklog;
  },
  spec(rows, _params, frame) {
    // The legend in rank order, each type in its own color whatever the filters
    // (spec/type-colors.ts); both travel with the rows, so a filter change swaps data only.
    const colors = typeColors(rows.filter((r) => r.kind === 'bucket'));
    const ranked = withRankedColors(
      rows,
      (r) => (r.kind === 'bucket' ? String(r.type) : null),
      (r) => numberOf(r.type_rank),
      (r) => colors.get(String(r.type)) ?? OTHER_COLOR,
    );
    return topLevel(ranked, {
      transform: [kindFilter('bucket')],
      width: panelWidth(frame, 520, reserveBeside(frame, RESERVE)),
      height: 240,
      mark: { type: 'bar', cursor: 'pointer' },
      encoding: {
        // Slanted on a narrow card, where the age ranges would run into each other.
        x: { field: 'age', type: 'ordinal', title: 'Open for', sort: { field: 'bucket', op: 'min' }, axis: { labelAngle: isNarrow(frame) ? -40 : 0 } },
        y: { field: 'n', type: 'quantitative', title: 'Open requests', stack: 'zero' },
        color: rankedColorEncoding('Type', legendFor(frame, { labelLimit: 220 })),
        order: { field: 'type_rank', type: 'quantitative', sort: 'ascending' },
        tooltip: [
          { field: 'age', title: 'Open for' },
          { field: 'type', title: 'Type' },
          { field: 'n', type: 'quantitative', title: 'Requests', format: ',' },
        ],
      },
    });
  },
  summarize(rows) {
    const t = rows.find((r) => r.kind === 'total');
    if (!t) return '';
    const old = rows.filter((r) => r.kind === 'bucket' && numberOf(r.bucket) >= 5).reduce((s, r) => s + numberOf(r.n), 0);
    const open = numberOf(t.n);
    // Rounded before the noun is chosen, so a median of 0.6 days reads "1 day".
    const median = fmtCount(Math.round(numberOf(t.median_age_days)), 'day');
    return `${fmtCount(open, 'request')} ${open === 1 ? 'was' : 'were'} open as of ${t.as_of}, with a median age of ${median}; ${fmtInt(old)} had been open more than 3 months.`;
  },
};

/**
 * Hours-to-close histograms of 311 requests under the report filters, and quantiles read from
 * them. A histogram comes from a closure rollup (db/rollups.ts: by month, with the closure state
 * and a log-scale bin of 20 per power of ten) when one has the grouping key and every active
 * filter's dimension; the partial months at the ends of a date range come from the requests
 * table (sorted by creation time, so only those days are read). When no rollup covers, the
 * caller computes exact figures from the table instead.
 */
import { CLOSE_BINS_PER_DECADE, CLOSURE, closeBinExpr, closureStateExpr, hoursBetween } from '../../db/closure';
import { CLOSURE_ROLLUPS, type RollupDim } from '../../db/rollups';
import { ident, int, str } from '../../sql/quote';
import type { Filters } from '../filters';
import { filterDims, monthConds, splitMonths } from './counts';
import { orNone } from './common';
import { whereSql } from './where';

/** What a histogram is grouped by (`none`: one group). */
export type ClosureKey = 'type' | 'agency' | 'source' | 'neighborhood' | 'month' | 'none';

interface KeyDef {
  /** The rollup dimension holding the key (none for month and none). */
  readonly dim: RollupDim | null;
  /** The key over a closure rollup, and over the requests table. */
  readonly rollup: string;
  readonly table: string;
}

const KEYS: Record<ClosureKey, KeyDef> = {
  type: { dim: 'type', rollup: orNone('type'), table: orNone('type') },
  agency: { dim: 'agency', rollup: orNone('agency'), table: orNone('agency') },
  source: { dim: 'source', rollup: orNone('source'), table: orNone('case_source') },
  neighborhood: { dim: 'neighborhood', rollup: orNone('neighborhood'), table: orNone('neighborhood') },
  month: { dim: null, rollup: 'month', table: "CAST(date_trunc('month', created_at) AS DATE)" },
  none: { dim: null, rollup: 'NULL', table: 'NULL' },
};

/** The key over the requests table (for exact figures when no rollup covers). */
export const closureKeySql = (key: ClosureKey): string => KEYS[key].table;

const OPTS = { dataset: 'service_requests' } as const;

/**
 * A SELECT of `key, closed, bin, n` (closure state as in db/closure.ts CLOSURE, histogram bin,
 * count) over the 311 requests with a creation time that match `f`, or null when no closure
 * rollup has the key and the filtered dimensions.
 */
export function closureHistogramSql(f: Filters, key: ClosureKey): string | null {
  const k = KEYS[key];
  const need = [...(k.dim ? [k.dim] : []), ...filterDims(f, OPTS)];
  const r = CLOSURE_ROLLUPS.find((x) => need.every((d) => x.dims.includes(d)));
  if (!r) return null;
  const { months, edges } = splitMonths({ from: f.from, to: f.to });
  const parts: string[] = [];
  if (months) {
    const conds = ['month IS NOT NULL', whereSql(f, 'daily_counts', { ...OPTS, omit: ['dates'] }), ...monthConds(months)];
    parts.push(`SELECT ${k.rollup} AS key, closed, close_bin AS bin, n FROM ${ident(r.table)} WHERE ${conds.join(' AND ')}`);
  }
  for (const e of edges) {
    const where = whereSql({ ...f, from: e.from, to: e.to }, 'service_requests');
    // The hours computed once, as the rollups do: each mention of the macro is planned anew.
    parts.push(
      `SELECT key, ${closureStateExpr('created_at', 'closed_at', 'close_hours')} AS closed, ${closeBinExpr('created_at', 'closed_at', 'close_hours')} AS bin, count(*) AS n
  FROM (SELECT ${k.table} AS key, created_at, closed_at, ${hoursBetween('created_at', 'closed_at')} AS close_hours
    FROM service_requests WHERE created_at IS NOT NULL AND ${where}) GROUP BY ALL`,
    );
  }
  return parts.join('\n  UNION ALL\n  ');
}

/** The number of requests (BIGINT, 0 when none) of a closure state in a histogram's rows. */
export const closureCountSql = (state: string): string => `CAST(coalesce(sum(n) FILTER (WHERE closed = ${str(state)}), 0) AS BIGINT)`;

/** Hours at a bin edge expressed in bins (`b` may be fractional). */
export const binHours = (b: string): string => `power(10, (${b}) / ${int(CLOSE_BINS_PER_DECADE)})`;

/**
 * Per group (the columns `groupBy`) of `hist` (a table or CTE with those columns, `closed`,
 * `bin` and `n`): the estimated quantiles `q` of the hours to close of requests closed after
 * creation, named `names`. The definition is quantile_cont's (the exact path's): position
 * q·(N−1) among the sorted values, interpolated between the two order statistics around it.
 * Each order statistic is found in the cumulative counts and placed at the middle of its slot
 * within its bin (linearly in log hours), so it lies in its exact value's bin, and the
 * estimate, a weighted mean of two such values, is within a bin's factor of the exact one
 * for any number of requests.
 */
export function histogramQuantilesSql(hist: string, groupBy: readonly string[], qs: readonly number[], names: readonly string[]): string {
  const g = groupBy.join(', ');
  // The order statistic j (0-based) sits in the first bin whose cumulative count passes j.
  const stat = (j: string) => `arg_min(${binHours(`bin + (${j} - (upto - n) + 0.5) / n`)}, bin) FILTER (WHERE upto >= ${j} + 1)`;
  const inner = qs.flatMap((_, i) => [`${stat(`j${i}`)} AS lo${i}`, `${stat(`j${i} + 1`)} AS hi${i}`, `any_value(f${i}) AS f${i}`]);
  const positions = qs.flatMap((q, i) => [`floor(${q} * (total - 1)) AS j${i}`, `${q} * (total - 1) - floor(${q} * (total - 1)) AS f${i}`]);
  const outer = qs.map((_, i) => `CASE WHEN f${i} = 0 THEN lo${i} ELSE lo${i} + f${i} * (hi${i} - lo${i}) END AS ${ident(names[i])}`);
  return `SELECT ${g}, ${outer.join(', ')}
FROM (
  SELECT ${g}, ${inner.join(', ')}
  FROM (
    SELECT ${g}, bin, n, upto, ${positions.join(', ')}
    FROM (
      SELECT ${g}, bin, n, sum(n) OVER (PARTITION BY ${g} ORDER BY bin) AS upto, sum(n) OVER (PARTITION BY ${g}) AS total
      FROM (SELECT ${g}, bin, sum(n) AS n FROM ${hist} WHERE closed = '${CLOSURE.after}' GROUP BY ${g}, bin)
    )
  )
  GROUP BY ${g}
)`;
}

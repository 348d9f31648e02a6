/** SQL for the choices the filter bar offers: types per dataset, 311 sources, and the data's date span. */
import { str } from '../sql/quote';
import { NO_VALUE } from './filters';

/** Rows: kind ('type' | 'source'), dataset, value, n — most frequent first. */
export function filterOptionsSql(): string {
  return `SELECT 'type' AS kind, dataset, coalesce(type, ${str(NO_VALUE)}) AS value, CAST(sum(n) AS BIGINT) AS n
FROM daily_counts GROUP BY ALL
UNION ALL
SELECT 'source', dataset, coalesce(source, ${str(NO_VALUE)}), CAST(sum(n) AS BIGINT)
FROM daily_counts WHERE dataset = 'service_requests' GROUP BY ALL
ORDER BY kind, n DESC, value`;
}

/** One row: first_day, last_day (YYYY-MM-DD) over both datasets. */
export function dataSpanSql(): string {
  return `SELECT strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day FROM daily_counts`;
}

/** What the filter bar offers. */
export interface FilterOptions {
  types: { dataset: string; value: string; n: number }[];
  sources: { value: string; n: number }[];
  firstDay?: string;
  lastDay?: string;
}

/** Shapes the two queries' rows for the filter bar. */
export function toFilterOptions(optionRows: readonly Record<string, unknown>[], span?: Record<string, unknown>): FilterOptions {
  const out: FilterOptions = { types: [], sources: [] };
  for (const r of optionRows) {
    const item = { dataset: String(r.dataset), value: String(r.value), n: Number(r.n) };
    if (r.kind === 'type') out.types.push(item);
    else out.sources.push({ value: item.value, n: item.n });
  }
  if (typeof span?.first_day === 'string') out.firstDay = span.first_day;
  if (typeof span?.last_day === 'string') out.lastDay = span.last_day;
  return out;
}

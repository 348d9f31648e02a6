/**
 * The WHERE clause that applies the report filters to one of the tables reports read:
 * the `daily_counts` rollup, the `events` view, or a dataset table. Every filter value goes
 * through src/sql/quote.
 */
import type { Dataset } from '../../domain/columns';
import { date, ident, str, strList } from '../../sql/quote';
import { NO_VALUE, datasetSelected, type Filters } from '../filters';

/** Tables the builder knows how to filter. */
export type FilterTable = 'daily_counts' | 'events' | 'service_requests' | 'traffic_accidents';

/** A filter that can be left out (e.g. by-neighborhood computes shares before the neighborhood filter). */
export type FilterKey = 'dates' | 'neighborhoods' | 'types' | 'datasets' | 'sources';

/** Options of whereSql. */
export interface WhereOptions {
  /** Table alias to qualify the columns with. */
  alias?: string;
  /** For the mixed tables: keep only this dataset. */
  dataset?: Dataset;
  /** Filters not to apply. */
  omit?: readonly FilterKey[];
}

interface Columns {
  time: string;
  timeIsDate: boolean;
  type: string;
  source?: string;
  /** The dataset column (mixed tables) or the table's fixed dataset. */
  dataset: { column: string } | { fixed: Dataset };
}

const COLUMNS: Record<FilterTable, Columns> = {
  daily_counts: { time: 'day', timeIsDate: true, type: 'type', source: 'source', dataset: { column: 'dataset' } },
  events: { time: 'event_at', timeIsDate: false, type: 'type', source: 'source', dataset: { column: 'dataset' } },
  service_requests: {
    time: 'created_at',
    timeIsDate: false,
    type: 'type',
    source: 'case_source',
    dataset: { fixed: 'service_requests' },
  },
  traffic_accidents: { time: 'first_occurrence_at', timeIsDate: false, type: 'offense_type_id', dataset: { fixed: 'traffic_accidents' } },
};

/** `col IN (...)`, where NO_VALUE in the list stands for NULL. */
export function inList(column: string, values: readonly string[]): string {
  const real = values.filter((v) => v !== NO_VALUE);
  const parts: string[] = [];
  if (real.length) parts.push(`${column} IN ${strList(real)}`);
  if (real.length !== values.length) parts.push(`${column} IS NULL`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** The conditions (ANDed) that apply `f` to `table`; `TRUE` when there are none. */
export function whereSql(f: Filters, table: FilterTable, opts: WhereOptions = {}): string {
  return whereParts(f, table, opts).join(' AND ') || 'TRUE';
}

/** The individual conditions of whereSql. */
export function whereParts(f: Filters, table: FilterTable, opts: WhereOptions = {}): string[] {
  const c = COLUMNS[table];
  const col = (name: string) => (opts.alias ? `${ident(opts.alias)}.${ident(name)}` : ident(name));
  const use = (k: FilterKey) => !opts.omit?.includes(k);
  const out: string[] = [];

  if ('fixed' in c.dataset) {
    if (use('datasets') && !datasetSelected(f, c.dataset.fixed)) return ['FALSE'];
  } else {
    const dcol = col(c.dataset.column);
    if (opts.dataset) {
      if (use('datasets') && !datasetSelected(f, opts.dataset)) return ['FALSE'];
      out.push(`${dcol} = ${str(opts.dataset)}`);
    } else if (use('datasets') && f.datasets.length) {
      out.push(`${dcol} IN ${strList(f.datasets)}`);
    }
  }
  if (use('dates') && f.from) out.push(`${col(c.time)} >= ${date(f.from)}`);
  if (use('dates') && f.to) {
    out.push(c.timeIsDate ? `${col(c.time)} <= ${date(f.to)}` : `${col(c.time)} < ${date(f.to)} + INTERVAL 1 DAY`);
  }
  if (use('neighborhoods') && f.neighborhoods.length) out.push(`${col('neighborhood_slug')} IN ${strList(f.neighborhoods)}`);
  if (use('types') && f.types.length) out.push(inList(col(c.type), f.types));
  if (use('sources') && f.sources.length && c.source) {
    const cond = inList(col(c.source), f.sources);
    if ('fixed' in c.dataset) out.push(cond);
    else if (opts.dataset === 'service_requests') out.push(cond);
    else if (!opts.dataset) out.push(`(${col(c.dataset.column)} <> ${str('service_requests')} OR ${cond})`);
  }
  return out;
}

/**
 * The filter model every report obeys, its normalization, and its query-string form
 * (`#/reports?from=2019-01-01&neighborhood=five-points&neighborhood=cbd`). Pure: no DOM, no DB.
 */
import { DATASETS, type Dataset } from '../domain/columns';
import { resolveNeighborhood } from '../domain/neighborhoods';

/** The report filters. Empty lists mean "no restriction". */
export interface Filters {
  /** First day included, `YYYY-MM-DD` (Denver wall-clock date of the event). */
  from?: string;
  /** Last day included, `YYYY-MM-DD`. */
  to?: string;
  /** Neighborhood slugs. */
  neighborhoods: string[];
  /** Event types (311 `type`, accident `offense_type_id`); a type filter applies to both datasets. */
  types: string[];
  datasets: Dataset[];
  /** 311 case sources (Phone, Web, ...); accidents have no source and ignore this filter. */
  sources: string[];
}

/** The value standing for a missing type (or source) in charts and filters. */
export const NO_VALUE = '(none)';

/** Loosely typed input, as window.lens.setFilters receives it. */
export interface FilterInput {
  from?: string | null;
  to?: string | null;
  neighborhoods?: readonly string[];
  types?: readonly string[];
  datasets?: readonly string[];
  sources?: readonly string[];
}

/** No restriction at all. */
export function emptyFilters(): Filters {
  return { neighborhoods: [], types: [], datasets: [], sources: [] };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | null | undefined): string | undefined {
  if (!value || !DATE_RE.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? undefined : value;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Neighborhood names, slugs or aliases → canonical slugs; unknown names are dropped. */
export function neighborhoodSlugs(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const n = resolveNeighborhood(v);
    if (n) out.push(n.slug);
  }
  return uniqueSorted(out);
}

/**
 * Applies `input` over `base`: keys present in `input` replace the base value (null or an
 * empty string clears a date). Values are validated and put in canonical order, so two
 * equal filter states serialize identically.
 */
export function mergeFilters(base: Filters, input: FilterInput): Filters {
  const has = (k: keyof FilterInput) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;
  const list = (k: 'neighborhoods' | 'types' | 'datasets' | 'sources'): string[] => {
    const v: unknown = input[k];
    return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string' && x !== '');
  };
  const out: Filters = {
    neighborhoods: has('neighborhoods') ? neighborhoodSlugs(list('neighborhoods')) : [...base.neighborhoods],
    types: has('types') ? uniqueSorted(list('types')) : [...base.types],
    datasets: has('datasets') ? DATASETS.filter((d) => list('datasets').includes(d)) : [...base.datasets],
    sources: has('sources') ? uniqueSorted(list('sources')) : [...base.sources],
  };
  const from = has('from') ? validDate(input.from) : base.from;
  const to = has('to') ? validDate(input.to) : base.to;
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

/** A copy that callers may change freely. */
export function copyFilters(f: Filters): Filters {
  return { ...f, neighborhoods: [...f.neighborhoods], types: [...f.types], datasets: [...f.datasets], sources: [...f.sources] };
}

/** True when both describe the same restriction. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return filtersToQuery(a) === filtersToQuery(b);
}

/** True when a report over `datasets` has something left after the dataset filter. */
export function datasetSelected(f: Filters, dataset: Dataset): boolean {
  return f.datasets.length === 0 || f.datasets.includes(dataset);
}

const KEYS = { neighborhoods: 'neighborhood', types: 'type', datasets: 'dataset', sources: 'source' } as const;

/** The query string (without `?`) for filters; list values repeat their key. */
export function filtersToQuery(f: Filters): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    for (const v of f[field]) q.append(key, v);
  }
  return q.toString();
}

/** Parses a query string (with or without `?`); invalid values are dropped. */
export function filtersFromQuery(query: string): Filters {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  return mergeFilters(emptyFilters(), {
    from: q.get('from'),
    to: q.get('to'),
    neighborhoods: q.getAll(KEYS.neighborhoods),
    types: q.getAll(KEYS.types),
    datasets: q.getAll(KEYS.datasets),
    sources: q.getAll(KEYS.sources),
  });
}

/** The route of the reports page. */
export const REPORTS_ROUTE = '#/reports';

/** `#/reports?...` for filters. */
export function filtersToHash(f: Filters): string {
  const q = filtersToQuery(f);
  return q ? `${REPORTS_ROUTE}?${q}` : REPORTS_ROUTE;
}

/** Filters from a location hash, or undefined when the hash is not the reports route. */
export function filtersFromHash(hash: string): Filters | undefined {
  if (hash !== REPORTS_ROUTE && !hash.startsWith(`${REPORTS_ROUTE}?`)) return undefined;
  const i = hash.indexOf('?');
  return i < 0 ? emptyFilters() : filtersFromQuery(hash.slice(i + 1));
}

/**
 * Medians over runs and the issue-6 targets. Pure.
 */

/** The per-run figures; null when the step failed. */
export interface RunFigures {
  ingest_ms: number | null;
  duckdb_csv_ms: number | null;
  ingest_ratio: number | null;
  peak_rss_mb: number | null;
  reports_ms: number | null;
  duckdb_instantiate_ms: number | null;
  filter_ms: number | null;
  /** A second filter change right after the first (no target). */
  filter_again_ms: number | null;
  reingest_same_ms: number | null;
  reingest_newer_ms: number | null;
}

export const FIGURES: readonly (keyof RunFigures)[] = [
  'ingest_ms',
  'duckdb_csv_ms',
  'ingest_ratio',
  'peak_rss_mb',
  'reports_ms',
  'duckdb_instantiate_ms',
  'filter_ms',
  'filter_again_ms',
  'reingest_same_ms',
  'reingest_newer_ms',
];

/** Median of the non-null values (mean of the middle two for an even count); null if none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Milliseconds to whole numbers, ratios to two decimals. */
export function round(key: keyof RunFigures, value: number | null): number | null {
  if (value === null) return null;
  return key === 'ingest_ratio' ? Math.round(value * 100) / 100 : Math.round(value);
}

export const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

/** Each figure's median over the runs. */
export function medians(runs: readonly RunFigures[]): RunFigures {
  const out = {} as RunFigures;
  for (const key of FIGURES) out[key] = round(key, median(runs.map((r) => r[key])));
  return out;
}

/** The targets that one run (of one scale) can decide; null when a figure is missing. */
export interface Targets {
  ingest_ratio_le_1_5: boolean | null;
  filter_ms_le_150: boolean | null;
  reingest_same_le_0_5_ingest: boolean | null;
  reingest_newer_le_1_2_ingest: boolean | null;
}

const le = (a: number | null, b: number | null): boolean | null => (a === null || b === null ? null : a <= b);
const times = (k: number, v: number | null): number | null => (v === null ? null : k * v);

export function targets(m: RunFigures): Targets {
  return {
    ingest_ratio_le_1_5: le(m.ingest_ratio, 1.5),
    filter_ms_le_150: le(m.filter_ms, 150),
    reingest_same_le_0_5_ingest: le(m.reingest_same_ms, times(0.5, m.ingest_ms)),
    reingest_newer_le_1_2_ingest: le(m.reingest_newer_ms, times(1.2, m.ingest_ms)),
  };
}

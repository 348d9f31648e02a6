/**
 * What a report is: a registry entry of pure functions. `sql` builds the query for the current
 * filters; `derive` (optional) turns its rows into the rows the chart is drawn from (the
 * statistics reports compute in JS); `spec` builds the Vega-Lite spec from those rows.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Dataset } from '../domain/columns';
import type { Row } from '../db/types';
import type { Filters } from './filters';

export type { Row };

/** Report-local choices (dimension, count/share...), by key. */
export type Params = Readonly<Record<string, string>>;

/** The room a chart is drawn in: its width in CSS pixels (unknown in exports and tests). */
export interface Frame {
  width: number;
}

/** A report-local choice shown as a select in the card. */
export interface ParamDef {
  key: string;
  label: string;
  options: readonly { value: string; label: string }[];
  default: string;
}

/** Clicking a mark whose datum has `field` toggles that value in the `filter` list. */
export interface ClickFilter {
  field: string;
  filter: 'neighborhoods' | 'types';
  /** Values that are not filterable (e.g. the "Other" group). */
  ignore?: readonly string[];
}

/** A small table shown under the chart (backtest scores, test statistics). */
export interface ReportTable {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

/** One registry entry. */
export interface ReportDef {
  /** Stable id (a contract: tests and window.lens use it). */
  id: string;
  title: string;
  /** One sentence: what this shows and what it does not. */
  explanation: string;
  /** Datasets the report reads. */
  datasets: readonly Dataset[];
  /** True when the report needs every one of `datasets` (correlations). */
  needsAll?: boolean;
  params?: readonly ParamDef[];
  /** The SQL whose result feeds the report. */
  sql(filters: Filters, params: Params): string;
  /** The rows the chart is drawn from, computed from the SQL rows (identity when absent). */
  derive?(rows: Row[], params: Params): Row[];
  /** A readable reason when there is nothing to draw, or null. Defaults to "no rows". */
  empty?(rows: Row[], params: Params): string | null;
  /** The Vega-Lite spec; `frame` (when known) is the room the card has, which the chart fits into. */
  spec(rows: Row[], params: Params, frame?: Frame): TopLevelSpec;
  /** The sentence stating the main result. */
  summarize?(rows: Row[], params: Params): string;
  /** An extra table under the chart. */
  table?(rows: Row[], params: Params): ReportTable | null;
  clicks?: readonly ClickFilter[];
  /** Canvas for charts of hundreds of marks or more: a redraw costs less than updating as many SVG elements. */
  renderer?: 'svg' | 'canvas';
  /** The card accepts a dropped neighborhoods GeoJSON. */
  acceptsGeoJson?: boolean;
}

/** Params with every missing key set to its default. */
export function withDefaults(def: ReportDef, params: Params = {}): Params {
  const out: Record<string, string> = {};
  for (const p of def.params ?? []) {
    const v = params[p.key];
    out[p.key] = v !== undefined && p.options.some((o) => o.value === v) ? v : p.default;
  }
  return out;
}

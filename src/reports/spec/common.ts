/**
 * Pieces every spec builder shares: the top-level wrapper that inlines the rows as the named
 * dataset `table` (so the UI can swap data without recompiling), and calculated labels.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Row } from '../types';
import { DATASET_LABELS } from '../messages';

/** The name of the dataset holding the rows in every spec. */
export const DATA_NAME = 'table';

/** The Vega-Lite schema the specs declare. */
export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A top-level spec over `rows`; `body` holds everything but the data. */
export function topLevel(rows: readonly Row[], body: Record<string, unknown>): TopLevelSpec {
  return {
    $schema: SCHEMA_URL,
    datasets: { [DATA_NAME]: rows as Row[] },
    data: { name: DATA_NAME },
    ...body,
  } as unknown as TopLevelSpec;
}

/** A string literal inside a Vega expression. */
export function exprStr(value: string): string {
  return JSON.stringify(value);
}

/** `dataset_label`: the dataset's display name. */
export const datasetLabelCalc = {
  calculate: `datum.dataset === ${exprStr('service_requests')} ? ${exprStr(DATASET_LABELS.service_requests)} : ${exprStr(DATASET_LABELS.traffic_accidents)}`,
  as: 'dataset_label',
};

/** A filter transform keeping rows whose `kind` is `kind`. */
export function kindFilter(kind: string): { filter: string } {
  return { filter: `datum.kind === ${exprStr(kind)}` };
}

/** A facet-row header per dataset. */
export const datasetRow = {
  field: 'dataset_label',
  type: 'nominal',
  title: null,
  header: { labelOrient: 'top', labelFontWeight: 'bold', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelPadding: 4 },
};

/** Month abbreviations for ordinal month axes (labelExpr). */
export const MONTH_LABEL_EXPR =
  "['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][datum.value]";

/**
 * A fixed height for row facets with independent y scales: `step` pixels per band of the
 * facet with the most distinct `field` values (Vega-Lite 6.4 fails on step heights there).
 */
export function bandHeight(rows: readonly Row[], field: string, step: number, by = 'dataset'): number {
  const sets = new Map<unknown, Set<unknown>>();
  for (const r of rows) {
    const s = sets.get(r[by]) ?? new Set();
    s.add(r[field]);
    sets.set(r[by], s);
  }
  return Math.max(step, ...[...sets.values()].map((s) => s.size * step));
}

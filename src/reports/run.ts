/**
 * Running a report definition, minus the database: the SQL for the current state, the chart
 * rows from the SQL rows, and the empty-state decision. Shared by the UI and the tests.
 */
import { datasetSelected, type Filters } from './filters';
import { DATASET_LABELS, MSG } from './messages';
import { withDefaults, type Params, type ReportDef, type Row } from './types';

/** Why the dataset filter leaves this report nothing to show, or null. */
export function datasetExclusion(def: ReportDef, f: Filters): string | null {
  const missing = def.datasets.filter((d) => !datasetSelected(f, d));
  const blocked = def.needsAll ? missing.length > 0 : missing.length === def.datasets.length;
  return blocked ? MSG.datasetExcluded(missing.map((d) => DATASET_LABELS[d]).join(' and ')) : null;
}

/** The SQL of a report under filters and (defaulted) params. */
export function reportSql(def: ReportDef, f: Filters, params: Params = {}): string {
  return def.sql(f, withDefaults(def, params));
}

/** The rows the chart is drawn from. */
export function chartRows(def: ReportDef, rows: Row[], params: Params = {}): Row[] {
  return def.derive ? def.derive(rows, withDefaults(def, params)) : rows;
}

/** The empty-state message for chart rows, or null when there is something to draw. */
export function emptyMessage(def: ReportDef, f: Filters, rows: Row[], params: Params = {}): string | null {
  const excluded = datasetExclusion(def, f);
  if (excluded) return excluded;
  if (def.empty) return def.empty(rows, withDefaults(def, params));
  return rows.length ? null : MSG.noRows;
}

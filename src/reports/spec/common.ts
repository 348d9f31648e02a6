/**
 * Pieces every spec builder shares: the top-level wrapper that inlines the rows as the named
 * dataset `table` (so the UI can swap data without recompiling), calculated labels, and the
 * sizing that fits a chart into its card's width (`Frame`): panel widths, band steps, stacked
 * panels and legends under the plot when the card is narrow.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Frame, Row } from '../types';
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

/** The same months as initials, for bands too narrow for three letters. */
export const MONTH_INITIAL_EXPR = "['', 'J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'][datum.value]";

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

/**
 * The width of each of a chart's `panels` (facet columns): `preferred` when the frame has room
 * for it or is unknown; otherwise what the frame leaves after `reserve` pixels (axes, legends,
 * headers and padding, measured on real data with a margin), shared out, and never under `min`
 * (below that the card scrolls sideways instead of drawing unreadable panels).
 */
export function panelWidth(frame: Frame | undefined, preferred: number, reserve: number, panels = 1, min = 140): number {
  if (!frame || !(frame.width > 0)) return preferred;
  return Math.max(min, Math.min(preferred, Math.floor((frame.width - reserve) / panels)));
}

/** The band step (whole pixels) of a chart of `count` bands: as `panelWidth`, per band. */
export function bandStep(frame: Frame | undefined, preferred: number, count: number, reserve: number, min = 10): number {
  return Math.floor(panelWidth(frame, preferred * count, reserve, 1, min * count) / count);
}

/** Where two facet panels go, and how wide each is. */
export interface PanelLayout {
  /** `column`: side by side; `row`: one above the other. */
  facet: 'column' | 'row';
  width: number;
}

/**
 * Two panels side by side (`reserve.side` pixels beside them) when both fit at `min` or wider;
 * otherwise stacked, each as wide as the frame allows (`reserve.stacked` beside it).
 */
export function twoPanels(frame: Frame | undefined, preferred: number, reserve: { side: number; stacked: number }, min = 140): PanelLayout {
  if (!frame || frame.width - reserve.side >= 2 * min) return { facet: 'column', width: panelWidth(frame, preferred, reserve.side, 2, min) };
  return { facet: 'row', width: panelWidth(frame, preferred, reserve.stacked, 1, min) };
}

/** The facet header of a `twoPanels` layout: a column title, or a row title set on top. */
export function panelHeader(layout: PanelLayout): Record<string, unknown> {
  return layout.facet === 'row' ? { header: datasetRow.header } : {};
}

/** Below this frame width, legends go under the plot instead of beside it. */
export const NARROW_FRAME_PX = 560;

/** True when the frame is too narrow for a legend beside the plot. */
export function isNarrow(frame: Frame | undefined): frame is Frame {
  return !!frame && frame.width > 0 && frame.width < NARROW_FRAME_PX;
}

/** The narrowest plot a chart with long axis labels keeps: less on a narrow (phone-sized) frame. */
export function minPlotWidth(frame: Frame | undefined): number {
  return isNarrow(frame) ? 120 : 140;
}

/**
 * Ticks of a time-to-close axis, in hours: spans a reader knows (a minute, an hour, a day, a
 * week…) rather than powers of ten of hours (is 100 hours four days?). About evenly spread on a
 * log scale; Vega drops the ones outside the scale's domain.
 */
export const DURATION_TICKS: readonly { hours: number; label: string; short: string; narrow: boolean }[] = [
  { hours: 1 / 60, label: '1 min', short: '1m', narrow: true },
  { hours: 10 / 60, label: '10 min', short: '10m', narrow: false },
  { hours: 1, label: '1 hour', short: '1h', narrow: true },
  { hours: 6, label: '6 hours', short: '6h', narrow: false },
  { hours: 24, label: '1 day', short: '1d', narrow: true },
  { hours: 24 * 7, label: '1 week', short: '1w', narrow: true },
  { hours: 24 * 30, label: '30 days', short: '30d', narrow: false },
  { hours: 24 * 365, label: '1 year', short: '1y', narrow: true },
];

/**
 * The label of a duration tick (`hours` one of DURATION_TICKS): a Vega expression choosing by
 * the midpoints between ticks on the log scale, so a tick's float value need not match exactly.
 */
function durationLabelExpr(narrow: boolean): string {
  const pick = (t: (typeof DURATION_TICKS)[number]) => exprStr(narrow ? t.short : t.label);
  let expr = pick(DURATION_TICKS[DURATION_TICKS.length - 1]);
  for (let i = DURATION_TICKS.length - 2; i >= 0; i--) {
    const mid = Math.sqrt(DURATION_TICKS[i].hours * DURATION_TICKS[i + 1].hours);
    expr = `datum.value < ${mid} ? ${pick(DURATION_TICKS[i])} : ${expr}`;
  }
  return expr;
}

/**
 * The x encoding's scale, title and axis for hours to close on a log scale: ticks at spans a
 * reader knows (DURATION_TICKS), the title and labels shortened on a narrow frame, where a plot
 * of ~150 px keeps every other tick (the labels would touch).
 */
export function hoursToCloseX(frame: Frame | undefined): Record<string, unknown> {
  const narrow = isNarrow(frame);
  return {
    type: 'quantitative',
    scale: { type: 'log' },
    title: narrow ? 'Time to close (log scale)' : 'Time from created to closed (log scale)',
    axis: { values: DURATION_TICKS.filter((t) => !narrow || t.narrow).map((t) => t.hours), labelExpr: durationLabelExpr(narrow), labelFlush: false },
  };
}

/** The pixels beside a plot: its axes, and its legend unless the legend goes under the plot. */
export function reserveBeside(frame: Frame | undefined, reserve: { axes: number; legend: number }): number {
  return reserve.axes + (isNarrow(frame) ? 0 : reserve.legend);
}

/**
 * A legend's properties: `wide` where there is room beside the plot; on a narrow frame, under
 * the plot instead, in two columns with labels cut to half the frame.
 */
export function legendFor(frame: Frame | undefined, wide: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isNarrow(frame)) return wide;
  return { ...wide, orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: Math.max(60, Math.floor(frame.width / 2) - 50) };
}

/**
 * Colors and legend order carried by the rows, so that a chart's spec does not change when the
 * filters change which values it shows, in what order, or which is highlighted. A changed spec
 * makes the page embed the chart anew (compile and parse: tens of milliseconds per chart) where
 * new rows alone are swapped into the live view.
 *
 * Vega-Lite takes a scale's range from a field (`scale: { range: { field } }`) in the order of
 * the domain's values sorted as text, and ignores the encoding's own sort when it does: a domain
 * sorted otherwise pairs values with other values' colors. So the colored field is a key that
 * sorts as text in the wanted order (the rank, zero-padded, then ". " and the label), and the
 * legend shows the label after it.
 */
import type { Row } from '../types';

/** The field holding the key ("1. Trash") the color scale's domain is made of. */
export const RANKED_KEY = 'color_key';
/** The field holding each key's color. */
export const RANKED_COLOR = 'color_value';

/** The legend label of a key: the text after its rank (as `rankedLabel`). */
const LABEL_EXPR = "slice(datum.value, indexof(datum.value, '. ') + 2)";

/** The label a key shows in the legend ("01. Trash" → "Trash"); other text as it is. */
export function rankedLabel(key: string): string {
  return /^\d+\. /.test(key) ? key.slice(key.indexOf('. ') + 2) : key;
}

/**
 * `rows` with a key and a color for each row that has a label: the key orders labels by `rank`
 * (a positive integer; rows of one label must share it). Rows without a label (null) get none.
 */
export function withRankedColors(
  rows: readonly Row[],
  label: (r: Row) => string | null,
  rank: (r: Row) => number,
  color: (r: Row) => string,
): Row[] {
  const labelled = rows.filter((r) => label(r) !== null);
  const width = String(Math.max(1, ...labelled.map(rank))).length;
  return rows.map((r) => {
    const l = label(r);
    return l === null ? r : { ...r, [RANKED_KEY]: `${String(rank(r)).padStart(width, '0')}. ${l}`, [RANKED_COLOR]: color(r) };
  });
}

/** A color encoding over the rows of `withRankedColors`: keys in rank order, each in its color, legends showing the labels. */
export function rankedColorEncoding(title: string | null, legend: Record<string, unknown> | null): Record<string, unknown> {
  return {
    field: RANKED_KEY,
    type: 'nominal',
    title,
    scale: { range: { field: RANKED_COLOR } },
    legend: legend === null ? null : { ...legend, labelExpr: LABEL_EXPR },
  };
}

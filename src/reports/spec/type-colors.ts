/**
 * Colors for event types that do not depend on the filters. A type's color follows its
 * `color_rank`, its rank by count over the whole store (sql/type-order.ts), not its place in
 * the current legend: the dataset's 18 most frequent types always have the same color, so
 * "traffic-accident" keeps its color when a filter removes other types. Rarer types take the
 * colors left free in the chart, in rank order; "Other" is always grey.
 */
import { numberOf } from '../format';
import { OTHER } from '../sql/common';
import type { Row } from '../types';

/** Tableau 20 without its two greys, which are kept for "Other". */
export const TYPE_PALETTE = [
  '#4c78a8', '#f58518', '#e45756', '#54a24b', '#b79a20', '#439894', '#d67195', '#b279a2', '#9e765f',
  '#9ecae9', '#ffbf79', '#ff9d98', '#88d27a', '#f2cf5b', '#83bcb6', '#fcbfd2', '#d6a5c9', '#d8b5a5',
] as const;

/** The color of the "Other" group. */
export const OTHER_COLOR = '#bab0ac';

/**
 * A color for each `type` of `rows` (which carry `type` and `color_rank`): the palette color of
 * its rank when the rank is within the palette; otherwise, or without a rank, a color no other
 * type of the rows has, while one is left. OTHER is grey.
 */
export function typeColors(rows: readonly Row[]): Map<string, string> {
  const rank = new Map<string, number>();
  for (const r of rows) {
    const k = numberOf(r.color_rank);
    if (String(r.type) !== OTHER) rank.set(String(r.type), Number.isInteger(k) && k >= 1 ? k : Infinity);
  }
  const out = new Map<string, string>();
  const rest: [string, number][] = [];
  for (const [type, k] of rank) {
    if (k <= TYPE_PALETTE.length) out.set(type, TYPE_PALETTE[k - 1]);
    else rest.push([type, k]);
  }
  const used = new Set(out.values());
  const free = TYPE_PALETTE.filter((c) => !used.has(c));
  rest.sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1));
  rest.forEach(([type], i) => out.set(type, free.length ? free[i % free.length] : TYPE_PALETTE[i % TYPE_PALETTE.length]));
  if (rows.some((r) => String(r.type) === OTHER)) out.set(OTHER, OTHER_COLOR);
  return out;
}

/**
 * The rows with `type_color`, the color of their `type` among the types of their dataset: for a
 * color scale whose range is that field (`scale: { range: { field: 'type_color' } }`), which
 * needs one color per type within each facet of a chart faceted by dataset.
 */
export function withTypeColors(rows: readonly Row[]): Row[] {
  const colors = new Map<unknown, Map<string, string>>();
  for (const d of new Set(rows.map((r) => r.dataset))) colors.set(d, typeColors(rows.filter((r) => r.dataset === d)));
  return rows.map((r) => ({ ...r, type_color: colors.get(r.dataset)?.get(String(r.type)) ?? OTHER_COLOR }));
}

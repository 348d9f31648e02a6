/**
 * Widths of the results grid's columns: the first layout from sampled values, the limits a
 * resize stays within, the fit of a column to its content and the keyboard step. Text widths come
 * from a `measure` function the caller gives (a canvas in the browser), so all of it is pure.
 */
import type { ColumnMeta } from '../db/types';

/** The narrowest a user can make a column, px. */
export const MIN_COLUMN_PX = 40;
/** The widest a user can make a column (by dragging, the keyboard or a fit), px. */
export const MAX_COLUMN_PX = 1200;
/** The first layout's limits, px: a column starts no narrower and no wider than these. */
export const LAYOUT_MIN_PX = 64;
export const LAYOUT_MAX_PX = 360;
/** How far Alt+ArrowLeft / Alt+ArrowRight narrows or widens a column, px. */
export const KEY_STEP_PX = 16;
/** The first layout measures at most this many characters of a value (a column starts ≤ 360 px). */
const LAYOUT_CHARS = 60;
/** A fit measures at most this many characters: more could not fit in MAX_COLUMN_PX anyway. */
const FIT_CHARS = 400;

/** Width in px of a text in the grid's font. */
export type Measure = (text: string) => number;

/** What a column's width is measured from: its header and the (sampled) cells' text. */
export interface ColumnTexts {
  readonly name: string;
  readonly type: string;
  readonly cells: Iterable<string>;
}

/** A width a user chose, whole px, within [MIN_COLUMN_PX, MAX_COLUMN_PX]. */
export function clampWidth(px: number): number {
  if (!Number.isFinite(px)) return MIN_COLUMN_PX;
  return Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, Math.round(px)));
}

/**
 * The rows whose values size the columns: the first and last 100 and 100 evenly spaced between
 * (values often grow with the row), ascending, each once.
 */
export function sampleRows(rowCount: number): number[] {
  const rows = new Set<number>();
  for (let k = 0; k < Math.min(rowCount, 100); k++) {
    rows.add(k).add(rowCount - 1 - k).add(Math.floor((k * rowCount) / 100));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * The px a column needs to show its widest cell text (first `chars` characters) and its header
 * whole, unclamped. Cells have 0.5rem padding each side and a border; the header stacks its bold
 * name over its smaller type.
 */
function contentWidth(col: ColumnTexts, measure: Measure, chars: number): number {
  let text = 0;
  for (const v of col.cells) text = Math.max(text, measure(v.length > chars ? v.slice(0, chars) : v));
  return Math.max(text + 20, measure(col.name) * 1.1 + 26, measure(col.type) * 0.9 + 26);
}

/** A column's first width: its content's, within [LAYOUT_MIN_PX, LAYOUT_MAX_PX]. */
export function layoutWidth(col: ColumnTexts, measure: Measure): number {
  return Math.ceil(Math.min(LAYOUT_MAX_PX, Math.max(LAYOUT_MIN_PX, contentWidth(col, measure, LAYOUT_CHARS))));
}

/** A column fitted to its content (a double click on its edge), within the user's limits. */
export function fitWidth(col: ColumnTexts, measure: Measure): number {
  return clampWidth(Math.ceil(contentWidth(col, measure, FIT_CHARS)));
}

/** The width while dragging an edge that started at `startX` with the column `startWidth` wide. */
export function dragWidth(startWidth: number, startX: number, x: number): number {
  return clampWidth(startWidth + (x - startX));
}

/**
 * The width after a key on a focused header: Alt+ArrowLeft narrows and Alt+ArrowRight widens by
 * KEY_STEP_PX; null for any other key (it is not a resize). Other modifiers are left alone.
 */
export function keyWidth(
  width: number,
  key: { readonly key: string; readonly altKey: boolean; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly shiftKey: boolean },
): number | null {
  if (!key.altKey || key.ctrlKey || key.metaKey || key.shiftKey) return null;
  if (key.key === 'ArrowLeft') return clampWidth(width - KEY_STEP_PX);
  if (key.key === 'ArrowRight') return clampWidth(width + KEY_STEP_PX);
  return null;
}

/**
 * Whether a new result keeps the widths the user set on the previous one: only when it has the
 * same columns (names and types, in order), as a query run again has.
 */
export function sameColumns(a: readonly ColumnMeta[] | null, b: readonly ColumnMeta[]): boolean {
  return !!a && a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type);
}

/**
 * The Chart tab's proposal and its Vega-Lite spec, decided from the result's column types:
 * time + number → line, category + number → bar (horizontal, longest first, past 12 categories),
 * number + number → scatter, skipping columns the rows show to be empty, keys or too varied to
 * color by. The user can then pick other x/y/color fields and the mark follows their kinds.
 * Pure: columns and rows in, spec out.
 */
import type { ColumnMeta, ResultSet } from '../db/types';
import { columnKind, isTemporal, type ColumnKind } from './column-kind';

/** The marks the Chart tab offers. */
export type ChartMark = 'line' | 'bar' | 'point';

/** What the chart shows: mark and fields. */
export interface ChartChoice {
  readonly mark: ChartMark;
  readonly x: string;
  readonly y: string;
  /** Optional color field. */
  readonly color: string | null;
}

/** How many rows the chart draws at most (the first ones, in the displayed order). */
export const CHART_ROW_LIMIT = 5000;

type Role = 'time' | 'number' | 'category' | 'none';

function roleOf(kind: ColumnKind): Role {
  if (isTemporal(kind)) return 'time';
  if (kind === 'number') return 'number';
  if (kind === 'text' || kind === 'boolean') return 'category';
  return 'none';
}

/** The mark that suits an x/y pair. */
export function markFor(xType: string, yType: string): ChartMark {
  const x = roleOf(columnKind(xType));
  const y = roleOf(columnKind(yType));
  if (x === 'time') return 'line';
  if (x === 'category' || y === 'category') return 'bar';
  return 'point';
}

/** Most distinct values a proposed color field may have; more would be an unreadable legend. */
export const MAX_COLOR_VALUES = 12;

/** Above this many categories, bars lie horizontal, longest first, so their labels stay readable. */
export const HORIZONTAL_BAR_CATEGORIES = 12;

/** The rows a proposal may look at (a ResultSet is one). */
export interface ChartRows {
  readonly rowCount: number;
  cell(row: number, col: number): unknown;
}

/** A name that says the column is a key: `id`, `…_id`, `objectid`, `caseId`. */
const ID_NAME = /(?:^|[^a-z0-9])id$|objectid$/i;
const CAMEL_ID = /[a-z0-9]Id$/;

interface ColumnStats {
  /** Non-NULL values among the rows looked at. */
  readonly values: number;
  /** Distinct non-NULL values. */
  readonly distinct: number;
  /** Every value an integer and no two alike: over enough rows, or in a run, that is a row key. */
  readonly keyLike: boolean;
}

function integerOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return null;
}

function statsOf(rows: ChartRows, col: number, limit: number): ColumnStats {
  const n = Math.min(rows.rowCount, limit);
  const seen = new Set<unknown>();
  let values = 0;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < n; r++) {
    const v = rows.cell(r, col);
    if (v === null || v === undefined) continue;
    values++;
    seen.add(typeof v === 'object' ? JSON.stringify(v) : typeof v === 'bigint' ? String(v) : v);
    const i = integers ? integerOf(v) : null;
    if (i === null) integers = false;
    else {
      min = Math.min(min, i);
      max = Math.max(max, i);
    }
  }
  const unique = integers && values > 1 && seen.size === values;
  const run = unique && values >= 10 && max - min + 1 === values;
  return { values, distinct: seen.size, keyLike: unique && (values >= 100 || run) };
}

/**
 * The proposed chart for these columns, or null when no pair fits. Given the rows, it skips
 * columns that are NULL throughout, numbers that are keys (an id-like name, or distinct integers
 * throughout, unless nothing else is numeric) and color fields of more than MAX_COLOR_VALUES
 * values.
 */
export function proposeChart(columns: readonly ColumnMeta[], rows?: ChartRows, limit = CHART_ROW_LIMIT): ChartChoice | null {
  const stats = new Map<number, ColumnStats>();
  const statOf = (i: number) => {
    if (!rows) return null;
    let st = stats.get(i);
    if (!st) stats.set(i, (st = statsOf(rows, i, limit)));
    return st;
  };
  const roles = columns.map((c) => roleOf(columnKind(c.type)));
  const usable = (i: number) => (statOf(i)?.values ?? 1) > 0;
  const indices = (role: Role) => columns.map((_, i) => i).filter((i) => roles[i] === role && usable(i));
  const name = (i: number | undefined) => (i === undefined ? null : columns[i].name);

  const numbers = indices('number').filter((i) => !ID_NAME.test(columns[i].name) && !CAMEL_ID.test(columns[i].name));
  const measures = [...numbers.filter((i) => !statOf(i)?.keyLike), ...numbers.filter((i) => statOf(i)?.keyLike)];
  const cats = indices('category');
  const colorOf = cats.find((i) => (statOf(i)?.distinct ?? 0) <= MAX_COLOR_VALUES);
  const time = name(indices('time')[0]);
  const num = name(measures[0]);
  const num2 = name(measures[1]);
  const cat = name(cats[0]);
  const color = name(colorOf);
  if (time && num) return { mark: 'line', x: time, y: num, color };
  if (cat && num) return { mark: 'bar', x: cat, y: num, color: null };
  if (num && num2) return { mark: 'point', x: num, y: num2, color };
  return null;
}

/** A field name for Vega-Lite, with its path characters escaped. */
export function vlField(name: string): string {
  return name.replace(/[.[\]\\]/g, (c) => `\\${c}`);
}

function encodingFor(column: ColumnMeta, mark: ChartMark, axis: 'x' | 'y' | 'color'): Record<string, unknown> {
  const role = roleOf(columnKind(column.type));
  const field = vlField(column.name);
  if (role === 'time') {
    // Stored timestamps are wall-clock values: a UTC scale shows them as stored.
    const base = { field, type: 'temporal', title: column.name };
    return axis === 'color' ? base : { ...base, scale: { type: 'utc' } };
  }
  if (role === 'number' && axis !== 'color') return { field, type: 'quantitative', title: column.name };
  if (axis === 'x' && mark === 'bar') return { field, type: 'nominal', title: column.name, sort: '-y' };
  return { field, type: role === 'number' ? 'quantitative' : 'nominal', title: column.name };
}

function tooltipFor(column: ColumnMeta): Record<string, unknown> {
  const role = roleOf(columnKind(column.type));
  const field = vlField(column.name);
  if (role === 'time') return { field, type: 'temporal', format: '%Y-%m-%d %H:%M:%S', formatType: 'utc' };
  return { field, type: role === 'number' ? 'quantitative' : 'nominal' };
}

/** Plain chart data: the first `limit` rows in `order`, numbers as numbers. */
export function chartValues(
  rs: ResultSet,
  fields: readonly string[],
  order?: ArrayLike<number>,
  limit = CHART_ROW_LIMIT,
): Record<string, unknown>[] {
  const cols = fields
    .map((f) => rs.columns.findIndex((c) => c.name === f))
    .filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
  const n = Math.min(limit, order ? order.length : rs.rowCount);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const r = order ? order[i] : i;
    const row: Record<string, unknown> = {};
    for (const c of cols) {
      const v = rs.cell(r, c);
      const kind = columnKind(rs.columns[c].type);
      row[rs.columns[c].name] = typeof v === 'string' && kind === 'number' ? Number(v) : v;
    }
    out.push(row);
  }
  return out;
}

/** Height per horizontal bar, px, and the most a bar chart grows to. */
const BAR_STEP = 16;
const BAR_CHART_MAX_HEIGHT = 3200;

/** The number of categories when a bar chart should lie horizontal, else 0. */
function horizontalCategories(
  choice: ChartChoice,
  col: (name: string) => ColumnMeta,
  values: readonly Record<string, unknown>[],
): number {
  if (choice.mark !== 'bar') return 0;
  if (roleOf(columnKind(col(choice.x).type)) !== 'category' || roleOf(columnKind(col(choice.y).type)) !== 'number') return 0;
  const distinct = new Set(values.map((v) => v[choice.x])).size;
  return distinct > HORIZONTAL_BAR_CATEGORIES ? distinct : 0;
}

/** The Vega-Lite spec for a choice over the given data values. */
export function chartSpec(
  choice: ChartChoice,
  columns: readonly ColumnMeta[],
  values: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const col = (name: string) => columns.find((c) => c.name === name) ?? { name, type: 'VARCHAR' };
  const encoding: Record<string, unknown> = {
    x: encodingFor(col(choice.x), choice.mark, 'x'),
    y: encodingFor(col(choice.y), choice.mark, 'y'),
    tooltip: [choice.x, choice.y, ...(choice.color ? [choice.color] : [])].map((f) => tooltipFor(col(f))),
  };
  if (choice.color) encoding.color = encodingFor(col(choice.color), choice.mark, 'color');
  // Many categories: horizontal bars, the longest on top, one readable label per bar.
  const categories = horizontalCategories(choice, col, values);
  if (categories) {
    encoding.y = { field: vlField(choice.x), type: 'nominal', title: choice.x, sort: '-x' };
    encoding.x = { field: vlField(choice.y), type: 'quantitative', title: choice.y };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: categories ? Math.min(BAR_CHART_MAX_HEIGHT, Math.max(320, categories * BAR_STEP)) : 320,
    data: { values },
    mark: choice.mark === 'line' ? { type: 'line', point: values.length <= 60 } : { type: choice.mark, tooltip: true },
    encoding,
  };
}

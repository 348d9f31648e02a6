/**
 * The Chart tab's proposal and its Vega-Lite spec, decided from the result's column types:
 * time + number → line, category + number → bar, number + number → scatter. The user can then
 * pick other x/y/color fields and the mark follows their kinds. Pure: columns and rows in, spec out.
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

/** The proposed chart for these columns, or null when no pair fits. */
export function proposeChart(columns: readonly ColumnMeta[]): ChartChoice | null {
  const byRole = (role: Role, skip?: string) =>
    columns.find((c) => c.name !== skip && roleOf(columnKind(c.type)) === role)?.name ?? null;
  const time = byRole('time');
  const cat = byRole('category');
  const num = byRole('number');
  if (time && num) return { mark: 'line', x: time, y: num, color: cat };
  if (cat && num) return { mark: 'bar', x: cat, y: num, color: null };
  const num2 = num ? byRole('number', num) : null;
  if (num && num2) return { mark: 'point', x: num, y: num2, color: cat };
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
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 320,
    data: { values },
    mark: choice.mark === 'line' ? { type: 'line', point: values.length <= 60 } : { type: choice.mark, tooltip: true },
    encoding,
  };
}

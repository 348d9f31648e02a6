/**
 * The Chart tab: proposes a chart from the result's column types and lets the user change the
 * mark and the x, y and color fields. Vega loads only when the tab is first drawn (src/ui/vega).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultSet } from '../../db/types';
import { chartSpec, chartValues, CHART_ROW_LIMIT, markFor, proposeChart, type ChartChoice, type ChartMark } from '../../editor/chart';
import { MSG } from '../../editor/messages';
import { h, replace } from '../dom';

/** The Chart tab as the page uses it. */
export interface ChartPanel {
  readonly el: HTMLElement;
  /** A new result; drawn when the panel is visible. */
  show(rs: ResultSet | null): void;
  setVisible(visible: boolean): void;
  destroy(): void;
}

const MARKS: ChartMark[] = ['line', 'bar', 'point'];

function select(testid: string, label: string, options: string[], value: string | null, allowNone: boolean): HTMLSelectElement {
  const el = h('select', { 'data-testid': testid, 'aria-label': label });
  if (allowNone) el.append(h('option', { value: '' }, '(none)'));
  for (const o of options) el.append(h('option', { value: o }, o));
  el.value = value ?? '';
  return el;
}

/** Creates the Chart tab's panel; `order` gives the grid's displayed row order. */
export function chartPanel(order: () => ArrayLike<number> | null): ChartPanel {
  const controls = h('div', { class: 'sql-chart-controls' });
  const view = h('div', { class: 'sql-chart-view', 'data-testid': 'chart' });
  const message = h('p', { class: 'sql-chart-message', role: 'status' });
  const el = h('div', { class: 'sql-chart', hidden: true }, controls, message, view);

  let rs: ResultSet | null = null;
  let choice: ChartChoice | null = null;
  let visible = false;
  let current: { finalize(): void } | null = null;
  let generation = 0;

  function renderControls(): void {
    if (!rs || !choice) {
      controls.replaceChildren();
      return;
    }
    const names = rs.columns.map((c) => c.name);
    const mark = select('chart-mark', 'Mark', MARKS, choice.mark, false);
    const x = select('chart-x', 'X field', names, choice.x, false);
    const y = select('chart-y', 'Y field', names, choice.y, false);
    const color = select('chart-color', 'Color field', names, choice.color, true);
    const typeOf = (n: string) => rs?.columns.find((c) => c.name === n)?.type ?? 'VARCHAR';
    const changed = (axisChanged: boolean) => {
      choice = {
        mark: axisChanged ? markFor(typeOf(x.value), typeOf(y.value)) : (mark.value as ChartMark),
        x: x.value,
        y: y.value,
        color: color.value || null,
      };
      if (axisChanged) mark.value = choice.mark;
      void draw();
    };
    mark.addEventListener('change', () => changed(false));
    for (const s of [x, y, color]) s.addEventListener('change', () => changed(s !== color));
    replace(
      controls,
      h('label', {}, 'Mark ', mark),
      h('label', {}, 'X ', x),
      h('label', {}, 'Y ', y),
      h('label', {}, 'Color ', color),
    );
  }

  async function draw(): Promise<void> {
    const gen = ++generation;
    current?.finalize();
    current = null;
    view.replaceChildren();
    if (!rs || !choice) {
      message.textContent = rs ? MSG.noChart : MSG.noResult;
      return;
    }
    const fields = [choice.x, choice.y, ...(choice.color ? [choice.color] : [])];
    const values = chartValues(rs, fields, order() ?? undefined);
    message.textContent =
      rs.rowCount > CHART_ROW_LIMIT ? `Showing the first ${CHART_ROW_LIMIT.toLocaleString('en-US')} rows.` : '';
    try {
      const { renderChart } = await import('../vega');
      if (gen !== generation) return;
      const handle = await renderChart(view, chartSpec(choice, rs.columns, values) as unknown as TopLevelSpec);
      if (gen !== generation) handle.finalize();
      else current = handle;
    } catch (e) {
      if (gen === generation) message.textContent = `${MSG.chartFailed}: ${(e as Error)?.message ?? String(e)}`;
    }
  }

  return {
    el,
    show(next) {
      rs = next;
      choice = next ? proposeChart(next.columns, next) : null;
      renderControls();
      if (visible) void draw();
    },
    setVisible(v) {
      const opened = v && !visible;
      visible = v;
      el.hidden = !v;
      // Redraw on opening: the grid's sort may have changed the row order.
      if (opened) void draw();
    },
    destroy() {
      generation++;
      current?.finalize();
    },
  };
}

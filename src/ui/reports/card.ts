/**
 * One report card: title, explanation, parameter selects, the chart area with its loading /
 * empty / error states, the summary sentence, an optional table, the actions (Show SQL, Open in
 * editor, Download PNG / SVG / CSV), and the data table. The card only displays; the
 * controller decides what to show.
 */
import { h, replace } from '../dom';
import { rowsTable, reportTable } from './data-table';
import type { ReportDef, ReportTable, Row, Params } from '../../reports/types';

/** The card states, mirrored in `data-state`. */
export type CardState = 'loading' | 'ready' | 'empty' | 'error';

/** What the card reports back to the controller. */
export interface CardActions {
  onParam(key: string, value: string): void;
  onOpenInEditor(): void;
  onDownload(kind: 'png' | 'svg' | 'csv'): void;
  onGeoJsonFile?(file: File): void;
}

/** The card as the controller drives it. */
export interface Card {
  readonly el: HTMLElement;
  readonly chartEl: HTMLElement;
  /** The area the chart is drawn in (its width is the room the chart has). */
  readonly bodyEl: HTMLElement;
  setState(state: CardState, message?: string): void;
  setSql(sql: string): void;
  setResult(summary: string, rows: readonly Row[], table: ReportTable | null): void;
  setNotice(text: string): void;
}

/** Builds the card for `def`, with `params` selected. */
export function createCard(def: ReportDef, params: Params, actions: CardActions): Card {
  const chartEl = h('div', { class: 'lens-chart', 'data-testid': 'chart', role: 'img', 'aria-label': def.title });
  const status = h('p', { class: 'lens-report-status', 'data-testid': 'status', role: 'status' }, 'Loading…');
  const summary = h('p', { class: 'lens-report-summary', 'data-testid': 'summary' });
  const extra = h('div', { class: 'lens-report-extra' });
  const notice = h('p', { class: 'lens-report-notice', 'data-testid': 'notice', hidden: true });
  const sqlPre = h('pre', { class: 'lens-sql', 'data-testid': 'sql', hidden: true });
  const tableBox = h('div', { class: 'lens-report-rows' });
  const details = h('details', { class: 'lens-data-table', 'data-testid': 'data-table' }, h('summary', { 'data-testid': 'show-table' }, 'Data table'), tableBox);
  let rows: readonly Row[] = [];

  const button = (testid: string, label: string, onClick: () => void) => {
    const b = h('button', { type: 'button', 'data-testid': testid }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  const showSql = button('show-sql', 'Show SQL', () => {
    sqlPre.hidden = !sqlPre.hidden;
    showSql.textContent = sqlPre.hidden ? 'Show SQL' : 'Hide SQL';
    showSql.setAttribute('aria-expanded', String(!sqlPre.hidden));
  });
  const png = button('download-png', 'Download PNG', () => actions.onDownload('png'));
  const svg = button('download-svg', 'Download SVG', () => actions.onDownload('svg'));
  const csv = button('download-csv', 'Download CSV', () => actions.onDownload('csv'));

  const selects = (def.params ?? []).map((p) => {
    const select = h(
      'select',
      { 'data-testid': `param-${p.key}` },
      p.options.map((o) => h('option', { value: o.value, selected: o.value === params[p.key] }, o.label)),
    );
    select.addEventListener('change', () => actions.onParam(p.key, select.value));
    return h('label', { class: 'lens-param' }, `${p.label} `, select);
  });

  const geo = def.acceptsGeoJson && actions.onGeoJsonFile ? geoJsonInput(actions.onGeoJsonFile) : null;

  const bodyEl = h('div', { class: 'lens-report-body' }, chartEl, status);
  const el = h(
    'section',
    { class: 'lens-report', 'data-testid': `report-${def.id}`, 'data-state': 'loading', 'aria-busy': 'true', 'aria-labelledby': `report-title-${def.id}` },
    h('header', { class: 'lens-report-head' }, h('h2', { id: `report-title-${def.id}` }, def.title), h('div', { class: 'lens-params' }, selects)),
    h('p', { class: 'lens-report-explanation', 'data-testid': 'explanation' }, def.explanation),
    bodyEl,
    summary,
    extra,
    notice,
    h(
      'div',
      { class: 'lens-report-actions' },
      showSql,
      button('open-in-editor', 'Open in editor', actions.onOpenInEditor),
      png,
      svg,
      csv,
      geo,
    ),
    sqlPre,
    details,
  );
  details.addEventListener('toggle', () => {
    if (details.open) replace(tableBox, rowsTable(rows, def.title));
  });
  if (geo && actions.onGeoJsonFile) enableDrop(el, actions.onGeoJsonFile);

  return {
    el,
    chartEl,
    bodyEl,
    setState(state, message) {
      el.dataset.state = state;
      el.setAttribute('aria-busy', String(state === 'loading'));
      status.hidden = state === 'ready' || (state === 'loading' && chartEl.childElementCount > 0);
      status.textContent = message ?? (state === 'loading' ? 'Loading…' : '');
      status.className = `lens-report-status lens-${state}`;
      const drawn = state === 'ready';
      png.disabled = svg.disabled = !drawn;
      csv.disabled = state !== 'ready' && state !== 'empty';
      if (state === 'empty' || state === 'error') {
        summary.textContent = '';
        replace(extra);
      }
    },
    setSql(sql) {
      sqlPre.textContent = sql;
    },
    setResult(text, r, table) {
      rows = r;
      summary.textContent = text;
      chartEl.setAttribute('aria-label', `${def.title}. ${text}`);
      replace(extra, table ? reportTable(table) : null);
      if (details.open) replace(tableBox, rowsTable(rows, def.title));
    },
    setNotice(text) {
      notice.textContent = text;
      notice.hidden = text === '';
    },
  };
}

function geoJsonInput(onFile: (file: File) => void): HTMLElement {
  const input = h('input', { type: 'file', accept: '.geojson,.json,application/geo+json,application/json', 'data-testid': 'geojson-input' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  });
  return h('label', { class: 'lens-file' }, 'Load neighborhoods GeoJSON… ', input);
}

function enableDrop(el: HTMLElement, onFile: (file: File) => void): void {
  el.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    el.classList.add('lens-drop-target');
  });
  el.addEventListener('dragleave', () => el.classList.remove('lens-drop-target'));
  el.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    el.classList.remove('lens-drop-target');
    if (!file) return;
    e.preventDefault();
    e.stopPropagation();
    onFile(file);
  });
}

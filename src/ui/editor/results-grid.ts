/**
 * The results grid, virtualized: fixed-height rows, a spacer as tall as all rows, and only the
 * rows in view (plus a few) rendered in an absolutely positioned layer, so 200k rows scroll as
 * smoothly as 20. Column types sit in the header; clicking a header (or Enter or Space on it:
 * headers are in the Tab order) sorts (in JS, on an index
 * permutation); a cell or row copies with Ctrl/Cmd+C (Shift for the row); a double click or
 * Enter shows the selected cell's whole value in a dialog. NULL is shown distinctly, numbers
 * right-aligned, timestamps as stored wall-clock time. Text only. A column is resized by dragging
 * its header's right edge, fitted to its content by a double click there, or narrowed and widened
 * with Alt+ArrowLeft / Alt+ArrowRight on its header; widths live in one CSS variable on the grid
 * (the header and the rows share its grid-template-columns), so a resize draws no rows; the drag
 * itself is ./column-resize. Each header's description (a shared hidden hint) names the keys, and
 * a polite live region says a column's new width after a keyboard resize, a fit or a drag.
 */
import type { ColumnMeta, ResultSet } from '../../db/types';
import { columnKind, type ColumnKind } from '../../editor/column-kind';
import {
  fitWidth,
  keyWidth,
  layoutWidth,
  sameColumns,
  sampleRows,
  type ColumnTexts,
  type Measure,
} from '../../editor/column-width';
import { formatValue } from '../../editor/format';
import { gridWindow } from '../../editor/grid-window';
import { MSG, columnWidthMessage } from '../../editor/messages';
import { rowAsTsv } from '../../editor/serialize';
import { nextSort, sortPermutation, type SortState } from '../../editor/sort';
import { h, replace } from '../dom';
import { copyText } from './clipboard';
import { COLUMN_KEYS_ID, attachColumnResize, resizeHandle, widthAnnouncer } from './column-resize';

/** Row height in px; the CSS uses the same value. */
export const ROW_HEIGHT = 26;

/** The grid as the page uses it. */
export interface ResultsGrid {
  readonly el: HTMLElement;
  /** Shows a result (null clears the grid). */
  show(rs: ResultSet | null): void;
  /** Row indices in displayed order, or null when unsorted. */
  order(): Uint32Array | null;
  copyCell(): Promise<boolean>;
  copyRow(): Promise<boolean>;
  destroy(): void;
}

/** Width in px of a text in `font`, measured on a canvas (or estimated where there is none). */
function textMeasurer(font: string): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (t) => t.length * 8.7;
  ctx.font = font;
  return (t) => ctx.measureText(t).width;
}

/** Creates the grid; `notify` shows short messages (copied, copy failed). */
export function resultsGrid(notify: (message: string) => void): ResultsGrid {
  // The header gets role=row only once it has cells (an empty row is an a11y error).
  const head = h('div', { class: 'sql-grid-head' });
  const layer = h('div', { class: 'sql-grid-rows' });
  const spacer = h('div', { class: 'sql-grid-spacer' }, layer);
  const empty = h('div', { class: 'sql-grid-empty' }, MSG.noResult);
  const el = h(
    'div',
    { class: 'sql-grid', tabindex: 0, 'data-testid': 'results', 'aria-label': 'Query results' },
    head,
    spacer,
    empty,
  );
  // Joins the page with the first result (the grid is placed after it is made), leaves on destroy.
  const announcer = widthAnnouncer();

  let rs: ResultSet | null = null;
  let kinds: ColumnKind[] = [];
  let sort: SortState | null = null;
  let perm: Uint32Array | null = null;
  let sel: { row: number; col: number } | null = null;
  let drawn = { first: -1, last: -1 };
  let frame = 0;
  const dataRow = (i: number) => (perm ? perm[i] : i);

  // Column widths in px: the first layout's, with the ones the user set (`custom`) over them.
  // The user's widths outlive a sort, and a new result with the columns of the last one shown
  // (the same query run again); any other result starts from the first layout.
  let widths: number[] = [];
  let gutter = 48;
  const custom = new Map<number, number>();
  let shownColumns: readonly ColumnMeta[] | null = null;
  let measure: Measure = (t) => t.length * 8.7;

  /** The texts column `i` is measured from: its header and its sampled rows' values. */
  function columnTexts(r: ResultSet, i: number, rows: readonly number[]): ColumnTexts {
    const kind = kinds[i];
    return {
      name: r.columns[i].name,
      type: r.columns[i].type,
      cells: rows.map((row) => formatValue(r.cell(row, i), kind) ?? 'NULL'),
    };
  }

  /** The one place widths reach the page: the header and every row read these two variables. */
  function applyWidths(): void {
    el.style.setProperty('--sql-grid-cols', [gutter, ...widths].map((w) => `${w}px`).join(' '));
    el.style.setProperty('--sql-grid-width', `${gutter + widths.reduce((a, b) => a + b, 0)}px`);
  }

  function layoutColumns(r: ResultSet): void {
    // Text is measured in the grid's own font (a guess per character cut the widest numbers).
    measure = textMeasurer(getComputedStyle(el).font);
    const rows = sampleRows(r.rowCount);
    widths = r.columns.map((_, i) => layoutWidth(columnTexts(r, i, rows), measure));
    if (sameColumns(shownColumns, r.columns)) for (const [i, w] of custom) widths[i] = w;
    else custom.clear();
    shownColumns = r.columns;
    gutter = Math.max(48, String(r.rowCount).length * 8 + 20);
    applyWidths();
  }

  /** Sets a column's width as the user chose it (rows are not drawn again: only the template changes). */
  function setWidth(col: number, px: number): void {
    if (!rs || widths[col] === px) return;
    widths[col] = px;
    custom.set(col, px);
    applyWidths();
  }

  /** Fits a column to its widest sampled value and its header, measured as the first layout measures. */
  function fitColumn(col: number): void {
    if (!rs) return;
    setWidth(col, fitWidth(columnTexts(rs, col, sampleRows(rs.rowCount)), measure));
    announceWidth(col);
  }

  /** Says column `col`'s width once resizing rests (widthAnnouncer). */
  function announceWidth(col: number): void {
    announcer.announce(() => (rs && col < rs.columns.length ? columnWidthMessage(rs.columns[col].name, widths[col]) : null));
  }

  function renderHead(r: ResultSet): void {
    const cells = r.columns.map((c, i) => {
      const dir = sort?.column === i ? sort.dir : null;
      return h(
        'div',
        {
          class: `sql-grid-hcell${kinds[i] === 'number' ? ' num' : ''}`,
          role: 'columnheader',
          'data-col': i,
          'aria-sort': dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none',
          tabindex: 0,
          'aria-keyshortcuts': 'Alt+ArrowLeft Alt+ArrowRight',
          // The title is a pointer user's tooltip; a screen reader gets the keys from the hint.
          'aria-describedby': COLUMN_KEYS_ID,
          title: `${c.name} (${c.type}): click, or Enter, to sort; drag the right edge, or Alt+←/→, to resize; double-click the edge to fit`,
        },
        h('span', { class: 'sql-grid-name' }, c.name),
        h('span', { class: 'sql-grid-type' }, c.type),
        h('span', { class: 'sql-grid-sort', 'aria-hidden': 'true' }, dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''),
        h('span', {
          class: 'sql-grid-resize',
          'data-testid': 'column-resize',
          'aria-hidden': 'true',
          title: 'Drag to resize; double-click to fit',
        }),
      );
    });
    replace(head, h('div', { class: 'sql-grid-gutter', role: 'columnheader' }, '#'), cells);
    head.setAttribute('role', 'row');
    head.setAttribute('aria-rowindex', '1');
    el.setAttribute('role', 'grid');
    layer.setAttribute('role', 'rowgroup');
  }

  function renderRows(force = false): void {
    frame = 0;
    if (!rs) return;
    const w = gridWindow(el.scrollTop, Math.max(ROW_HEIGHT, el.clientHeight - head.offsetHeight), ROW_HEIGHT, rs.rowCount);
    spacer.style.height = `${w.spacer}px`;
    layer.style.transform = `translateY(${w.top}px)`;
    if (!force && w.first === drawn.first && w.last === drawn.last) return;
    drawn = { first: w.first, last: w.last };
    const frag = document.createDocumentFragment();
    for (let i = w.first; i < w.last; i++) {
      const r = dataRow(i);
      const row = h('div', { class: `sql-grid-row${i % 2 ? ' odd' : ''}`, role: 'row', 'data-row': i, 'aria-rowindex': i + 2 });
      row.append(h('div', { class: 'sql-grid-gutter', role: 'rowheader' }, String(i + 1)));
      for (let c = 0; c < kinds.length; c++) {
        const text = formatValue(rs.cell(r, c), kinds[c]);
        const selected = sel?.row === i && sel.col === c;
        const cls = `sql-grid-cell${text === null ? ' null' : ''}${kinds[c] === 'number' ? ' num' : ''}${selected ? ' selected' : ''}`;
        const cell = h('div', { class: cls, role: 'gridcell', 'data-col': c, 'aria-selected': selected ? 'true' : null });
        cell.textContent = text ?? 'NULL';
        if (text && text.length > 6) cell.title = text.slice(0, 2000);
        row.append(cell);
      }
      frag.append(row);
    }
    layer.replaceChildren(frag);
  }

  // The whole value of one cell (a grid cell shows one line, cut to its column's width).
  const viewerText = h('pre', { class: 'sql-cell-value', 'data-testid': 'cell-value', tabindex: 0 });
  const viewerTitle = h('h2', { class: 'sql-cell-title' });
  const viewerCopy = h('button', { type: 'button', class: 'secondary' }, 'Copy');
  const viewerClose = h('button', { type: 'button' }, 'Close');
  const viewer = h(
    'dialog',
    { class: 'sql-cell-viewer', 'data-testid': 'cell-viewer', 'aria-labelledby': 'sql-cell-title' },
    viewerTitle,
    viewerText,
    h('div', { class: 'sql-cell-actions' }, viewerCopy, viewerClose),
  ) as HTMLDialogElement;
  viewerTitle.id = 'sql-cell-title';
  viewerCopy.addEventListener('click', () => void copy('cell'));
  viewerClose.addEventListener('click', () => viewer.close());
  // Keys in the dialog (Escape, Ctrl+C) are its own, not the grid's or the page's.
  viewer.addEventListener('keydown', (e) => e.stopPropagation());

  function openViewer(): void {
    if (!rs || !sel) return;
    const col = rs.columns[sel.col];
    const text = formatValue(rs.cell(dataRow(sel.row), sel.col), kinds[sel.col]);
    viewerTitle.textContent = `${col.name} · ${col.type} · row ${(sel.row + 1).toLocaleString('en-US')}`;
    viewerText.textContent = text ?? 'NULL';
    viewerText.classList.toggle('null', text === null);
    if (!viewer.isConnected) document.body.append(viewer);
    viewer.showModal();
    viewerText.focus();
  }

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => renderRows());
  };

  function select(row: number, col: number, reveal: boolean): void {
    if (!rs || rs.rowCount === 0) return;
    sel = { row: Math.max(0, Math.min(rs.rowCount - 1, row)), col: Math.max(0, Math.min(kinds.length - 1, col)) };
    if (reveal) {
      const top = sel.row * ROW_HEIGHT;
      const view = el.clientHeight - head.offsetHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
    }
    // Rows are drawn again only when the window moved; otherwise the marks move, so the cells
    // stay the same elements (a double click needs its two clicks on one element).
    renderRows();
    markSelection();
  }

  function markSelection(): void {
    for (const c of layer.querySelectorAll('.sql-grid-cell.selected')) {
      c.classList.remove('selected');
      c.removeAttribute('aria-selected');
    }
    const cell = sel && layer.querySelector(`[data-row="${sel.row}"] > [data-col="${sel.col}"]`);
    if (cell) {
      cell.classList.add('selected');
      cell.setAttribute('aria-selected', 'true');
    }
  }

  async function copy(what: 'cell' | 'row'): Promise<boolean> {
    if (!rs || !sel) return false;
    const r = dataRow(sel.row);
    const text = what === 'row' ? rowAsTsv(rs, r) : (formatValue(rs.cell(r, sel.col), kinds[sel.col]) ?? '');
    const ok = await copyText(text);
    notify(ok ? MSG.copied : MSG.copyFailed);
    return ok;
  }

  /** Sorts by the header `target` (the next of ascending, descending, none), keeping focus on it. */
  function sortBy(target: HTMLElement): void {
    if (!rs) return;
    const col = Number(target.dataset.col);
    const focused = target.contains(document.activeElement);
    sort = nextSort(sort, col);
    perm = sort ? sortPermutation(rs, sort) : null;
    renderHead(rs);
    renderRows(true);
    if (focused) head.querySelector<HTMLElement>(`[data-col="${col}"]`)?.focus();
  }

  const resizer = attachColumnResize(head, el, {
    active: () => rs !== null,
    width: (col) => widths[col],
    setWidth,
    fit: fitColumn,
    dragEnded: announceWidth,
  });
  head.addEventListener('click', (e) => {
    // A click on a resize handle, or one a drag ended with, is not a sort.
    if (resizer.endedDrag() || resizeHandle(e)) return;
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    if (target) sortBy(target);
  });
  // Column headers are in the Tab order; Enter or Space sorts, as a click does, and
  // Alt+ArrowLeft / Alt+ArrowRight narrows or widens the column.
  head.addEventListener('keydown', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    if (!target) return;
    const col = Number(target.dataset.col);
    const px = keyWidth(widths[col], e);
    if (px !== null) {
      e.preventDefault();
      e.stopPropagation();
      setWidth(col, px);
      announceWidth(col);
      return;
    }
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    sortBy(target);
  });
  layer.addEventListener('click', (e) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    if (cell && row) select(Number(row.dataset.row), Number(cell.dataset.col), false);
  });
  layer.addEventListener('dblclick', (e) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    if (!cell || !row) return;
    select(Number(row.dataset.row), Number(cell.dataset.col), false);
    openViewer();
  });
  el.addEventListener('scroll', schedule, { passive: true });
  el.addEventListener('keydown', (e) => {
    if (!rs) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'c' || e.key === 'C')) {
      if (!sel) return;
      e.preventDefault();
      void copy(e.shiftKey ? 'row' : 'cell');
      return;
    }
    if (e.key === 'Enter' && sel && e.target === el) {
      e.preventDefault();
      openViewer();
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    select((sel?.row ?? -1) + move[0] + (sel ? 0 : 1), (sel?.col ?? 0) + move[1], true);
  });
  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
  resize?.observe(el);

  return {
    el,
    show(next) {
      rs = next;
      sort = null;
      perm = null;
      sel = null;
      resizer.cancel();
      announcer.clear();
      drawn = { first: -1, last: -1 };
      el.scrollTop = 0;
      el.scrollLeft = 0;
      kinds = next ? next.columns.map((c) => columnKind(c.type)) : [];
      el.setAttribute('aria-rowcount', String(next ? next.rowCount + 1 : 0));
      empty.hidden = !!next && next.rowCount > 0;
      empty.textContent = next ? 'No rows.' : MSG.noResult;
      if (!next) {
        head.replaceChildren();
        head.removeAttribute('role');
        head.removeAttribute('aria-rowindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-rowcount');
        layer.removeAttribute('role');
        layer.replaceChildren();
        spacer.style.height = '0px';
        return;
      }
      announcer.place(el);
      layoutColumns(next);
      renderHead(next);
      renderRows(true);
    },
    order: () => perm,
    copyCell: () => copy('cell'),
    copyRow: () => copy('row'),
    destroy() {
      viewer.remove();
      announcer.remove();
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/**
 * Dragging a results-grid header's right edge (`.sql-grid-resize`, inside a `[data-col]` cell)
 * resizes its column; a double click there fits it. The handle holds the pointer until it is up.
 * The grid keeps the widths; this module only turns pointer events into width requests, and says
 * a new width to screen readers once a resize rests (widthAnnouncer).
 */
import { dragWidth } from '../../editor/column-width';
import { MSG } from '../../editor/messages';
import { h } from '../dom';

/** Id of the hint every column header is described by (its aria-describedby). */
export const COLUMN_KEYS_ID = 'sql-grid-keys';
/** How long a resize must rest before its width is announced, ms: a held key is announced once. */
const ANNOUNCE_MS = 300;

/** The headers' key hint and the polite live region that says a resized column's width. */
export interface WidthAnnouncer {
  /** Puts the hint and the region after `el`, once (beside the grid, not in it: a grid's children must be rows). */
  place(el: HTMLElement): void;
  /**
   * Says `message()` once resizing has rested for ANNOUNCE_MS (also when a limit kept the width,
   * so a key press is never silent; null says nothing). The region is emptied meanwhile, so the
   * same text twice is still a change a screen reader speaks.
   */
  announce(message: () => string | null): void;
  /** Drops an announcement still waiting. */
  clear(): void;
  remove(): void;
}

export function widthAnnouncer(): WidthAnnouncer {
  const hint = h('span', { class: 'visually-hidden', id: COLUMN_KEYS_ID }, MSG.columnKeys);
  const status = h('div', { class: 'visually-hidden', role: 'status', 'data-testid': 'column-width-status' });
  let timer = 0;
  const clear = () => {
    clearTimeout(timer);
    status.textContent = '';
  };
  return {
    place(el) {
      if (!hint.isConnected) el.after(hint, status);
    },
    announce(message) {
      clear();
      timer = window.setTimeout(() => {
        const text = message();
        if (text !== null) status.textContent = text;
      }, ANNOUNCE_MS);
    },
    clear,
    remove() {
      clear();
      hint.remove();
      status.remove();
    },
  };
}

/** What the resizer asks of the grid. */
export interface ResizeTarget {
  /** False while the grid shows no result. */
  active(): boolean;
  width(col: number): number;
  setWidth(col: number, px: number): void;
  fit(col: number): void;
  /** A drag that changed the width ended (its moves are not announced one by one; the end is). */
  dragEnded(col: number): void;
}

/** The column of a resize handle an event happened on, or null elsewhere. */
export function resizeHandle(e: Event): { handle: HTMLElement; col: number } | null {
  const handle = (e.target as HTMLElement).closest<HTMLElement>('.sql-grid-resize');
  const cell = handle?.closest<HTMLElement>('[data-col]');
  return handle && cell ? { handle, col: Number(cell.dataset.col) } : null;
}

/** The grid's handle on the resizer. */
export interface ColumnResize {
  /** For the header's click handler: true for the click that ended a drag (once). */
  endedDrag(): boolean;
  /** Forgets a drag in progress (a new result replaces the header). */
  cancel(): void;
}

/** Wires drags and double clicks on `head`'s handles (`grid` is marked `resizing` meanwhile). */
export function attachColumnResize(head: HTMLElement, grid: HTMLElement, target: ResizeTarget): ColumnResize {
  let drag: { col: number; pointer: number; startX: number; startWidth: number; handle: HTMLElement; moved: boolean } | null = null;
  // Set when a drag ends, so the click it may end with does not sort.
  let swallowClick = false;

  head.addEventListener('pointerdown', (e) => {
    const hit = resizeHandle(e);
    if (!hit || e.button !== 0 || !target.active()) return;
    hit.handle.setPointerCapture(e.pointerId);
    hit.handle.classList.add('active');
    grid.classList.add('resizing');
    drag = { col: hit.col, pointer: e.pointerId, startX: e.clientX, startWidth: target.width(hit.col), handle: hit.handle, moved: false };
  });
  head.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const px = dragWidth(drag.startWidth, drag.startX, e.clientX);
    if (px === target.width(drag.col)) return;
    drag.moved = true;
    target.setWidth(drag.col, px);
  });
  const endDrag = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    if (drag.moved) {
      // The click that may follow comes in this same task; a later one is the user's again.
      swallowClick = true;
      setTimeout(() => (swallowClick = false), 0);
      target.dragEnded(drag.col);
    }
    drag.handle.classList.remove('active');
    grid.classList.remove('resizing');
    drag = null;
  };
  head.addEventListener('pointerup', endDrag);
  head.addEventListener('pointercancel', endDrag);
  head.addEventListener('lostpointercapture', endDrag);
  head.addEventListener('dblclick', (e) => {
    const hit = resizeHandle(e);
    if (hit) target.fit(hit.col);
  });
  return {
    endedDrag() {
      const ended = swallowClick;
      swallowClick = false;
      return ended;
    },
    cancel() {
      drag = null;
      grid.classList.remove('resizing');
    },
  };
}

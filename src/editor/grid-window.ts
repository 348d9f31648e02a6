/**
 * Which rows a virtualized grid renders: only those in (or near) the viewport. Rows have a
 * fixed height; a spacer gives the scrollbar the full height. Very tall results are scaled so
 * the spacer stays under the browsers' element-height limit.
 */

/** Browsers cap element heights (~33.5M px in Chrome); stay well below. */
export const MAX_SPACER_PX = 15_000_000;

export interface GridWindow {
  /** First row to render. */
  readonly first: number;
  /** One past the last row to render. */
  readonly last: number;
  /** Height of the spacer element, px. */
  readonly spacer: number;
  /** Top of row `first` within the spacer, px. */
  readonly top: number;
}

/** The rows to render for a scroll position. */
export function gridWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  rowCount: number,
  overscan = 8,
): GridWindow {
  const full = rowCount * rowHeight;
  const spacer = Math.min(full, MAX_SPACER_PX);
  const maxScroll = Math.max(1, spacer - viewport);
  // Scaled mode: scroll fraction maps onto the row range; rows are drawn at natural height.
  const scaled = full > spacer;
  const position = scaled ? (Math.min(scrollTop, maxScroll) / maxScroll) * Math.max(0, full - viewport) : scrollTop;
  const firstVisible = Math.max(0, Math.floor(position / rowHeight));
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rowCount, firstVisible + visible + overscan);
  const top = scaled ? scrollTop - (position - first * rowHeight) : first * rowHeight;
  return { first, last, spacer, top };
}

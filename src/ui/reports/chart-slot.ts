/**
 * The chart area of one card. Draws a spec; when only the data changed (same spec apart from
 * the inlined rows) it swaps the data in the live view instead of re-embedding, which keeps
 * filter changes cheap. Draws are serialized so overlapping updates cannot interleave.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderChart, replaceChartData, type ChartHandle } from '../vega';
import { DATA_NAME } from '../../reports/spec/common';

/** A card's chart area (see the module comment). */
export class ChartSlot {
  private handle: ChartHandle | null = null;
  private key = '';
  private rows: readonly object[] | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly el: HTMLElement,
    private readonly renderer: 'svg' | 'canvas',
    private readonly onClick?: (datum: Record<string, unknown>) => void,
  ) {
    // Marks that filter on a click show a pointer (reports.css).
    if (onClick) el.classList.add('lens-clickable');
  }

  /**
   * The width the chart was drawn at, read from the element Vega sized (an attribute or a style,
   * so reading it forces no layout); undefined when nothing is drawn.
   */
  drawnWidth(): number | undefined {
    const el = this.el.querySelector('svg, canvas');
    if (!el) return undefined;
    const w = el instanceof HTMLCanvasElement ? parseFloat(el.style.width) || el.width : Number(el.getAttribute('width'));
    return Number.isFinite(w) && w > 0 ? w : undefined;
  }

  /** Draws `spec`, whose rows are in `datasets.table`. */
  show(spec: TopLevelSpec): Promise<void> {
    const next = this.queue.then(() => this.draw(spec));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Removes the chart. */
  clear(): Promise<void> {
    const next = this.queue.then(() => this.drop());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async draw(spec: TopLevelSpec): Promise<void> {
    const { datasets, ...rest } = spec as TopLevelSpec & { datasets?: Record<string, object[]> };
    const key = JSON.stringify(rest);
    const rows = datasets?.[DATA_NAME];
    if (this.handle && key === this.key) {
      // The same spec over the same rows (a resize that changed no width): nothing to draw.
      if (rows === this.rows) return;
      await replaceChartData(this.handle, DATA_NAME, rows ?? []);
      this.rows = rows;
      return;
    }
    this.drop();
    // Embedded empty, then given its rows the way every later filter change gives them: the
    // first draw runs the update path, so the first filter change is not the one that pays for
    // compiling it.
    const first = rows ? ({ ...rest, datasets: { ...datasets, [DATA_NAME]: [] } } as TopLevelSpec) : spec;
    this.handle = await renderChart(this.el, first, { renderer: this.renderer, onClick: this.onClick });
    this.key = key;
    if (rows) await replaceChartData(this.handle, DATA_NAME, rows);
    this.rows = rows;
  }

  private drop(): void {
    this.handle?.finalize();
    this.handle = null;
    this.key = '';
    this.rows = undefined;
    this.el.replaceChildren();
  }
}

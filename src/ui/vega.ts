/**
 * The one module that imports vega-embed. Renders a Vega-Lite spec into an element, swaps a
 * chart's data without recompiling, routes clicks on marks, and exports images.
 */
import embed from 'vega-embed';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { fastExpressions } from './vega-expr';
import { patchVegaSpec } from './vega-patch';

/** A rendered chart: its Vega view and how to dispose of it. */
export interface ChartHandle {
  view: View;
  finalize(): void;
}

/** Options of renderChart. */
export interface RenderOptions {
  renderer?: 'svg' | 'canvas';
  /** Called with the datum of a clicked mark (not for axes, legends or the background). */
  onClick?: (datum: Record<string, unknown>) => void;
}

/** vega-embed's options for every chart of the app. */
function embedOptions(renderer: 'svg' | 'canvas' | 'none') {
  return {
    actions: false,
    renderer,
    tooltip: true,
    // Tooltips computed on hover, marks hidden from ARIA (vega-patch.ts).
    patch: patchVegaSpec,
    hover: true,
    config: CONFIG,
    // Data swaps pass through transient empty facets; their warnings are noise.
    logLevel: 1,
    // The page's CSP has no 'unsafe-eval': expressions are parsed to ASTs and evaluated by
    // closures compiled from them (vega-expr.ts), not by generated code.
    ast: true,
    expr: fastExpressions as never,
  } as const;
}

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  header: { labelFontSize: 12 },
  view: { stroke: null },
  // No per-mark ARIA descriptions: the card labels the chart (title and summary), and
  // describing thousands of marks one by one costs more than drawing them.
  aria: false,
};

/** Renders `spec` into `el` (replacing its content). */
export async function renderChart(el: HTMLElement, spec: TopLevelSpec, opts: RenderOptions = {}): Promise<ChartHandle> {
  const result = await embed(el, spec, embedOptions(opts.renderer ?? 'svg'));
  const onClick = opts.onClick;
  if (onClick) {
    result.view.addEventListener('click', (_event, item) => {
      const datum = (item as { datum?: unknown } | null | undefined)?.datum;
      if (datum && typeof datum === 'object') onClick(datum as Record<string, unknown>);
    });
  }
  return { view: result.view, finalize: () => result.finalize() };
}

/** Replaces the values of the named dataset and re-runs the view. */
export async function replaceChartData(handle: ChartHandle, name: string, rows: readonly object[]): Promise<void> {
  await handle.view.data(name, rows as object[]).resize().runAsync();
}

/**
 * A data URL (PNG) or object URL (SVG) of `spec` drawn on its own, off the page (an export may
 * carry a title and subtitle the card's chart has not).
 */
export async function exportImage(spec: TopLevelSpec, format: 'png' | 'svg'): Promise<string> {
  const el = document.createElement('div');
  const result = await embed(el, spec, embedOptions('none'));
  try {
    return await result.view.toImageURL(format, format === 'png' ? 2 : 1);
  } finally {
    result.finalize();
  }
}

/**
 * Changes to the compiled Vega spec of every chart (vega-embed's `patch`), which keep a data
 * swap cheap. Pure: a Vega spec goes in, a new one comes out.
 *
 *  - Tooltips on hover: Vega-Lite writes a mark's tooltip as an expression in its `update`
 *    encoding, which formats every field of every item each time the data changes (thousands
 *    of `format` calls for a heat map). In the `hover` encoding, which Vega evaluates for the
 *    one item under the pointer (with `view.hover()` on), it shows the same tooltip.
 *  - Marks out of the accessibility tree: the charts are drawn without per-mark ARIA
 *    descriptions (config `aria: false`; describing thousands of marks costs more than drawing
 *    them), and the card labels the chart (`role="img"` with the title and the summary), so
 *    the mark containers are hidden from assistive technology instead of left unlabeled.
 */

interface VegaMark {
  type?: string;
  aria?: boolean;
  encode?: Record<string, Record<string, unknown> | undefined>;
  marks?: VegaMark[];
  [key: string]: unknown;
}

function patchMark(mark: VegaMark): VegaMark {
  const out: VegaMark = { ...mark };
  const update = mark.encode?.update;
  if (update && 'tooltip' in update) {
    const { tooltip, ...rest } = update;
    out.encode = { ...mark.encode, update: rest, hover: { ...(mark.encode?.hover ?? {}), tooltip } };
  }
  if (mark.type !== 'group') out.aria = false;
  if (mark.marks) out.marks = mark.marks.map(patchMark);
  return out;
}

/** The spec with every mark's tooltip moved from `update` to `hover`, and data marks ARIA-hidden. */
export function patchVegaSpec<T extends { marks?: unknown[] }>(spec: T): T {
  return spec.marks ? { ...spec, marks: (spec.marks as VegaMark[]).map(patchMark) } : spec;
}

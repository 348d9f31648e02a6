import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';

interface Item {
  marktype?: string;
  role?: string;
  items?: Item[];
  y?: number;
  height?: number;
  datum?: Record<string, unknown>;
}

/** The rect items drawn, with their datum and height. */
function rects(node: Item, out: Item[] = []): Item[] {
  if (node.marktype === 'rect' && node.role === 'mark') out.push(...(node.items ?? []));
  for (const c of node.items ?? []) rects(c, out);
  return out;
}

describe('resolution-distribution draws a histogram', () => {
  it('draws each bin as a bar from 0 to its count (not a dash at its count)', async () => {
    const def = getReport('resolution-distribution')!;
    const bins = [1, 10, 100, 1000].map((from, i) => ({ kind: 'bin', from_hours: from, to_hours: from * 10, n: [50, 400, 200, 10][i], closed_at_creation: null, median_hours: null }));
    const rows = [...bins, { kind: 'total', from_hours: null, to_hours: null, n: 660, closed_at_creation: 5, median_hours: 40 }];
    const vg = compile(def.spec(rows, {}) as never).spec;
    const view = new vega.View(vega.parse(vg, {}, { ast: true }), { renderer: 'none', expr: expressionInterpreter as never });
    await view.runAsync();
    const drawn = rects((view.scenegraph() as unknown as { root: Item }).root).filter((r) => r.datum?.kind === 'bin');
    view.finalize();
    expect(drawn).toHaveLength(4);
    const height = (n: number) => drawn.find((r) => r.datum?.n === n)!.height!;
    // Heights follow the counts: the tallest is 8 times the 50-bin, 40 times the 10-bin.
    expect(height(400) / height(50)).toBeCloseTo(8, 1);
    expect(height(400) / height(10)).toBeCloseTo(40, 0);
    // Every bar stands on the same baseline.
    const bottoms = new Set(drawn.map((r) => Math.round(r.y! + r.height!)));
    expect(bottoms.size).toBe(1);
  });
});

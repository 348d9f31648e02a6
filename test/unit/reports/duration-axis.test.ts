import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';
import { DURATION_TICKS } from '../../../src/reports/spec/common';
import { fastExpressions } from '../../../src/ui/vega-expr';
import { specErrors } from './spec-check';

interface Item {
  role?: string;
  text?: string;
  items?: Item[];
}

/** The axis labels drawn, in scenegraph order, with the page's own expression interpreter. */
async function axisLabels(spec: unknown): Promise<string[]> {
  const view = new vega.View(vega.parse(compile(spec as never).spec, {}, { ast: true }), { renderer: 'none', expr: fastExpressions as never });
  await view.runAsync();
  const out: string[] = [];
  const walk = (n: Item, role?: string) => {
    if (role === 'axis-label' && typeof n.text === 'string') out.push(n.text);
    for (const c of n.items ?? []) walk(c, (n as { marktype?: string }).marktype ? n.role : role);
  };
  walk((view.scenegraph() as unknown as { root: Item }).root);
  view.finalize();
  return out;
}

// Bins from 3 minutes to about 3 months (0.05 h to 2,000 h), and one group of closures.
const bins = [0.05, 0.5, 5, 50, 500].map((from, i) => ({ kind: 'bin', from_hours: from, to_hours: from * 4, n: [5, 40, 90, 60, 8][i], closed_at_creation: null, median_hours: null }));
const histogram = [...bins, { kind: 'total', from_hours: null, to_hours: null, n: 203, closed_at_creation: 4, median_hours: 30 }];
const groups = [
  { kind: 'total', key: null, n: 300, median_hours: 20, p90_hours: 900, closed_at_creation: 3, closed_before_created: 0, open: 0, rank: 1 },
  { kind: 'group', key: 'Pothole', n: 200, median_hours: 0.1, p90_hours: 1500, closed_at_creation: 2, closed_before_created: 0, open: 0, rank: 1 },
  { kind: 'group', key: 'Graffiti', n: 100, median_hours: 40, p90_hours: 300, closed_at_creation: 1, closed_before_created: 0, open: 0, rank: 2 },
];

describe('time-to-close axes read as spans of time', () => {
  const inDomain = (lo: number, hi: number, short = false) =>
    DURATION_TICKS.filter((t) => t.hours >= lo && t.hours <= hi && (!short || t.narrow)).map((t) => (short ? t.short : t.label));

  it('labels the histogram at a minute, an hour, a day, a week… instead of powers of ten of hours', async () => {
    const spec = getReport('resolution-distribution')!.spec(histogram, {}, { width: 900 });
    expect(specErrors(spec)).toEqual([]);
    const labels = await axisLabels(spec);
    // The x scale spans the bins (0.05 h to 2,000 h), widened by the log scale's nice domain to
    // 0.01–10,000 h: every tick in that range is drawn, in order, with its name.
    const drawn = labels.filter((l) => DURATION_TICKS.some((t) => t.label === l));
    expect(drawn).toEqual(inDomain(0.01, 10_000));
    expect(drawn).toEqual(['1 min', '10 min', '1 hour', '6 hours', '1 day', '1 week', '30 days', '1 year']);
    expect(labels).not.toContain('1,000');
    expect(labels).not.toContain('0.1');
  });

  it('labels the medians and p90s by group the same way, and shortly on a narrow card', async () => {
    const def = getReport('resolution-by')!;
    const wide = await axisLabels(def.spec(groups, { dimension: 'type' }, { width: 900 }));
    // The medians and p90s span 0.1 h to 1,500 h: a nice log domain of 0.1–10,000 h.
    expect(wide.filter((l) => DURATION_TICKS.some((t) => t.label === l))).toEqual(inDomain(0.1, 10_000));
    expect(wide).toContain('10 min');
    expect(wide).not.toContain('1 min');
    const narrow = await axisLabels(def.spec(groups, { dimension: 'type' }, { width: 400 }));
    expect(narrow.filter((l) => DURATION_TICKS.some((t) => t.short === l))).toEqual(inDomain(0.1, 10_000, true));
    expect(narrow).not.toContain('1 week');
    // A narrow plot keeps every other tick: an hour, a day, a week, a year.
    expect(narrow.filter((l) => DURATION_TICKS.some((t) => t.short === l))).toEqual(['1h', '1d', '1w', '1y']);
  });
});

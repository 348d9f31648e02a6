/**
 * The Vega spec patch: every report's compiled spec has its tooltip expressions moved from the
 * `update` to the `hover` encoding and its data marks ARIA-hidden, nothing else changed, so
 * charts draw the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { patchVegaSpec } from '../../../src/ui/vega-patch';
import { fastExpressions } from '../../../src/ui/vega-expr';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters } from '../../../src/reports/filters';
import { withDefaults } from '../../../src/reports/types';
import { openFixtureDb } from '../reports/fixture';
import type { TestDb } from '../helpers/duckdb';

type Mark = { name?: string; type?: string; aria?: boolean; encode?: Record<string, Record<string, unknown>>; marks?: Mark[] };
const allMarks = (marks: Mark[] = []): Mark[] => marks.flatMap((m) => [m, ...allMarks(m.marks)]);

async function svgOf(spec: object): Promise<string> {
  const view = new vega.View(vega.parse(spec as vega.Spec, {}, { ast: true }), { renderer: 'none', expr: fastExpressions as never });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace(/\b(gradient|clip|pattern)_?\d+/g, '$1');
}

describe('ui/vega-patch', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openFixtureDb();
  });
  afterAll(() => db.close());

  it.each(REPORTS.filter((r) => r.id !== 'choropleth').map((r) => [r.id, r] as const))('%s', async (_id, def) => {
    const p = withDefaults(def);
    const raw = await db.query(def.sql(emptyFilters(), p));
    const rows = def.derive ? def.derive(raw, p) : raw;
    const vg = compile(def.spec(rows, p)).spec as unknown as { marks: Mark[] };
    const before = JSON.stringify(vg);
    const lazy = patchVegaSpec(vg);
    expect(JSON.stringify(vg)).toBe(before); // the input is not changed
    const [was, now] = [allMarks(vg.marks), allMarks(lazy.marks)];
    expect(now.length).toBe(was.length);
    let moved = 0;
    was.forEach((m, i) => {
      const tooltip = m.encode?.update?.tooltip;
      expect(now[i].encode?.update?.tooltip).toBeUndefined();
      expect(now[i].encode?.hover?.tooltip).toEqual(tooltip);
      if (tooltip) moved++;
      expect(now[i].aria).toBe(m.type === 'group' ? m.aria : false);
      const strip = (x: Mark) => JSON.stringify({ ...x, aria: undefined, marks: undefined, encode: { ...x.encode, update: { ...x.encode?.update, tooltip: undefined }, hover: undefined } });
      expect(strip(now[i])).toBe(strip(m));
    });
    expect(moved).toBeGreaterThan(0);
    // The same drawing; only the ARIA attributes of the data marks differ.
    const noAria = (svg: string) => svg.replace(/ (role|aria-[a-z]+)="[^"]*"/g, '');
    expect(noAria(await svgOf(lazy))).toBe(noAria(await svgOf(vg)));
  });
});

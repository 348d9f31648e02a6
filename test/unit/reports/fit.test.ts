/**
 * Charts fit their card: the spec builders size their panels from the frame the card gives them,
 * keep today's sizes when there is room (or no frame), and stack two-panel charts when narrow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters } from '../../../src/reports/filters';
import { chartRows } from '../../../src/reports/run';
import { withDefaults, type Row } from '../../../src/reports/types';
import { bandStep, legendFor, panelWidth, reserveBeside, twoPanels } from '../../../src/reports/spec/common';
import { storeBoundariesSql } from '../../../src/reports/boundaries';
import { openFixtureDb, TINY_GEOJSON } from './fixture';
import { renderSpec, specErrors } from './spec-check';
import type { TestDb } from '../helpers/duckdb';

describe('panel sizes', () => {
  it('keeps the preferred width when it fits or the frame is unknown', () => {
    expect(panelWidth(undefined, 520, 100)).toBe(520);
    expect(panelWidth({ width: 0 }, 520, 100)).toBe(520);
    expect(panelWidth({ width: 2000 }, 520, 100)).toBe(520);
    expect(panelWidth({ width: 620 }, 520, 100)).toBe(520);
  });
  it('shrinks to the room left, shared between panels, but not under the minimum', () => {
    expect(panelWidth({ width: 600 }, 520, 100)).toBe(500);
    expect(panelWidth({ width: 601 }, 300, 100, 2)).toBe(250);
    expect(panelWidth({ width: 300 }, 520, 100, 1, 140)).toBe(200);
    expect(panelWidth({ width: 200 }, 520, 100, 1, 140)).toBe(140);
  });
  it('sizes bands the same way', () => {
    expect(bandStep(undefined, 18, 24, 180)).toBe(18);
    expect(bandStep({ width: 420 }, 18, 24, 180)).toBe(10);
    expect(bandStep({ width: 300 }, 18, 24, 180)).toBe(10);
    expect(bandStep({ width: 2000 }, 18, 24, 180)).toBe(18);
  });
  it('moves legends under the plot on a narrow frame, and takes their room out of the reserve', () => {
    expect(legendFor(undefined, { format: '.1%' })).toEqual({ format: '.1%' });
    expect(legendFor({ width: 900 }, { format: '.1%' })).toEqual({ format: '.1%' });
    expect(legendFor({ width: 400 }, { labelLimit: 220 })).toEqual({ labelLimit: 150, orient: 'bottom', direction: 'horizontal', columns: 2 });
    expect(reserveBeside({ width: 900 }, { axes: 80, legend: 200 })).toBe(280);
    expect(reserveBeside({ width: 400 }, { axes: 80, legend: 200 })).toBe(80);
  });
  it('puts two panels side by side while both fit at the minimum, else one above the other', () => {
    const reserve = { side: 300, stacked: 150 };
    expect(twoPanels(undefined, 240, reserve)).toEqual({ facet: 'column', width: 240 });
    expect(twoPanels({ width: 900 }, 240, reserve)).toEqual({ facet: 'column', width: 240 });
    expect(twoPanels({ width: 600 }, 240, reserve)).toEqual({ facet: 'column', width: 150 });
    expect(twoPanels({ width: 579 }, 240, reserve)).toEqual({ facet: 'row', width: 240 });
    expect(twoPanels({ width: 350 }, 240, reserve)).toEqual({ facet: 'row', width: 200 });
  });
});

let db: TestDb;
beforeAll(async () => {
  db = await openFixtureDb();
  await db.query(storeBoundariesSql('tiny.geojson', TINY_GEOJSON, new Date('2024-01-01T00:00:00Z')));
});
afterAll(() => db.close());

async function rowsOf(id: string): Promise<{ rows: Row[]; p: Record<string, string> }> {
  const def = REPORTS.find((r) => r.id === id)!;
  const p = withDefaults(def);
  const raw = await db.query(def.sql(emptyFilters(), p));
  return { rows: chartRows(def, raw, p), p };
}

/** The drawn width of a spec (Vega's own layout; text widths are estimated in Node). */
async function drawnWidth(spec: Parameters<typeof renderSpec>[0]): Promise<number> {
  const r = await renderSpec(spec);
  expect(r.warnings).toEqual([]);
  return Number(/<svg[^>]* width="([\d.]+)"/.exec(r.svg)![1]);
}

describe.each(REPORTS.map((r) => [r.id, r] as const))('report %s fits its frame', (id, def) => {
  it('draws as before on a wide card, and narrower on a narrow one', async () => {
    const { rows, p } = await rowsOf(id);
    expect(def.spec(rows, p, { width: 4000 })).toEqual(def.spec(rows, p));
    const wide = await drawnWidth(def.spec(rows, p));
    const narrow = def.spec(rows, p, { width: 460 });
    expect(specErrors(narrow)).toEqual([]);
    const drawn = await drawnWidth(narrow);
    expect(drawn).toBeLessThanOrEqual(wide);
    // Every chart wider than the frame when drawn as before now (about) fits: Node estimates
    // text wider than Chromium measures it; the browser test checks the exact fit.
    if (wide > 460) expect(drawn, `${id}: ${wide} → ${drawn}`).toBeLessThanOrEqual(460 * 1.06);
  });

  it('fits a phone-sized card, with any legend under the plot (type-mix: beside it)', async () => {
    const { rows, p } = await rowsOf(id);
    const phone = def.spec(rows, p, { width: 340 });
    expect(specErrors(phone)).toEqual([]);
    const drawn = await drawnWidth(phone);
    expect(drawn, id).toBeLessThanOrEqual(340 * 1.15);
    // Legend properties (not `resolve: { legend: { color: 'independent' } }`). The type-mix heat
    // map keeps its legend beside it (Vega-Lite 6 fails on a bottom one there), made narrower.
    const legends = (JSON.stringify(phone).match(/"legend":\{[^}]*\}/g) ?? []).filter((l) => !/^"legend":\{"color":"(independent|shared)"/.test(l));
    for (const l of legends) expect(l, id).toMatch(id === 'type-mix' ? /"offset":8/ : /"orient":"bottom"/);
  });
});

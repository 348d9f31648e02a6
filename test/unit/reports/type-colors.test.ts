/**
 * Type colors do not follow the filters: a type is drawn in the same color whichever other
 * types the rows hold (regression: "traffic-accident" was orange unfiltered and blue after a
 * neighborhood filter, its color being its place in the legend).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { chartRows, reportSql } from '../../../src/reports/run';
import { OTHER } from '../../../src/reports/sql/common';
import { OTHER_COLOR, TYPE_PALETTE, typeColors } from '../../../src/reports/spec/type-colors';
import { withDefaults } from '../../../src/reports/types';
import { ACC_TYPES, HOODS, openFixtureDb } from './fixture';
import { renderColors, specShape, type Colors } from './spec-check';
import type { TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

/** Rows of these types, each with its rank over the whole store (1 = most frequent). */
const ranked = (types: readonly (readonly [string, number | null])[]) => types.map(([type, color_rank]) => ({ type, color_rank }));

describe('reports/spec/type-colors', () => {
  const store = [...ACC_TYPES, 'traf-vehicular-assault', 'traf-vehicular-homicide'].map((t, i) => [t, i + 1] as const);

  it('gives a type the same color whatever other types are present', () => {
    const all = typeColors(ranked([...store, [OTHER, null]]));
    expect(all.get('traffic-accident')).toBe(TYPE_PALETTE[0]);
    expect(all.get('traffic-accident-dui-duid')).toBe(TYPE_PALETTE[2]);
    for (const [type] of store) {
      expect(typeColors(ranked(store.filter(([t]) => t === type))).get(type)).toBe(all.get(type));
      expect(typeColors(ranked(store.filter(([t]) => t === type || t === 'traffic-accident-hit-and-run'))).get(type)).toBe(all.get(type));
    }
    // Legend order, and so the old colors, would have moved: alphabetically "traf-…" comes first.
    expect(typeColors(ranked([['traf-vehicular-homicide', 5], ['traffic-accident', 1]])).get('traffic-accident')).toBe(TYPE_PALETTE[0]);
  });

  it('gives rarer types the colors left free, distinct within a chart, and "Other" grey', () => {
    const top = Array.from({ length: 10 }, (_, i) => [`t${i + 1}`, i + 1] as const);
    const colors = typeColors(ranked([...top, ['rare b', 40], ['rare a', 40], ['unranked', null], [OTHER, null]]));
    expect(colors.get(OTHER)).toBe(OTHER_COLOR);
    expect(colors.get('t10')).toBe(TYPE_PALETTE[9]);
    expect([colors.get('rare a'), colors.get('rare b'), colors.get('unranked')]).toEqual([TYPE_PALETTE[10], TYPE_PALETTE[11], TYPE_PALETTE[12]]);
    expect(new Set(colors.values()).size).toBe(colors.size);
    // Without t1 the first free color is t1's.
    expect(typeColors(ranked([['t2', 2], ['rare', 25]])).get('rare')).toBe(TYPE_PALETTE[0]);
  });
});

async function colors(id: string, f: Filters): Promise<Colors> {
  const def = getReport(id)!;
  const p = withDefaults(def);
  const rows = chartRows(def, await db.query(reportSql(def, f, p)), p);
  return renderColors(def.spec(rows, p), 'type');
}

/** The one color each type is drawn in, checking the legend shows the same one. */
function single(c: Colors): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, set] of c.marks) {
    expect(set.size, type).toBe(1);
    const [color] = set;
    expect(c.legend.get(type), type).toEqual(new Set([color]));
    out.set(type, color);
  }
  return out;
}

describe('type colors in the reports that color by type', () => {
  const hood = mergeFilters(emptyFilters(), { neighborhoods: [HOODS[0].slug] });

  it.each([
    ['monthly-by-type', 'traffic-accident-hit-and-run', ['traffic-accident', 'traffic-accident-dui-duid']],
    ['monthly-by-type', 'Trash', ['Graffiti', 'Noise', 'Pothole']],
    ['backlog', 'Trash', ['Graffiti', 'Noise', 'Pothole']],
  ] as const)('%s: "%s" keeps its color when the other types are filtered out', async (id, type, others) => {
    const all = single(await colors(id, emptyFilters()));
    for (const t of others) expect(all.has(t)).toBe(true);
    const alone = single(await colors(id, mergeFilters(emptyFilters(), { types: [type] })));
    expect([...alone.keys()]).toEqual([type]);
    expect(alone.get(type)).toBe(all.get(type));
    const inHood = single(await colors(id, hood));
    expect(inHood.get(type)).toBe(all.get(type));
    // The types of one dataset (one panel, one legend) stay apart.
    expect(new Set([type, ...others].map((t) => all.get(t))).size).toBe(others.length + 1);
  });
});

describe('type colors travel with the rows', () => {
  it('backlog: a filter that changes which types lead, and their order, changes only the rows of the spec', async () => {
    const def = getReport('backlog')!;
    const p = withDefaults(def);
    const rowsFor = async (f: Filters) => chartRows(def, await db.query(reportSql(def, f, p)), p);
    const order = (rows: Record<string, unknown>[]) => [...new Set(rows.filter((r) => r.kind === 'bucket').sort((a, b) => Number(a.type_rank) - Number(b.type_rank)).map((r) => r.type))];
    const all = await rowsFor(emptyFilters());
    const inHood = await rowsFor(mergeFilters(emptyFilters(), { neighborhoods: [HOODS[0].slug] }));
    expect(order(inHood)).not.toEqual(order(all));
    expect(specShape(def.spec(inHood, p))).toBe(specShape(def.spec(all, p)));
    // The legend lists the types in rank order.
    const legend = [...(await renderColors(def.spec(inHood, p), 'type')).legend.keys()];
    expect(legend).toEqual(order(inHood));
  });
});

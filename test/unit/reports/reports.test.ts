/**
 * Every report, on the fixture store: its SQL runs under every kind of filter, its spec is
 * valid Vega-Lite, renders real marks without warnings, and its summary says something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { emptyMessage } from '../../../src/reports/run';
import { withDefaults, type ReportDef, type Row } from '../../../src/reports/types';
import { storeBoundariesSql } from '../../../src/reports/boundaries';
import { openFixtureDb, HOODS, TINY_GEOJSON } from './fixture';
import { renderSpec, specErrors } from './spec-check';
import type { TestDb } from '../helpers/duckdb';

let db: TestDb;

beforeAll(async () => {
  db = await openFixtureDb();
  await db.query(storeBoundariesSql('tiny.geojson', TINY_GEOJSON, new Date('2024-01-01T00:00:00Z')));
});
afterAll(() => {
  db.close();
});

async function run(def: ReportDef, f: Filters, params: Record<string, string>, on = db) {
  const p = withDefaults(def, params);
  const sql = def.sql(f, p);
  const raw = await on.query(sql);
  const rows: Row[] = def.derive ? def.derive(raw, p) : raw;
  const emptyMsg = emptyMessage(def, f, rows, p);
  return { sql, raw, rows, p, emptyMsg };
}

describe('reports/registry', () => {
  it('has the contracted ids, unique', () => {
    expect(REPORTS.map((r) => r.id)).toEqual([
      'monthly-by-type', 'seasonal-profile', 'dow-hour', 'yoy', 'by-neighborhood', 'type-mix', 'density-map', 'choropleth',
      'resolution-by', 'resolution-distribution', 'backlog', 'correlation-neighborhood', 'cross-correlation', 'forecast',
    ]);
    for (const r of REPORTS) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.explanation).toMatch(/\.$/);
    }
  });
});

describe.each(REPORTS.map((r) => [r.id, r] as const))('report %s', (_id, def) => {
  const variants = [{}, ...(def.params ?? []).flatMap((p) => p.options.slice(0, 5).map((o) => ({ [p.key]: o.value })))];

  it.each(variants.map((v) => [JSON.stringify(v), v] as const))('renders on the fixture with params %s', async (_k, params) => {
    const { rows, p, emptyMsg } = await run(def, emptyFilters(), params);
    expect(emptyMsg).toBeNull();
    expect(rows.length).toBeGreaterThan(0);
    const spec = def.spec(rows, p);
    expect(specErrors(spec)).toEqual([]);
    const r = await renderSpec(spec);
    const total = Object.values(r.marks).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
    const summary = def.summarize?.(rows, p) ?? '';
    expect(summary.length).toBeGreaterThan(10);
    expect(summary).not.toMatch(/NaN|undefined|\[object/);
    const table = def.table?.(rows, p);
    if (table) expect(table.rows.length).toBeGreaterThan(0);
  });

  it('runs under every kind of filter', async () => {
    const f = mergeFilters(emptyFilters(), {
      from: '2022-06-01', to: '2023-05-31', neighborhoods: HOODS.slice(0, 6).map((n) => n.name), sources: ['Phone', 'Web'],
    });
    const { emptyMsg, rows, p } = await run(def, f, {});
    if (!emptyMsg) expect(specErrors(def.spec(rows, p))).toEqual([]);
    for (const g of [
      mergeFilters(f, { types: ['Pothole', "Dog's Barking", '(none)'] }),
      mergeFilters(f, { datasets: ['traffic_accidents'] }),
      mergeFilters(f, { datasets: ['service_requests'] }),
      mergeFilters(emptyFilters(), { from: '2030-01-01' }),
    ]) {
      const res = await run(def, g, {});
      if (res.emptyMsg === null) expect(specErrors(def.spec(res.rows, res.p))).toEqual([]);
      else expect(res.emptyMsg.length).toBeGreaterThan(10);
    }
  });
});

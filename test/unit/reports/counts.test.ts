/**
 * The counts source: which rollup answers which question, how a date range splits into whole
 * months and edge days, and — run on the fixture — that every source gives the same counts as
 * the events view, under every kind of filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSURE_ROLLUPS, ROLLUPS, type RollupDim } from '../../../src/db/rollups';
import { emptyFilters, mergeFilters, type Filters } from '../../../src/reports/filters';
import { chooseRollup, countsSql, filterDims, splitMonths, type CountsOptions } from '../../../src/reports/sql/counts';
import { DATE_FILTERS, openFixtureDb } from './fixture';
import type { TestDb } from '../helpers/duckdb';

const none = emptyFilters();

describe('reports/sql/counts (choice)', () => {
  it.each([
    ['days by hour', none, ['hour'], { day: true }, 'rollup_day_hour'],
    ['days, no dimension', none, [], { day: true }, 'rollup_day_hour'],
    ['neighborhoods', none, ['neighborhood_slug'], {}, 'rollup_day_hood'],
    ['types by day', none, ['type'], { day: true }, 'rollup_day_type'],
    ['types, under a source filter', mergeFilters(none, { sources: ['Web'] }), ['type'], { day: true }, 'rollup_day_type'],
    ['neighborhood × type', none, ['neighborhood_slug', 'type'], {}, 'rollup_month_hood_type'],
    ['neighborhood × type by day', none, ['neighborhood_slug', 'type'], { day: true }, 'daily_counts'],
    ['neighborhood × type, source filter', mergeFilters(none, { sources: ['Web'] }), ['neighborhood_slug', 'type'], {}, 'daily_counts'],
    ['source filter ignored for accidents', mergeFilters(none, { sources: ['Web'] }), ['neighborhood_slug'], { dataset: 'traffic_accidents' }, 'rollup_day_hood'],
    ['omitted filters need nothing', mergeFilters(none, { types: ['x'] }), ['neighborhood_slug'], { omit: ['types'] }, 'rollup_day_hood'],
    ['grid cells', none, ['cell'], {}, 'rollup_month_cell'],
    ['grid cells of one type', mergeFilters(none, { types: ['x'] }), ['cell'], {}, null],
    ['hours of a neighborhood', mergeFilters(none, { neighborhoods: ['cbd'] }), ['hour'], { day: true }, null],
  ] as [string, Filters, RollupDim[], CountsOptions, string | null][])('%s', (_name, f, dims, opts, table) => {
    expect(chooseRollup(f, dims, opts)?.table ?? null).toBe(table);
  });
});

describe('reports/sql/counts (months and edges)', () => {
  it.each([
    [{}, { months: {}, edges: [] }],
    [{ from: '2026-07-01' }, { months: { from: '2026-07-01' }, edges: [] }],
    [{ from: '2026-07-30' }, { months: { from: '2026-08-01' }, edges: [{ from: '2026-07-30', to: '2026-07-31' }] }],
    [{ to: '2026-02-28' }, { months: { to: '2026-02-01' }, edges: [] }],
    [{ to: '2024-02-28' }, { months: { to: '2024-01-01' }, edges: [{ from: '2024-02-01', to: '2024-02-28' }] }],
    [{ from: '2025-12-15', to: '2026-03-10' }, { months: { from: '2026-01-01', to: '2026-02-01' }, edges: [{ from: '2025-12-15', to: '2025-12-31' }, { from: '2026-03-01', to: '2026-03-10' }] }],
    [{ from: '2026-03-05', to: '2026-04-10' }, { months: null, edges: [{ from: '2026-03-05', to: '2026-04-10' }] }],
    [{ from: '2026-03-01', to: '2026-03-31' }, { months: { from: '2026-03-01', to: '2026-03-01' }, edges: [] }],
    [{ from: '2026-03-02', to: '2026-03-01' }, { months: null, edges: [{ from: '2026-03-02', to: '2026-03-01' }] }],
  ])('%j', (range, expected) => {
    const got = splitMonths(range);
    const clean = (r: object | null) => (r ? Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) : r);
    expect({ months: clean(got.months), edges: got.edges.map(clean) }).toEqual(expected);
  });
});

describe('reports/sql/counts (run)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openFixtureDb();
  });
  afterAll(() => db.close());

  const sorted = (sql: string) => db.query(`SELECT * FROM (${sql}) ORDER BY ALL`);

  const filters: [string, Filters][] = [
    ...DATE_FILTERS,
    ['everything', mergeFilters(none, { from: '2022-03-15', to: '2023-05-31', neighborhoods: ['CBD', 'Baker', 'Five Points'], types: ["Dog's Barking", '(none)', 'Pothole', 'traffic-accident'], sources: ['Phone', '(none)'] })],
    ['one dataset', mergeFilters(none, { datasets: ['traffic_accidents'], from: '2022-05-09' })],
  ];
  const shapes: [RollupDim[], CountsOptions][] = [
    [[], { day: true }],
    [['hour'], { day: true }],
    [['type'], { day: true }],
    [['neighborhood_slug'], { day: true, dataset: 'traffic_accidents', omit: ['neighborhoods'] }],
    [['neighborhood_slug'], { omit: ['neighborhoods', 'types', 'sources', 'datasets'] }],
    [['neighborhood_slug', 'type'], {}],
    [['neighborhood_slug', 'type'], { omit: ['neighborhoods'] }],
    [['cell'], {}],
    [['type', 'source'], {}],
  ];

  it.each(filters)('every source gives the counts of the events view (%s)', async (_name, f) => {
    let nonEmpty = 0;
    for (const [dims, opts] of shapes) {
      const truth = await sorted(countsSql(f, dims, { ...opts, source: 'events' }));
      if (truth.length) nonEmpty++;
      expect(await sorted(countsSql(f, dims, opts)), `${dims} ${JSON.stringify(opts)}`).toEqual(truth);
      // and every counts rollup that has the dimensions (the closure ones are 311 histograms: closure.test.ts)
      for (const r of ROLLUPS.filter((x) => !CLOSURE_ROLLUPS.includes(x))) {
        const dimsNeeded = [...dims, ...filterDims(f, opts)];
        if (!dimsNeeded.every((d) => r.dims.includes(d)) || (opts.day && r.grain === 'month')) continue;
        expect(await sorted(countsSql(f, dims, { ...opts, source: r.table })), `${r.table} ${dims}`).toEqual(truth);
      }
    }
    expect(nonEmpty).toBeGreaterThan(0);
  });
});

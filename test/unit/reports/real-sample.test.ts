/**
 * The real 2014 accidents sample (../shared/data/real, when present): every report renders or
 * says plainly why it cannot (no 311 rows, one data source only), and the forecast uses the
 * sample's last continuous stretch (Dec 2013 – May 2014), not its stray 2009–2012 rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS, getReport } from '../../../src/reports/registry';
import { emptyFilters } from '../../../src/reports/filters';
import { chartRows, emptyMessage, reportSql } from '../../../src/reports/run';
import { resolveNeighborhood } from '../../../src/domain/neighborhoods';
import { literal } from '../../../src/sql/quote';
import { ROLLUPS_SQL, openEmptyDb } from './fixture';
import { renderSpec, specErrors } from './spec-check';
import type { TestDb } from '../helpers/duckdb';

const SAMPLE = '/work/shared/data/real/denver_traffic_accidents_2014_sample_drewrwilson.csv';

describe.skipIf(!existsSync(SAMPLE))('reports on the real 2014 accidents sample', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openEmptyDb();
    const parsed = Papa.parse<Record<string, string>>(readFileSync(SAMPLE, 'utf8'), { header: true, skipEmptyLines: true });
    const values = parsed.data.map((r) => {
      const nb = resolveNeighborhood(r.NEIGHBORHOOD_ID);
      const lon = Number(r.lng);
      const lat = Number(r.lat);
      const ok = lon > -105.2 && lon < -104.5 && lat > 39.5 && lat < 40;
      return `(${literal(r.OFFENSE_ID)}, ${literal(r.OFFENSE_TYPE_ID)}, TIMESTAMP ${literal(r.FIRST_OCCURRENCE_DATE)}, ${ok ? literal(lon) : 'NULL'}, ${ok ? literal(lat) : 'NULL'}, ${literal(nb?.name ?? null)}, ${literal(nb?.slug ?? null)})`;
    });
    for (let i = 0; i < values.length; i += 1000) {
      db.exec(`INSERT INTO traffic_accidents (row_key, offense_type_id, first_occurrence_at, longitude, latitude, neighborhood, neighborhood_slug) VALUES ${values.slice(i, i + 1000).join(',')}`);
    }
    db.exec(ROLLUPS_SQL);
  });
  afterAll(() => db.close());

  it.each(REPORTS.map((r) => [r.id, r] as const))('%s renders or explains', async (_id, def) => {
    const f = emptyFilters();
    const rows = chartRows(def, await db.query(reportSql(def, f)));
    const msg = emptyMessage(def, f, rows);
    if (msg !== null) {
      expect(msg.length).toBeGreaterThan(20);
      return;
    }
    const spec = def.spec(rows, {});
    expect(specErrors(spec)).toEqual([]);
    const r = await renderSpec(spec);
    expect(Object.values(r.marks).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(def.summarize?.(rows, {}) ?? 'x').not.toMatch(/NaN|undefined/);
  });

  it('accident-only reports do render', async () => {
    for (const id of ['monthly-by-type', 'dow-hour', 'yoy', 'by-neighborhood', 'density-map', 'forecast']) {
      const def = getReport(id)!;
      const rows = chartRows(def, await db.query(reportSql(def, emptyFilters())));
      expect(emptyMessage(def, emptyFilters(), rows), id).toBeNull();
    }
  });

  it('forecasts from the last continuous stretch', async () => {
    const def = getReport('forecast')!;
    const rows = chartRows(def, await db.query(reportSql(def, emptyFilters())));
    const meta = rows.find((r) => r.kind === 'meta')!;
    expect(meta.first_day).toBe('2013-12-01');
    expect(String(meta.last_day) >= '2014-05-01').toBe(true);
    expect(rows.filter((r) => r.kind === 'metric')).toHaveLength(5);
  });
});

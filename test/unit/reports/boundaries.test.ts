/** Boundaries GeoJSON: validation, crosswalk matching, storage SQL. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, storeBoundariesSql } from '../../../src/reports/boundaries';

const REAL = '/work/shared/data/real/denver_statistical_neighborhoods_ssciolist.geojson';
const square = [[[0, 0], [1, 0], [1, 1], [0, 0]]];

describe('reports/boundaries', () => {
  it('rejects what is not a neighborhoods FeatureCollection', () => {
    expect(checkBoundaries('nope')).toEqual({ ok: false, error: 'it is not valid JSON' });
    expect(checkBoundaries('{"type":"Feature"}').ok).toBe(false);
    expect(checkBoundaries('{"type":"FeatureCollection","features":[]}').ok).toBe(false);
    const unnamed = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { NBHD_NAME: 'Atlantis' }, geometry: { type: 'Polygon', coordinates: square } }] };
    expect(checkBoundaries(JSON.stringify(unnamed)).ok).toBe(false);
  });

  it('matches by name through the crosswalk, else by NBHD_ID', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { NBHD_NAME: 'Stapleton' }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { NBHD_NAME: 'Gateway / Green Valley Ranch' }, geometry: { type: 'MultiPolygon', coordinates: [square] } },
        { type: 'Feature', properties: { NBHD_ID: 10 }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { NBHD_NAME: 'Atlantis' }, geometry: { type: 'Polygon', coordinates: square } },
      ],
    };
    const c = checkBoundaries(JSON.stringify(fc));
    expect(c.ok && c.matched).toBe(3);
    expect(c.ok && c.unmatched).toEqual(['Atlantis']);
  });

  it.skipIf(!existsSync(REAL))('the real statistical neighborhoods file matches all 78', () => {
    const c = checkBoundaries(readFileSync(REAL, 'utf8'));
    expect(c.ok && c.matched).toBe(78);
  });

  it('stores with quoted literals and keeps only the newest', () => {
    expect(storeBoundariesSql("o'brien.geojson", '{"a":"it\'s"}', new Date('2024-05-01T10:00:00Z'))).toBe(
      `INSERT INTO boundaries VALUES ('o''brien.geojson', TIMESTAMP '2024-05-01 10:00:00.000', '{"a":"it''s"}');\n` +
        'DELETE FROM boundaries WHERE loaded_at < (SELECT max(loaded_at) FROM boundaries)',
    );
  });
});

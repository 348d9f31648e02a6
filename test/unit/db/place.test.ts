import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeRows } from '../../../src/app/place';
import { Locator } from '../../../src/domain/locate';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const square = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

describe('app/place: records without a neighborhood placed by their coordinates', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('fills only rows with no neighborhood at all and coordinates inside a boundary, matching doubles exactly', async () => {
    const locator = new Locator([
      { place: { name: 'Five Points', slug: 'five-points' }, geometry: { type: 'Polygon', coordinates: square(-104.99, 39.74, -104.96, 39.77) } },
      { place: { name: 'Civic Center', slug: 'civic-center' }, geometry: { type: 'Polygon', coordinates: square(-105.0, 39.73, -104.99, 39.74) } },
    ]);
    db.exec(`CREATE TABLE stage (id INTEGER, longitude DOUBLE, latitude DOUBLE, neighborhood VARCHAR, neighborhood_slug VARCHAR)`);
    // Awkward doubles: a bare literal of -104.97810000000001 parses as a DECIMAL.
    db.exec(`INSERT INTO stage VALUES
      (1, -104.97810000000001, 39.755500000000005, NULL, NULL),
      (2, -104.9781, 39.7555, NULL, NULL),
      (3, -104.995, 39.735, NULL, NULL),
      (4, -104.9781, 39.7555, 'Five Points', 'five-points'),
      (5, -104.9781, 39.7555, 'Atlantis', NULL),
      (6, -104.5, 39.5, NULL, NULL),
      (7, NULL, NULL, NULL, NULL),
      (8, -104.9781, 39.7555, NULL, NULL)`);
    expect(await placeRows(db, 'stage', locator)).toBe(4);
    const rows = await db.query(`SELECT id, neighborhood, neighborhood_slug FROM stage ORDER BY id`);
    expect(rows.map((r) => [r.id, r.neighborhood, r.neighborhood_slug])).toEqual([
      [1, 'Five Points', 'five-points'],
      [2, 'Five Points', 'five-points'],
      [3, 'Civic Center', 'civic-center'],
      [4, 'Five Points', 'five-points'],
      [5, 'Atlantis', null],
      [6, null, null],
      [7, null, null],
      [8, 'Five Points', 'five-points'],
    ]);
    // Nothing left to place; the work table is gone.
    expect(await placeRows(db, 'stage', locator)).toBe(0);
    expect(await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_lens_places'`)).toEqual([{ n: 0 }]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Locator } from '../../../src/domain/locate';
import { NEIGHBORHOODS } from '../../../src/domain/neighborhoods';
import { boundaryAreas, checkBoundaries } from '../../../src/reports/boundaries';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const A = { name: 'A', slug: 'a' };
const B = { name: 'B', slug: 'b' };

describe('domain/locate', () => {
  const locator = new Locator([
    // A: a square with a square hole; B: a MultiPolygon, one part inside A's hole and one apart.
    { place: A, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] } },
    { place: B, geometry: { type: 'MultiPolygon', coordinates: [[square(4.5, 4.5, 5.5, 5.5)], [square(20, 0, 30, 10)]] } },
  ]);

  it('finds the polygon holding a point, minding holes and multi-polygons', () => {
    expect(locator.size).toBe(3);
    expect(locator.locate(1, 1)).toBe(A);
    expect(locator.locate(4.2, 5)).toBeNull(); // in A's hole, outside B
    expect(locator.locate(5, 5)).toBe(B);
    expect(locator.locate(25, 5)).toBe(B);
    expect(locator.locate(15, 5)).toBeNull();
    expect(locator.locate(-1, 5)).toBeNull();
  });

  it('skips malformed geometry', () => {
    const l = new Locator([
      { place: A, geometry: { type: 'Polygon', coordinates: 'x' } },
      { place: A, geometry: { type: 'Point', coordinates: [1, 2] } },
      { place: B, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 'a']], square(0, 0, 1, 1)] } },
    ]);
    expect(l.size).toBe(1);
    expect(l.locate(0.5, 0.5)).toBe(B);
  });

  const real = new URL('../../../../shared/data/real/denver_statistical_neighborhoods_ssciolist.geojson', import.meta.url);
  it.skipIf(!existsSync(real))('places the neighborhoods’ centroids in their own real boundaries, never in another', () => {
    const check = checkBoundaries(readFileSync(real, 'utf8'));
    if (!check.ok) throw new Error(check.error);
    const l = new Locator(boundaryAreas(check.features));
    expect(l.size).toBeGreaterThanOrEqual(78);
    // The centroids are approximate: a few fall just outside their (concave) neighborhood, in none.
    const found = NEIGHBORHOODS.map((n) => ({ n, at: l.locate(n.lon, n.lat) }));
    expect(found.filter((f) => f.at && f.at.slug !== f.n.slug)).toEqual([]);
    expect(found.filter((f) => f.at?.slug === f.n.slug).length).toBeGreaterThanOrEqual(75);
    expect(l.locate(-105.3, 39.7)).toBeNull();
  });
});

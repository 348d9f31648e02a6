/**
 * Which neighborhood a point lies in, from boundary polygons (GeoJSON Polygon / MultiPolygon
 * coordinates in WGS84 longitude, latitude). Each polygon's rings (outer and holes) are tested
 * together by the even-odd rule, after a bounding-box check. Pure.
 */

/** A neighborhood as the store names it. */
export interface Place {
  readonly name: string;
  readonly slug: string;
}

/** One neighborhood's geometry. */
export interface Area {
  readonly place: Place;
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}

interface Polygon {
  readonly place: Place;
  /** Rings as flat [x0, y0, x1, y1, …]. */
  readonly rings: Float64Array[];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

type Ring = readonly (readonly number[])[];

function isRing(r: unknown): r is Ring {
  return Array.isArray(r) && r.length >= 3 && r.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
}

/** The polygons of a geometry, each as its list of rings; malformed parts are skipped. */
function polygonsOf(geometry: Area['geometry']): Ring[][] {
  const c = geometry.coordinates;
  if (!Array.isArray(c)) return [];
  const polys = geometry.type === 'MultiPolygon' ? c : geometry.type === 'Polygon' ? [c] : [];
  return polys.filter(Array.isArray).map((rings: unknown[]) => rings.filter(isRing));
}

export class Locator {
  private readonly polygons: Polygon[] = [];

  constructor(areas: readonly Area[]) {
    for (const area of areas) {
      for (const rings of polygonsOf(area.geometry)) {
        if (!rings.length) continue;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        const flat = rings.map((ring) => {
          const f = new Float64Array(ring.length * 2);
          ring.forEach(([x, y], i) => {
            f[2 * i] = x;
            f[2 * i + 1] = y;
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          });
          return f;
        });
        this.polygons.push({ place: area.place, rings: flat, minX, minY, maxX, maxY });
      }
    }
  }

  /** Number of polygons (0: nothing can be located). */
  get size(): number {
    return this.polygons.length;
  }

  /** The place whose polygon holds (lon, lat), the first one listed on a shared border; else null. */
  locate(lon: number, lat: number): Place | null {
    for (const p of this.polygons) {
      if (lon < p.minX || lon > p.maxX || lat < p.minY || lat > p.maxY) continue;
      let inside = false;
      for (const r of p.rings) {
        const n = r.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const xi = r[2 * i];
          const yi = r[2 * i + 1];
          const xj = r[2 * j];
          const yj = r[2 * j + 1];
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
      if (inside) return p.place;
    }
    return null;
  }
}

/**
 * Approximate administrative geography for each of the 78 neighborhoods, derived from the
 * centroids in domain/neighborhoods: zip code, council district (1–11), police district (1–7)
 * and precincts, plus the city's bounding box used to define "out of the city" points.
 * The rules are coarse hand-made approximations; they only need to be stable and plausible.
 */
import { NEIGHBORHOODS, type NeighborhoodInfo } from '../domain/neighborhoods';

/** Every jittered in-city point falls inside; the out-of-city flaw is always outside. */
export const DENVER_BBOX = { minLon: -105.11, maxLon: -104.6, minLat: 39.6, maxLat: 39.92 } as const;

export function insideDenverBbox(lon: number, lat: number): boolean {
  const b = DENVER_BBOX;
  return lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat;
}

/** Places outside the city (lon, lat) used for the out-of-city coordinate flaw. */
export const OUTSIDE_POINTS: readonly (readonly [number, number])[] = [
  [-105.2705, 40.015], // Boulder
  [-105.2211, 39.7555], // Golden
  [-104.8214, 38.8339], // Colorado Springs
  [-105.0844, 40.5853], // Fort Collins
  [-104.8205, 39.9853], // Brighton
  [-105.5, 39.6969], // foothills, the DMS-string row of the 2014 sample
];

const ZIP_CENTERS: readonly (readonly [string, number, number])[] = [
  ['80202', -104.9962, 39.7508], ['80203', -104.9811, 39.7312], ['80204', -105.0218, 39.7343],
  ['80205', -104.9665, 39.7589], ['80206', -104.9527, 39.7308], ['80207', -104.9182, 39.7585],
  ['80209', -104.966, 39.7062], ['80210', -104.9631, 39.679], ['80211', -105.0201, 39.7668],
  ['80212', -105.048, 39.7709], ['80216', -104.966, 39.7837], ['80218', -104.9717, 39.7326],
  ['80219', -105.0359, 39.696], ['80220', -104.9129, 39.7332], ['80221', -105.01, 39.8],
  ['80222', -104.926, 39.67], ['80223', -105.001, 39.7], ['80224', -104.911, 39.688],
  ['80227', -105.085, 39.665], ['80230', -104.892, 39.718], ['80231', -104.887, 39.672],
  ['80235', -105.09, 39.646], ['80236', -105.037, 39.653], ['80237', -104.898, 39.643],
  ['80238', -104.88, 39.775], ['80239', -104.834, 39.787], ['80246', -104.931, 39.709],
  ['80247', -104.881, 39.697], ['80249', -104.723, 39.8],
];

/** Suburban zips callers give as their own (Customer Zip Code), besides Denver's. */
export const METRO_ZIPS: readonly string[] = ['80010', '80012', '80014', '80033', '80110', '80113', '80214', '80226', '80229', '80260'];
export const DENVER_ZIPS: readonly string[] = ZIP_CENTERS.map(([zip]) => zip);

export interface NeighborhoodGeo {
  readonly info: NeighborhoodInfo;
  /** The nearest and second-nearest zip centers. */
  readonly zips: readonly [string, string];
  readonly councilDistrict: number;
  readonly policeDistrict: number;
  /** Police precincts of the neighborhood (district * 100 + 10a + b). */
  readonly precincts: readonly number[];
  /** Downtown's rotated street grid rather than the main grid. */
  readonly downtown: boolean;
}

function distance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * Math.cos((39.74 * Math.PI) / 180);
  return Math.hypot(dx, lat1 - lat2);
}

function nearestZips(lon: number, lat: number): readonly [string, string] {
  const sorted = [...ZIP_CENTERS].sort((a, b) => distance(lon, lat, a[1], a[2]) - distance(lon, lat, b[1], b[2]));
  return [sorted[0][0], sorted[1][0]];
}

function policeDistrict(n: NeighborhoodInfo): number {
  if (n.slug === 'dia') return 7;
  if (n.lon > -104.885 && n.lat > 39.75) return 5;
  if (n.lon >= -105.012 && n.lon <= -104.96 && n.lat >= 39.725 && n.lat <= 39.762) return 6;
  if (n.lat >= 39.74) return n.lon < -104.99 ? 1 : 2;
  return n.lon < -104.99 ? 4 : 3;
}

function councilDistrict(n: NeighborhoodInfo): number {
  const { lon, lat } = n;
  if (lon > -104.885 && lat > 39.75) return 11;
  if (lat >= 39.74 && lon < -105.0) return 1;
  if (lat >= 39.75 && lon < -104.96) return 9;
  if (lat >= 39.74) return 8;
  if (lat < 39.69 && lon < -105.03) return 2;
  if (lon < -105.0) return 3;
  if (lat < 39.69 && lon > -104.96) return 4;
  if (lon > -104.94) return 5;
  if (lat < 39.71) return lon < -104.975 ? 7 : 6;
  return 10;
}

function precincts(id: number, district: number): readonly number[] {
  if (district === 7) return [759];
  const a = 1 + (id % 2);
  const b = 1 + (id % 3);
  return [district * 100 + 10 * a + b, district * 100 + 10 * a + ((b % 3) + 1)];
}

const DOWNTOWN = new Set(['cbd', 'union-station', 'auraria']);

/** Geography of every neighborhood, in NEIGHBORHOODS order. */
export const NEIGHBORHOOD_GEO: readonly NeighborhoodGeo[] = NEIGHBORHOODS.map((info) => {
  const police = policeDistrict(info);
  return {
    info,
    zips: nearestZips(info.lon, info.lat),
    councilDistrict: councilDistrict(info),
    policeDistrict: police,
    precincts: precincts(info.id, police),
    downtown: DOWNTOWN.has(info.slug),
  };
});

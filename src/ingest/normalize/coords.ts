/**
 * Coordinate checks. About 70% of 311 rows have blank or zero coordinates, ~21k have
 * longitude equal to latitude, some lie outside the city; those become NULL with a reason in
 * `coord_flag`, so maps never plot them at (0, 0).
 */

/** Why a coordinate pair was nulled (or, for `swapped`, repaired). */
export type CoordFlag = 'missing' | 'zero' | 'lon_eq_lat' | 'swapped' | 'out_of_city';

export interface CoordResult {
  lon: number | null;
  lat: number | null;
  flag: CoordFlag | null;
}

/** Denver's extent (incl. DIA) plus a small margin, in degrees. */
export const DENVER_BOUNDS = {
  minLon: -105.12 - 0.03,
  maxLon: -104.59 + 0.03,
  minLat: 39.61 - 0.03,
  maxLat: 39.92 + 0.03,
} as const;

function inCity(lon: number, lat: number): boolean {
  const b = DENVER_BOUNDS;
  return lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat;
}

/**
 * Checks a longitude/latitude pair (null = blank or unreadable):
 * - either missing → `missing`; either exactly 0 → `zero`; equal values → `lon_eq_lat`;
 * - inside the city box → kept, flag null;
 * - the pair is inside the box once exchanged → **swapped back and kept**, flag `swapped`
 *   (the position is unambiguous, so the data is repaired rather than dropped; the flag
 *   records the repair);
 * - anything else → `out_of_city`.
 * All flagged cases except `swapped` return null coordinates.
 */
export function checkCoords(lon: number | null, lat: number | null): CoordResult {
  if (lon === null || lat === null) return { lon: null, lat: null, flag: 'missing' };
  if (lon === 0 || lat === 0) return { lon: null, lat: null, flag: 'zero' };
  if (lon === lat) return { lon: null, lat: null, flag: 'lon_eq_lat' };
  if (inCity(lon, lat)) return { lon, lat, flag: null };
  if (inCity(lat, lon)) return { lon: lat, lat: lon, flag: 'swapped' };
  return { lon: null, lat: null, flag: 'out_of_city' };
}

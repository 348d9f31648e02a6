/**
 * Points around a neighborhood centroid and the ways the files spoil them. A record's
 * coordinate state is exactly one of: ok, blank (both cells empty), zero (both `0`),
 * lon_eq_lat (the latitude copied into the longitude cell), swapped (lon/lat exchanged) or
 * out_of_city (a real place outside DENVER_BBOX). Every ok point lies inside DENVER_BBOX.
 */
import type { NeighborhoodGeo } from './geography';
import { OUTSIDE_POINTS } from './geography';
import type { Rng } from './prng';

export type CoordState = 'ok' | 'blank' | 'zero' | 'lon_eq_lat' | 'swapped' | 'out_of_city';

/** Manifest flaw name of each spoiled state. */
export const COORD_FLAW = {
  blank: 'coord_blank',
  zero: 'coord_zero',
  lon_eq_lat: 'lon_eq_lat',
  swapped: 'swapped_lon_lat',
  out_of_city: 'out_of_city',
} as const;

/** Chances of each spoiled state; the rest is ok. */
export type CoordRates = Readonly<Record<Exclude<CoordState, 'ok'>, number>>;

export interface Point {
  readonly lon: number;
  readonly lat: number;
}

/** A point near the centroid: normal jitter (sd 0.005°), clamped to ±0.015°. */
export function pointNear(rng: Rng, geo: NeighborhoodGeo): Point {
  const j = (): number => Math.max(-0.015, Math.min(0.015, 0.005 * rng.normal()));
  return { lon: geo.info.lon + j(), lat: geo.info.lat + j() };
}

export function drawCoordState(rng: Rng, rates: CoordRates): CoordState {
  let roll = rng.next();
  for (const state of ['blank', 'zero', 'lon_eq_lat', 'swapped', 'out_of_city'] as const) {
    if (roll < rates[state]) return state;
    roll -= rates[state];
  }
  return 'ok';
}

/** Degrees as text with at most `decimals` places, trailing zeros dropped (`39.749933`). */
export function degrees(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

export interface WrittenPoint {
  readonly lon: string;
  readonly lat: string;
  /** The point the cells claim (after swapping, or the outside place), if any. */
  readonly shown: Point | null;
}

/** The longitude and latitude cells for a point in a given state. */
export function writePoint(rng: Rng, state: CoordState, p: Point, decimals: number): WrittenPoint {
  const lon = degrees(p.lon, decimals);
  const lat = degrees(p.lat, decimals);
  switch (state) {
    case 'ok':
      return { lon, lat, shown: p };
    case 'blank':
      return { lon: '', lat: '', shown: null };
    case 'zero':
      return { lon: '0', lat: '0', shown: null };
    case 'lon_eq_lat':
      return { lon: lat, lat, shown: null };
    case 'swapped':
      return { lon: lat, lat: lon, shown: p };
    case 'out_of_city': {
      const [olon, olat] = rng.pick(OUTSIDE_POINTS);
      const q = { lon: olon + 0.01 * rng.normal(), lat: olat + 0.01 * rng.normal() };
      return { lon: degrees(q.lon, decimals), lat: degrees(q.lat, decimals), shown: q };
    }
  }
}

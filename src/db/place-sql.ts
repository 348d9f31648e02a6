/**
 * SQL of placing records that have coordinates but no neighborhood (the yearly 311 files leave
 * Neighborhood empty in places) in the neighborhood whose boundary holds them. The points are
 * located in JavaScript (domain/locate); these builders read the points and write the places
 * back. Pure.
 */
import type { Place } from '../domain/locate';
import { ident, num, str } from '../sql/quote';

/**
 * A double read back exactly: from its shortest round-trip text (a bare `-104.98731` would be
 * a DECIMAL literal, whose cast to DOUBLE may differ in the last bit and miss the join).
 */
const double = (v: number) => `CAST('${num(v)}' AS DOUBLE)`;

/** The work table of located points. */
export const PLACES_TABLE = '_lens_places';

/** Whether a row of `t` (alias) lacks a neighborhood and has coordinates. */
const unplaced = (t: string) =>
  `${t}.neighborhood IS NULL AND ${t}.neighborhood_slug IS NULL AND ${t}.longitude IS NOT NULL AND ${t}.latitude IS NOT NULL`;

/** The distinct points (lon, lat) of the rows of `table` (qualified) without a neighborhood. */
export function unplacedPointsSql(table: string): string {
  return `SELECT DISTINCT t.longitude AS lon, t.latitude AS lat FROM ${table} t WHERE ${unplaced('t')}`;
}

/** The work table, then the located points in chunks of inserts (none when `points` is empty). */
export function placesTableSql(points: readonly { lon: number; lat: number; place: Place }[], chunk = 2000): string[] {
  const out = [`CREATE OR REPLACE TEMP TABLE ${ident(PLACES_TABLE)} (lon DOUBLE, lat DOUBLE, name VARCHAR, slug VARCHAR)`];
  for (let i = 0; i < points.length; i += chunk) {
    const values = points.slice(i, i + chunk).map((p) => `(${double(p.lon)}, ${double(p.lat)}, ${str(p.place.name)}, ${str(p.place.slug)})`);
    out.push(`INSERT INTO ${ident(PLACES_TABLE)} VALUES ${values.join(', ')}`);
  }
  return out;
}

/** How many rows of `table` the work table places. */
export function countPlacedSql(table: string): string {
  return `SELECT count(*) AS n FROM ${table} t JOIN ${ident(PLACES_TABLE)} p ON t.longitude = p.lon AND t.latitude = p.lat WHERE ${unplaced('t')}`;
}

/** Sets the neighborhood of the rows of `table` the work table places. */
export function applyPlacesSql(table: string): string {
  return `UPDATE ${table} AS t SET neighborhood = p.name, neighborhood_slug = p.slug FROM ${ident(PLACES_TABLE)} p
WHERE t.longitude = p.lon AND t.latitude = p.lat AND ${unplaced('t')}`;
}

/** The current boundaries' GeoJSON text, if any. */
export const CURRENT_BOUNDARIES_SQL = `SELECT geojson FROM boundaries ORDER BY loaded_at DESC LIMIT 1`;

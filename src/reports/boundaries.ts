/**
 * Neighborhood boundaries dropped by the user: validation of the GeoJSON, matching of its
 * NBHD_NAME (or NBHD_ID) to the 78 neighborhoods through the name/slug/alias crosswalk, and the
 * SQL that stores it in `boundaries`. Pure.
 */
import type { Area } from '../domain/locate';
import { NEIGHBORHOODS, resolveNeighborhood, type NeighborhoodInfo } from '../domain/neighborhoods';
import { literal, str } from '../sql/quote';

/** A GeoJSON feature as the boundaries file holds it. */
export interface GeoFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> | null;
}

/** The outcome of checking a dropped GeoJSON. */
export type BoundariesCheck =
  | { ok: true; features: GeoFeature[]; matched: number; unmatched: string[] }
  | { ok: false; error: string };

/** The neighborhood a feature stands for: NBHD_NAME through the crosswalk, else NBHD_ID. */
export function featureNeighborhood(f: GeoFeature): NeighborhoodInfo | undefined {
  const p = f.properties ?? {};
  const name = p.NBHD_NAME ?? p.nbhd_name ?? p.name;
  const byName = typeof name === 'string' ? resolveNeighborhood(name) : undefined;
  if (byName) return byName;
  const id = Number(p.NBHD_ID ?? p.nbhd_id);
  return Number.isInteger(id) ? NEIGHBORHOODS.find((n) => n.id === id) : undefined;
}

function featureLabel(f: GeoFeature): string {
  const p = f.properties ?? {};
  return String(p.NBHD_NAME ?? p.nbhd_name ?? p.name ?? p.NBHD_ID ?? '(unnamed)');
}

/** Parses and checks a neighborhoods GeoJSON; at least one feature must match a neighborhood. */
export function checkBoundaries(text: string): BoundariesCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { ok: false, error: 'it is not a GeoJSON FeatureCollection' };
  }
  const features = (fc.features as GeoFeature[]).filter(
    (f) => f?.type === 'Feature' && f.geometry && /Polygon$/.test(String(f.geometry.type)),
  );
  if (!features.length) return { ok: false, error: 'it has no Polygon or MultiPolygon features' };
  const unmatched = features.filter((f) => !featureNeighborhood(f)).map(featureLabel);
  const matched = features.length - unmatched.length;
  if (!matched) return { ok: false, error: 'none of its features is named after a Denver statistical neighborhood (NBHD_NAME)' };
  return { ok: true, features, matched, unmatched };
}

/** The features that match a neighborhood, as areas to locate points in (domain/locate). */
export function boundaryAreas(features: readonly GeoFeature[]): Area[] {
  const areas: Area[] = [];
  for (const f of features) {
    const n = featureNeighborhood(f);
    if (n) areas.push({ place: { name: n.name, slug: n.slug }, geometry: f.geometry });
  }
  return areas;
}

/** Stores `text` as the current boundaries and drops older ones. */
export function storeBoundariesSql(name: string, text: string, loadedAt: Date): string {
  return (
    `INSERT INTO boundaries VALUES (${str(name)}, ${literal(loadedAt)}, ${str(text)});\n` +
    `DELETE FROM boundaries WHERE loaded_at < (SELECT max(loaded_at) FROM boundaries)`
  );
}

let lastText: string | undefined;
let lastParsed: BoundariesCheck | undefined;

/** checkBoundaries, remembering the last text (the same GeoJSON is re-read on every filter change). */
export function checkBoundariesCached(text: string): BoundariesCheck {
  if (text !== lastText || !lastParsed) {
    lastParsed = checkBoundaries(text);
    lastText = text;
  }
  return lastParsed;
}

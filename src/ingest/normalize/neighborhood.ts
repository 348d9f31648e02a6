/**
 * Neighborhood values as either file writes them (311 display names, accident slugs, old
 * names) → canonical display name and slug.
 */
import { resolveNeighborhood, slugify } from '../../domain/neighborhoods';

/** `known` is false for a non-empty value that is not one of the 78 neighborhoods. */
export interface NeighborhoodResult {
  name: string;
  /** null only when an unknown value has no letters or digits. */
  slug: string | null;
  known: boolean;
}

function compute(value: string): NeighborhoodResult | null {
  const t = value.trim();
  if (t === '' || t === 'NULL' || t === 'null') return null;
  const info = resolveNeighborhood(t);
  if (info !== undefined) return { name: info.name, slug: info.slug, known: true };
  // Unknown: keep the text as the name so nothing is lost; the slug still joins equal spellings.
  const slug = slugify(t);
  return { name: t, slug: slug === '' ? null : slug, known: false };
}

const cache = new Map<string, NeighborhoodResult | null>();
const CACHE_LIMIT = 10_000;

/** Canonical neighborhood of a value, or null when blank (cached per distinct value). */
export function normNeighborhood(value: string): NeighborhoodResult | null {
  let r = cache.get(value);
  if (r === undefined) {
    r = compute(value);
    if (cache.size < CACHE_LIMIT) cache.set(value, r);
  }
  return r;
}

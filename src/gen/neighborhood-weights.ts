/**
 * Per-neighborhood activity for a seed. A shared latent L (standard normal per neighborhood)
 * drives both datasets, each with its own noise, which gives a real but imperfect positive
 * link between a neighborhood's 311 volume (strongest for street, traffic and snow requests)
 * and its accidents; the expected rank correlation is about 0.5.
 *
 *   311 weight        = exp(0.55 L + 0.45 u)
 *   311 street weight = 311 weight · exp(0.3 L)
 *   accident weight   = exp(0.6 L + 0.5 v) · (1.6 at the airport and highway neighborhoods)
 */
import { NEIGHBORHOOD_GEO, type NeighborhoodGeo } from './geography';
import { Rng, WeightedTable } from './prng';
import { highwaysFor } from './streets';

export interface NeighborhoodActivity {
  readonly geo: NeighborhoodGeo;
  readonly latent: number;
  readonly serviceWeight: number;
  readonly streetWeight: number;
  readonly accidentWeight: number;
}

export interface NeighborhoodTables {
  readonly activity: readonly NeighborhoodActivity[];
  readonly service: WeightedTable<NeighborhoodGeo>;
  readonly street: WeightedTable<NeighborhoodGeo>;
  readonly accident: WeightedTable<NeighborhoodGeo>;
}

/** Activity of each neighborhood for a seed (a pure function of the seed). */
export function neighborhoodActivity(seed: number): readonly NeighborhoodActivity[] {
  return NEIGHBORHOOD_GEO.map((geo) => {
    const rng = Rng.from(seed, 'neighborhood', geo.info.id);
    const latent = rng.normal();
    const u = rng.normal();
    const v = rng.normal();
    const airport = geo.info.slug === 'dia';
    const serviceWeight = Math.exp(0.55 * latent + 0.45 * u) * (airport ? 0.15 : 1);
    const highway = highwaysFor(geo.info.slug).length > 0 ? 1.6 : 1;
    return {
      geo,
      latent,
      serviceWeight,
      streetWeight: serviceWeight * Math.exp(0.3 * latent),
      accidentWeight: Math.exp(0.6 * latent + 0.5 * v) * highway,
    };
  });
}

const cache = new Map<number, NeighborhoodTables>();

/** Weighted neighborhood tables for a seed, built once per seed. */
export function neighborhoodTables(seed: number): NeighborhoodTables {
  let tables = cache.get(seed);
  if (!tables) {
    const activity = neighborhoodActivity(seed);
    tables = {
      activity,
      service: new WeightedTable(activity.map((a) => [a.geo, a.serviceWeight] as const)),
      street: new WeightedTable(activity.map((a) => [a.geo, a.streetWeight] as const)),
      accident: new WeightedTable(activity.map((a) => [a.geo, a.accidentWeight] as const)),
    };
    cache.set(seed, tables);
  }
  return tables;
}

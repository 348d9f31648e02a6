/** Counters a BatchBuilder keeps about what normalization did to a file. */

/** Counters over a builder's whole life (they are not reset by flush). */
export interface BatchStats {
  accepted: number;
  rejected: number;
  /** Rows per coord_flag value (`missing`, `zero`, `lon_eq_lat`, `swapped`, `out_of_city`). */
  coordFlags: Record<string, number>;
  /** Rows whose status was rewritten to a canonical one (status_raw set). */
  statusFixed: number;
  /** Rows whose status is not a known one (kept as written). */
  statusUnknown: number;
  /** Rows with a non-empty neighborhood that is not one of the 78. */
  unknownNeighborhoods: number;
  /** Distinct unknown neighborhood texts with their row counts (first 100 distinct). */
  unknownNeighborhoodNames: Record<string, number>;
  /** Per store column: present values that could not be read and were stored as NULL. */
  invalidValues: Record<string, number>;
  /** Records with unescaped quotes inside a quoted field, read as their writer meant them. */
  strayQuotes: number;
}

const MAX_UNKNOWN_NAMES = 100;

/** Fresh, all-zero counters. */
export function createStats(): BatchStats {
  return {
    accepted: 0,
    rejected: 0,
    coordFlags: {},
    statusFixed: 0,
    statusUnknown: 0,
    unknownNeighborhoods: 0,
    unknownNeighborhoodNames: {},
    invalidValues: {},
    strayQuotes: 0,
  };
}

/** Adds one to a keyed counter. */
export function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts a row with an unknown neighborhood, remembering the first 100 distinct texts. */
export function countUnknownNeighborhood(stats: BatchStats, name: string): void {
  stats.unknownNeighborhoods++;
  const names = stats.unknownNeighborhoodNames;
  if (names[name] !== undefined) names[name]++;
  else if (Object.keys(names).length < MAX_UNKNOWN_NAMES) names[name] = 1;
}

/** Adds the counters of `from` (another parser's, over other records of the file) to `into`. */
export function mergeStats(into: BatchStats, from: BatchStats): BatchStats {
  into.accepted += from.accepted;
  into.rejected += from.rejected;
  into.statusFixed += from.statusFixed;
  into.statusUnknown += from.statusUnknown;
  into.unknownNeighborhoods += from.unknownNeighborhoods;
  into.strayQuotes += from.strayQuotes;
  for (const [k, n] of Object.entries(from.coordFlags)) into.coordFlags[k] = (into.coordFlags[k] ?? 0) + n;
  for (const [k, n] of Object.entries(from.invalidValues)) into.invalidValues[k] = (into.invalidValues[k] ?? 0) + n;
  const names = into.unknownNeighborhoodNames;
  for (const [k, n] of Object.entries(from.unknownNeighborhoodNames)) {
    if (names[k] !== undefined) names[k] += n;
    else if (Object.keys(names).length < MAX_UNKNOWN_NAMES) names[k] = n;
  }
  return into;
}

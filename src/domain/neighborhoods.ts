/**
 * Denver's 78 statistical neighborhoods: current display name, slug (as the accidents file
 * writes it), known aliases (renames, 2014 spellings), and an approximate centroid (lon, lat)
 * used by the synthetic data generator. Names and rough locations are public facts; no
 * boundary data is embedded here.
 */
export interface NeighborhoodInfo {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
  readonly aliases: readonly string[];
  readonly lon: number;
  readonly lat: number;
}

export const NEIGHBORHOODS: readonly NeighborhoodInfo[] = [
  { id: 1, name: "Athmar Park", slug: "athmar-park", aliases: [], lon: -105.0104, lat: 39.7036 },
  { id: 2, name: "Auraria", slug: "auraria", aliases: [], lon: -105.0083, lat: 39.7458 },
  { id: 3, name: "Baker", slug: "baker", aliases: [], lon: -104.9962, lat: 39.7152 },
  { id: 4, name: "Barnum", slug: "barnum", aliases: [], lon: -105.0324, lat: 39.7184 },
  { id: 5, name: "Barnum West", slug: "barnum-west", aliases: [], lon: -105.0465, lat: 39.7185 },
  { id: 6, name: "Bear Valley", slug: "bear-valley", aliases: [], lon: -105.0656, lat: 39.6611 },
  { id: 7, name: "Belcaro", slug: "belcaro", aliases: [], lon: -104.9505, lat: 39.7050 },
  { id: 8, name: "Berkeley", slug: "berkeley", aliases: [], lon: -105.0394, lat: 39.7767 },
  { id: 9, name: "Capitol Hill", slug: "capitol-hill", aliases: [], lon: -104.9802, lat: 39.7336 },
  { id: 10, name: "CBD", slug: "cbd", aliases: [], lon: -104.9932, lat: 39.7451 },
  { id: 11, name: "Chaffee Park", slug: "chaffee-park", aliases: [], lon: -105.0121, lat: 39.7876 },
  { id: 12, name: "Cheesman Park", slug: "cheesman-park", aliases: [], lon: -104.9664, lat: 39.7346 },
  { id: 13, name: "Cherry Creek", slug: "cherry-creek", aliases: [], lon: -104.9493, lat: 39.7194 },
  { id: 14, name: "City Park", slug: "city-park", aliases: [], lon: -104.9502, lat: 39.7456 },
  { id: 15, name: "City Park West", slug: "city-park-west", aliases: [], lon: -104.9666, lat: 39.7454 },
  { id: 16, name: "Civic Center", slug: "civic-center", aliases: [], lon: -104.9912, lat: 39.7354 },
  { id: 17, name: "Clayton", slug: "clayton", aliases: [], lon: -104.9501, lat: 39.7674 },
  { id: 18, name: "Cole", slug: "cole", aliases: [], lon: -104.9662, lat: 39.7672 },
  { id: 19, name: "College View - South Platte", slug: "college-view-south-platte", aliases: ["College View / South Platte"], lon: -105.0132, lat: 39.6724 },
  { id: 20, name: "Congress Park", slug: "congress-park", aliases: [], lon: -104.9503, lat: 39.7329 },
  { id: 21, name: "Cory - Merrill", slug: "cory-merrill", aliases: [], lon: -104.9498, lat: 39.6905 },
  { id: 22, name: "Country Club", slug: "country-club", aliases: [], lon: -104.9660, lat: 39.7223 },
  { id: 23, name: "DIA", slug: "dia", aliases: [], lon: -104.6867, lat: 39.8579 },
  { id: 24, name: "East Colfax", slug: "east-colfax", aliases: [], lon: -104.8945, lat: 39.7407 },
  { id: 25, name: "Elyria Swansea", slug: "elyria-swansea", aliases: [], lon: -104.9576, lat: 39.7825 },
  { id: 26, name: "Five Points", slug: "five-points", aliases: [], lon: -104.9834, lat: 39.7591 },
  { id: 27, name: "Fort Logan", slug: "fort-logan", aliases: [], lon: -105.0480, lat: 39.6416 },
  { id: 28, name: "Gateway - Green Valley Ranch", slug: "gateway-green-valley-ranch", aliases: ["Gateway / Green Valley Ranch"], lon: -104.7708, lat: 39.7849 },
  { id: 29, name: "Globeville", slug: "globeville", aliases: [], lon: -104.9868, lat: 39.7805 },
  { id: 30, name: "Goldsmith", slug: "goldsmith", aliases: [], lon: -104.9147, lat: 39.6738 },
  { id: 31, name: "Hale", slug: "hale", aliases: [], lon: -104.9316, lat: 39.7329 },
  { id: 32, name: "Hampden", slug: "hampden", aliases: [], lon: -104.8908, lat: 39.6610 },
  { id: 33, name: "Hampden South", slug: "hampden-south", aliases: [], lon: -104.8969, lat: 39.6407 },
  { id: 34, name: "Harvey Park", slug: "harvey-park", aliases: [], lon: -105.0411, lat: 39.6753 },
  { id: 35, name: "Harvey Park South", slug: "harvey-park-south", aliases: [], lon: -105.0399, lat: 39.6610 },
  { id: 36, name: "Highland", slug: "highland", aliases: [], lon: -105.0123, lat: 39.7633 },
  { id: 37, name: "Hilltop", slug: "hilltop", aliases: [], lon: -104.9243, lat: 39.7187 },
  { id: 38, name: "Indian Creek", slug: "indian-creek", aliases: [], lon: -104.8976, lat: 39.6848 },
  { id: 39, name: "Jefferson Park", slug: "jefferson-park", aliases: [], lon: -105.0192, lat: 39.7522 },
  { id: 40, name: "Kennedy", slug: "kennedy", aliases: [], lon: -104.8635, lat: 39.6539 },
  { id: 41, name: "Lincoln Park", slug: "lincoln-park", aliases: [], lon: -105.0049, lat: 39.7325 },
  { id: 42, name: "Lowry Field", slug: "lowry-field", aliases: [], lon: -104.8906, lat: 39.7194 },
  { id: 43, name: "Mar Lee", slug: "mar-lee", aliases: [], lon: -105.0391, lat: 39.6895 },
  { id: 44, name: "Marston", slug: "marston", aliases: [], lon: -105.0789, lat: 39.6275 },
  { id: 45, name: "Montbello", slug: "montbello", aliases: [], lon: -104.8373, lat: 39.7860 },
  { id: 46, name: "Montclair", slug: "montclair", aliases: [], lon: -104.9130, lat: 39.7329 },
  { id: 47, name: "North Capitol Hill", slug: "north-capitol-hill", aliases: [], lon: -104.9809, lat: 39.7436 },
  { id: 48, name: "North Park Hill", slug: "north-park-hill", aliases: [], lon: -104.9220, lat: 39.7565 },
  { id: 49, name: "Northeast Park Hill", slug: "northeast-park-hill", aliases: [], lon: -104.9233, lat: 39.7745 },
  { id: 50, name: "Overland", slug: "overland", aliases: [], lon: -104.9931, lat: 39.6814 },
  { id: 51, name: "Platt Park", slug: "platt-park", aliases: [], lon: -104.9811, lat: 39.6866 },
  { id: 52, name: "Regis", slug: "regis", aliases: [], lon: -105.0440, lat: 39.7876 },
  { id: 53, name: "Rosedale", slug: "rosedale", aliases: [], lon: -104.9805, lat: 39.6731 },
  { id: 54, name: "Ruby Hill", slug: "ruby-hill", aliases: [], lon: -105.0112, lat: 39.6900 },
  { id: 55, name: "Skyland", slug: "skyland", aliases: [], lon: -104.9502, lat: 39.7565 },
  { id: 56, name: "Sloan Lake", slug: "sloan-lake", aliases: [], lon: -105.0398, lat: 39.7516 },
  { id: 57, name: "South Park Hill", slug: "south-park-hill", aliases: [], lon: -104.9221, lat: 39.7456 },
  { id: 58, name: "Southmoor Park", slug: "southmoor-park", aliases: [], lon: -104.9167, lat: 39.6403 },
  { id: 59, name: "Speer", slug: "speer", aliases: [], lon: -104.9803, lat: 39.7192 },
  { id: 60, name: "Central Park", slug: "central-park", aliases: ["Stapleton", "stapleton"], lon: -104.8791, lat: 39.7766 },
  { id: 61, name: "Sun Valley", slug: "sun-valley", aliases: [], lon: -105.0211, lat: 39.7358 },
  { id: 62, name: "Sunnyside", slug: "sunnyside", aliases: [], lon: -105.0119, lat: 39.7765 },
  { id: 63, name: "Union Station", slug: "union-station", aliases: [], lon: -105.0004, lat: 39.7534 },
  { id: 64, name: "University", slug: "university", aliases: [], lon: -104.9664, lat: 39.6745 },
  { id: 65, name: "University Hills", slug: "university-hills", aliases: [], lon: -104.9326, lat: 39.6645 },
  { id: 66, name: "University Park", slug: "university-park", aliases: [], lon: -104.9502, lat: 39.6759 },
  { id: 67, name: "Valverde", slug: "valverde", aliases: [], lon: -105.0152, lat: 39.7172 },
  { id: 68, name: "Villa Park", slug: "villa-park", aliases: [], lon: -105.0392, lat: 39.7305 },
  { id: 69, name: "Virginia Village", slug: "virginia-village", aliases: [], lon: -104.9242, lat: 39.6868 },
  { id: 70, name: "Washington Park", slug: "washington-park", aliases: [], lon: -104.9663, lat: 39.7012 },
  { id: 71, name: "Washington Park West", slug: "washington-park-west", aliases: [], lon: -104.9799, lat: 39.7026 },
  { id: 72, name: "Washington Virginia Vale", slug: "washington-virginia-vale", aliases: [], lon: -104.9152, lat: 39.7015 },
  { id: 73, name: "Wellshire", slug: "wellshire", aliases: [], lon: -104.9495, lat: 39.6606 },
  { id: 74, name: "West Colfax", slug: "west-colfax", aliases: [], lon: -105.0386, lat: 39.7400 },
  { id: 75, name: "West Highland", slug: "west-highland", aliases: [], lon: -105.0392, lat: 39.7640 },
  { id: 76, name: "Westwood", slug: "westwood", aliases: [], lon: -105.0392, lat: 39.7040 },
  { id: 77, name: "Whittier", slug: "whittier", aliases: [], lon: -104.9666, lat: 39.7564 },
  { id: 78, name: "Windsor", slug: "windsor", aliases: [], lon: -104.8858, lat: 39.7033 },
];

/** Lower-case, each run of non-alphanumerics becomes one `-`: "Cory - Merrill" → "cory-merrill". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const bySlug = new Map<string, NeighborhoodInfo>();
for (const n of NEIGHBORHOODS) {
  bySlug.set(n.slug, n);
  for (const alias of n.aliases) bySlug.set(slugify(alias), n);
}

/**
 * Resolves a neighborhood as any file writes it (display name, slug, old name, 2014 spelling,
 * any case or padding) to the canonical entry, or undefined when it is not one of the 78.
 */
export function resolveNeighborhood(raw: string): NeighborhoodInfo | undefined {
  const key = slugify(raw);
  return key === '' ? undefined : bySlug.get(key);
}

/**
 * Street addresses that agree with a point: Denver's grid numbers houses 100 per block from
 * Broadway (east/west) and Ellsworth Avenue (north/south), so a point's longitude gives the
 * house number along an avenue and its latitude the number along a street. The block sizes
 * are rough fits, the street lists partial; downtown and the airport get their own lists.
 */
import type { Rng } from './prng';

/** North–south streets by their east (+) / west (−) block number. */
const NS: readonly (readonly [string, number])[] = [
  ['Wadsworth Blvd', -75], ['Saulsbury St', -70], ['Harlan St', -62], ['Depew St', -58], ['Pierce St', -54],
  ['Sheridan Blvd', -52], ['Yates St', -49], ['Wolff St', -47], ['Vrain St', -46], ['Tennyson St', -44],
  ['Raleigh St', -42], ['Perry St', -40], ['Newton St', -38], ['Lowell Blvd', -36], ['King St', -35],
  ['Irving St', -33], ['Grove St', -31], ['Federal Blvd', -30], ['Eliot St', -27], ['Clay St', -25],
  ['Zuni St', -24], ['Tejon St', -22], ['Pecos St', -20], ['Osage St', -15], ['Navajo St', -14],
  ['Mariposa St', -13], ['Lipan St', -12], ['Kalamath St', -11], ['Jason St', -10], ['Inca St', -9],
  ['Galapago St', -7], ['Fox St', -6], ['Elati St', -5], ['Delaware St', -4], ['Cherokee St', -3],
  ['Bannock St', -2], ['Acoma St', -1], ['Broadway', 0], ['Lincoln St', 1], ['Sherman St', 2], ['Grant St', 3],
  ['Logan St', 4], ['Pennsylvania St', 5], ['Pearl St', 6], ['Washington St', 7], ['Clarkson St', 8],
  ['Emerson St', 9], ['Ogden St', 10], ['Downing St', 11], ['Corona St', 12], ['Marion St', 13],
  ['Lafayette St', 14], ['Humboldt St', 15], ['Franklin St', 16], ['Gilpin St', 17], ['Williams St', 18],
  ['High St', 19], ['Race St', 20], ['Vine St', 21], ['Gaylord St', 22], ['York St', 23], ['Josephine St', 24],
  ['Columbine St', 25], ['Elizabeth St', 26], ['Clayton St', 27], ['Cook St', 28], ['Fillmore St', 29],
  ['Garfield St', 30], ['Jackson St', 31], ['Harrison St', 32], ['Madison St', 33], ['Monroe St', 34],
  ['Steele St', 35], ['Adams St', 36], ['Colorado Blvd', 40], ['Ash St', 41], ['Bellaire St', 42],
  ['Birch St', 43], ['Clermont St', 44], ['Dexter St', 46], ['Eudora St', 47], ['Forest St', 48],
  ['Glencoe St', 50], ['Hudson St', 52], ['Holly St', 56], ['Jasmine St', 58], ['Krameria St', 61],
  ['Locust St', 63], ['Monaco Pkwy', 65], ['Niagara St', 67], ['Oneida St', 68], ['Pontiac St', 69],
  ['Quebec St', 72], ['Syracuse St', 76], ['Uinta St', 80], ['Yosemite St', 88], ['Havana St', 104],
  ['Moline St', 108], ['Peoria St', 120], ['Chambers Rd', 153], ['Tower Rd', 183], ['Picadilly Rd', 200],
];

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** East–west avenues by their north (+) / south (−) block number. */
const EW: readonly (readonly [string, number])[] = [
  ['Belleview Ave', -50], ['Quincy Ave', -43], ['Mansfield Ave', -40], ['Hampden Ave', -35], ['Girard Ave', -33],
  ['Dartmouth Ave', -31], ['Yale Ave', -27], ['Warren Ave', -24], ['Iliff Ave', -22], ['Evans Ave', -21],
  ['Jewell Ave', -19], ['Florida Ave', -15], ['Louisiana Ave', -13], ['Mississippi Ave', -11], ['Kentucky Ave', -10],
  ['Ohio Ave', -9], ['Exposition Ave', -8], ['Virginia Ave', -4], ['Alameda Ave', -3], ['Cedar Ave', -2],
  ['Bayaud Ave', -1], ['Ellsworth Ave', 0],
  ...Array.from({ length: 64 }, (_, i): readonly [string, number] => [i + 1 === 15 ? 'Colfax Ave' : `${ordinal(i + 1)} Ave`, i + 1]),
];

const DOWNTOWN_NAMED = ['Wynkoop St', 'Wazee St', 'Blake St', 'Market St', 'Larimer St', 'Lawrence St', 'Arapahoe St', 'Curtis St', 'Champa St', 'Stout St', 'California St', 'Welton St', 'Glenarm Pl'];
const AIRPORT = ['E 75th Ave', 'E 78th Ave', 'Jackson Gap St', 'Tower Rd', 'E 56th Ave'];

/** A point on a street: house number, street (with direction prefix) and a cross street. */
export interface StreetSpot {
  readonly number: number;
  readonly street: string;
  readonly cross: string;
}

/** Blocks east (+) / west (−) of Broadway at a longitude. */
export function blocksEast(lon: number): number {
  const d = lon + 104.9875;
  return d >= 0 ? d / 0.001165 : d / 0.00125;
}

/** Blocks north (+) / south (−) of Ellsworth Avenue at a latitude (clamped to the grid). */
export function blocksNorth(lat: number): number {
  const d = lat - 39.7165;
  if (d < 0) return Math.max(-55, d / 0.0018);
  if (lat <= 39.7467) return d / 0.00151;
  return Math.min(64, 20 + (lat - 39.7467) / 0.00127);
}

function nearest(list: readonly (readonly [string, number])[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][1] < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(list[lo - 1][1] - value) < Math.abs(list[lo][1] - value)) return lo - 1;
  return lo;
}

const houseNumber = (rng: Rng, blocks: number): number => Math.max(1, Math.floor(Math.abs(blocks)) * 100 + rng.int(100));

/** A street (with N/S/E/W prefix) and its cross street near a point. */
export function streetSpot(rng: Rng, lon: number, lat: number, area: 'grid' | 'downtown' | 'airport'): StreetSpot {
  if (area === 'airport') {
    return { number: 8100 + rng.int(1800), street: 'Pena Blvd', cross: rng.pick(AIRPORT) };
  }
  if (area === 'downtown') {
    const i = rng.int(DOWNTOWN_NAMED.length);
    const n = 14 + rng.int(9);
    return { number: 1000 + i * 100 + rng.int(100), street: DOWNTOWN_NAMED[i], cross: `${ordinal(n)} St` };
  }
  const x = blocksEast(lon);
  const y = blocksNorth(lat);
  const ew = (i: number): string => `${x >= 0 ? 'E' : 'W'} ${EW[Math.min(EW.length - 1, Math.max(0, i))][0]}`;
  const ns = (i: number): string => `${y >= 0 ? 'N' : 'S'} ${NS[Math.min(NS.length - 1, Math.max(0, i))][0]}`;
  const jitter = (): number => (rng.chance(0.5) ? 0 : rng.chance(0.5) ? 1 : -1);
  if (rng.chance(0.5)) {
    return { number: houseNumber(rng, y), street: ns(nearest(NS, x) + jitter()), cross: ew(nearest(EW, y)) };
  }
  return { number: houseNumber(rng, x), street: ew(nearest(EW, y) + jitter()), cross: ns(nearest(NS, x)) };
}

const HIGHWAYS: Readonly<Record<string, readonly string[]>> = {
  I25: ['globeville', 'sunnyside', 'jefferson-park', 'sun-valley', 'valverde', 'baker', 'overland', 'platt-park', 'rosedale', 'university', 'wellshire', 'goldsmith', 'hampden-south', 'southmoor-park', 'highland', 'chaffee-park'],
  I70: ['globeville', 'elyria-swansea', 'northeast-park-hill', 'central-park', 'montbello', 'gateway-green-valley-ranch', 'berkeley', 'regis', 'chaffee-park', 'sunnyside'],
  I225: ['hampden', 'hampden-south'],
  US6: ['sun-valley', 'villa-park', 'barnum', 'barnum-west', 'valverde'],
  PENA: ['dia', 'gateway-green-valley-ranch'],
};

const HIGHWAY_SIDES: Readonly<Record<string, readonly string[]>> = {
  I25: ['I25 HWYNB', 'I25 HWYSB'],
  I70: ['I70 HWYEB', 'I70 HWYWB'],
  I225: ['I225 HWYNB', 'I225 HWYSB'],
  US6: ['US6 HWYEB', 'US6 HWYWB'],
  PENA: ['PENA BLVD OUTBOUND', 'PENA BLVD INBOUND'],
};

/** Highway carriageways (as the accidents file spells them) crossing a neighborhood. */
export function highwaysFor(slug: string): readonly string[] {
  const found: string[] = [];
  for (const [key, slugs] of Object.entries(HIGHWAYS)) if (slugs.includes(slug)) found.push(...HIGHWAY_SIDES[key]);
  return found;
}

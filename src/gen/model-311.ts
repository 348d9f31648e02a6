/**
 * One day of 311 cases: a pure function of (seed, scale, day). Each type's daily count is
 * Poisson around its share of ~1,180 cases a day, moved by season, day of week, holidays and
 * snow (the same day and the day after); each case then gets a channel, a creation time, a
 * neighborhood, an address, coordinates, a summary and its true closing time. Whether the
 * closing shows in a file depends on the file's window and is decided when formatting.
 */
import { REQUEST_TYPES, SOURCES, usesStreetWeights, type RequestType } from './catalog-311';
import { dayOfWeek } from './civil-date';
import { drawCoordState, pointNear, writePoint, type CoordRates, type CoordState } from './coordinates';
import { DENVER_ZIPS, METRO_ZIPS, type NeighborhoodGeo } from './geography';
import { neighborhoodTables } from './neighborhood-weights';
import { Rng, WeightedTable } from './prng';
import { dayFactor, seasonFactor } from './seasonality';
import { streetSpot } from './streets';
import { caseSummary } from './summaries-311';
import { isNonexistentDenverTime } from './denver-time';
import { serviceRequestTime } from './time-profiles';
import { snowIntensity } from './weather';

/** Expected cases per day at scale 1, before weather. */
export const SERVICE_REQUESTS_PER_DAY = 1120;

export interface ServiceRequest {
  readonly day: number;
  /** Position within the day after sorting by creation time. */
  index: number;
  readonly type: RequestType;
  /** The Type cell as written: usually the type, sometimes padded or with a no-break space. */
  readonly typeText: string;
  readonly source: string;
  /** Local seconds. */
  readonly created: number;
  /** True closing time in local seconds; null when the case is never closed. */
  readonly closed: number | null;
  /** Status written while the case is open. */
  readonly openStatus: 'Open' | 'In Progress';
  /** Uniform draw deciding a status typo/synonym (see format-311). */
  readonly statusDraw: number;
  readonly paddedClose: boolean;
  readonly summary: string;
  readonly customerZip: string;
  readonly address1: string;
  readonly address2: string;
  readonly intersection1: string;
  readonly intersection2: string;
  readonly incidentZip: string;
  readonly lon: string;
  readonly lat: string;
  readonly coordState: CoordState;
  readonly councilDistrict: string;
  readonly policeDistrict: string;
  readonly neighborhood: string;
  /** -1: no duplicate line; k ≥ 0: an identical line follows after k more cases of the day. */
  readonly duplicateAfter: number;
}

const LOCATED_RATES: CoordRates = { blank: 0.47, zero: 0.115, lon_eq_lat: 0.069, swapped: 0.004, out_of_city: 0.007 };
const UNLOCATED_RATES: CoordRates = { blank: 0.8, zero: 0.2, lon_eq_lat: 0, swapped: 0, out_of_city: 0 };
const TOTAL_SHARE = REQUEST_TYPES.reduce((sum, t) => sum + t.share, 0);
const INFO_SOURCES = new WeightedTable(SOURCES.info);
const FIELD_SOURCES = new WeightedTable(SOURCES.field);
const UNITS = ['Apt 1', 'Apt 2B', 'Apt 305', 'Unit 12', 'Unit 210', 'Rear', 'Basement', '# 4'];

function weatherFactor(type: RequestType, snowToday: number, snowYesterday: number): number {
  switch (type.group) {
    case 'snow':
      return 1 + 3 * snowToday + 1.5 * snowYesterday;
    case 'street':
      return 1 + 0.2 * snowToday + 0.4 * snowYesterday;
    case 'traffic':
      return 1 + 0.2 * snowToday;
    default:
      return 1;
  }
}

function typeText(rng: Rng, type: string): string {
  const roll = rng.next();
  if (roll < 0.008) return rng.chance(0.5) ? `${type} ` : `${type}   `;
  if (roll < 0.012 && type.includes(' ')) return type.replace(' ', '\u00A0');
  return type;
}

function customerZip(rng: Rng, geo: NeighborhoodGeo): string {
  const roll = rng.next();
  if (roll < 0.25) return '';
  if (roll < 0.27) return '00000';
  const zip = roll < 0.75 ? geo.zips[0] : roll < 0.9 ? rng.pick(DENVER_ZIPS) : rng.pick(METRO_ZIPS);
  return rng.chance(0.03) ? `${zip}-${String(1000 + rng.int(9000))}` : zip;
}

function makeCase(rng: Rng, seed: number, day: number, type: RequestType): ServiceRequest {
  const tables = neighborhoodTables(seed);
  const info = type.group === 'info';
  const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
  let source = (info ? INFO_SOURCES : FIELD_SOURCES).draw(rng);
  if (weekend && source === 'Walk-in') source = 'Web';
  const created = serviceRequestTime(rng, day, source, weekend);
  const geo = (usesStreetWeights(type.group) ? tables.street : tables.service).draw(rng);
  const located = rng.chance(info ? 0.3 : 0.97);
  const point = pointNear(rng, geo);
  const area = geo.info.slug === 'dia' ? 'airport' : geo.downtown ? 'downtown' : 'grid';
  const spot = located ? streetSpot(rng, point.lon, point.lat, area) : null;
  const place = rng.next();
  const coordState = drawCoordState(rng, located ? LOCATED_RATES : UNLOCATED_RATES);
  const written = writePoint(rng, coordState, point, 8);
  const roll = rng.next();
  let closed: number | null = null;
  if (roll < type.closedAtCreation) closed = created;
  else if (roll >= type.closedAtCreation + type.neverClosed) {
    closed = created + Math.round(Math.max(120, rng.logNormal(type.medianHours * 3600, type.sigma)));
    if (isNonexistentDenverTime(closed)) closed += 3600;
  }
  const districtsBlank = !located || rng.chance(0.02);
  return {
    day,
    index: 0,
    type,
    typeText: typeText(rng, type.type),
    source,
    created,
    closed,
    openStatus: rng.chance(0.6) ? 'Open' : 'In Progress',
    statusDraw: rng.next(),
    paddedClose: rng.chance(0.1),
    summary: caseSummary(rng, type, spot ? spot.cross : ''),
    customerZip: customerZip(rng, geo),
    address1: spot && place < 0.8 ? `${spot.number} ${spot.street}` : '',
    address2: spot && rng.chance(0.03) ? rng.pick(UNITS) : '',
    intersection1: spot && place >= 0.75 ? spot.street : '',
    intersection2: spot && place >= 0.75 ? spot.cross : '',
    incidentZip: located ? geo.zips[rng.chance(0.85) ? 0 : 1] : '',
    lon: written.lon,
    lat: written.lat,
    coordState,
    councilDistrict: districtsBlank ? '' : String(geo.councilDistrict),
    policeDistrict: districtsBlank ? '' : String(geo.policeDistrict),
    neighborhood: located ? geo.info.name : '',
    duplicateAfter: rng.chance(0.005) ? (rng.chance(0.7) ? 0 : rng.between(1, 3)) : -1,
  };
}

/** The day's cases in file order (by creation time), with `index` set. */
export function serviceRequestsForDay(seed: number, scale: number, day: number): ServiceRequest[] {
  const rng = Rng.from(seed, 'service_requests', day);
  const snowToday = snowIntensity(seed, day);
  const snowYesterday = snowIntensity(seed, day - 1);
  const cases: ServiceRequest[] = [];
  for (const type of REQUEST_TYPES) {
    const lambda =
      scale *
      SERVICE_REQUESTS_PER_DAY *
      (type.share / TOTAL_SHARE) *
      seasonFactor(type.season, day) *
      dayFactor(type.group === 'info' ? 'info' : 'field', day) *
      weatherFactor(type, snowToday, snowYesterday);
    const count = rng.poisson(lambda);
    for (let i = 0; i < count; i++) cases.push(makeCase(rng, seed, day, type));
  }
  cases.sort((a, b) => a.created - b.created);
  cases.forEach((c, i) => (c.index = i));
  return cases;
}

/**
 * One day of traffic accidents, by reported date: a pure function of (seed, scale, day).
 * About 65 a day at scale 1, more on Fridays and snow days; reported times peak at the
 * commutes and on Friday/Saturday nights; DUI crashes cluster at night. Each accident is
 * placed in a neighborhood drawn from the accident weights (see neighborhood-weights), and
 * carries the draws that decide its preliminary version (see format-accident).
 */
import { accidentDetails, type AccidentDetails } from './accident-details';
import { civilFromDays, dayOfWeek, dayOfYear } from './civil-date';
import { drawCoordState, pointNear, writePoint, type CoordRates, type CoordState, type Point } from './coordinates';
import { isNonexistentDenverTime } from './denver-time';
import { neighborhoodTables } from './neighborhood-weights';
import { Rng, WeightedTable } from './prng';
import { dayFactor } from './seasonality';
import { highwaysFor, streetSpot } from './streets';
import { accidentTime, isNightHour } from './time-profiles';
import { snowIntensity } from './weather';

/** Expected accidents per day at scale 1, before weather. */
export const ACCIDENTS_PER_DAY = 63;

export interface Offense {
  readonly id: string;
  readonly code: number;
  readonly extension: number;
  readonly category: string;
  /** The 2021 layout's `top_traffic_accident_offense`. */
  readonly top: string;
}

export const OFFENSES: Readonly<Record<'accident' | 'hitAndRun' | 'dui' | 'assault', Offense>> = {
  accident: { id: 'traffic-accident', code: 5441, extension: 0, category: 'traffic-accident', top: 'TRAF - ACCIDENT' },
  hitAndRun: { id: 'traffic-accident-hit-and-run', code: 5401, extension: 0, category: 'traffic-accident', top: 'TRAF - ACCIDENT - HIT & RUN' },
  dui: { id: 'traffic-accident-dui-duid', code: 5420, extension: 0, category: 'traffic-accident', top: 'TRAF - ACCIDENT - DUI/DUID' },
  assault: { id: 'traf-vehicular-assault', code: 5455, extension: 0, category: 'all-other-crimes', top: 'TRAF - VEHICULAR ASSAULT' },
};

// Shares from the 2014 sample (2955 / 1071 / 11), DUI drawn separately by hour.
const NON_DUI = new WeightedTable([[OFFENSES.accident, 2955], [OFFENSES.hitAndRun, 1071], [OFFENSES.assault, 11]] as const);
const COORD_RATES: CoordRates = { blank: 0.01, zero: 0.002, lon_eq_lat: 0, swapped: 0.0005, out_of_city: 0.002 };

export interface Accident {
  readonly day: number;
  /** Position within the day after sorting by reported time. */
  index: number;
  readonly offense: Offense;
  readonly reported: number;
  readonly first: number;
  readonly last: number | null;
  readonly micro: boolean;
  /** Upper-case address; '' when missing. */
  readonly address: string;
  readonly lon: string;
  readonly lat: string;
  readonly coordState: CoordState;
  /** The point behind GEO_X / GEO_Y; null when the coordinates are blank or zero. */
  readonly statePlaneOf: Point | null;
  readonly district: string;
  readonly precinct: string;
  readonly neighborhood: string;
  readonly bicycle: boolean;
  readonly pedestrian: boolean;
  readonly details: AccidentDetails;
  /** Uniform draw: below EDIT_RATE the record has a preliminary version (see format-accident). */
  readonly editDraw: number;
  readonly editKind: 'incomplete' | 'retyped';
  /** Write empty text cells as the two-space placeholder (2021 layout). */
  readonly placeholders: boolean;
  readonly titleCase: boolean;
  readonly paddedTop: boolean;
  /** -1: no duplicate line; k ≥ 0: an identical line follows after k more records of the day. */
  readonly duplicateAfter: number;
}

function dms(value: number, positive: string, negative: string): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = ((abs - d) * 60 - m) * 60;
  return `${d}°${String(m).padStart(2, '0')}'${s.toFixed(2).padStart(5, '0')}"${value >= 0 ? positive : negative}`;
}

function address(rng: Rng, slug: string, p: Point, area: 'grid' | 'downtown' | 'airport'): { text: string; intersection: boolean } {
  const roll = rng.next();
  if (roll < 0.05) return { text: '', intersection: false };
  if (roll < 0.051) return { text: `LAT:${dms(p.lat, 'N', 'S')} LONG:${dms(p.lon, 'E', 'W')}`, intersection: false };
  const spot = streetSpot(rng, p.lon, p.lat, area);
  const street = spot.street.toUpperCase();
  const cross = spot.cross.toUpperCase();
  const highways = highwaysFor(slug);
  if (highways.length > 0 && rng.chance(0.2)) return { text: `${rng.pick(highways)} / ${cross}`, intersection: true };
  const kind = rng.next();
  if (kind < 0.45) return { text: `${street} / ${cross}`, intersection: true };
  if (kind < 0.9) return { text: `${Math.floor(spot.number / 100) * 100} BLOCK ${street}`, intersection: false };
  return { text: `${spot.number} ${street}`, intersection: false };
}

function makeAccident(rng: Rng, seed: number, day: number, snowToday: number, snowYesterday: number): Accident {
  const reported = accidentTime(rng, day, dayOfWeek(day));
  const hour = Math.floor((reported - day * 86400) / 3600);
  const offense = rng.chance(isNightHour(hour) ? 0.1 : 0.012) ? OFFENSES.dui : NON_DUI.draw(rng);
  const hitAndRun = offense === OFFENSES.hitAndRun;
  const delay = rng.chance(hitAndRun ? 0.4 : 0.55) ? 0 : Math.min(5 * 86400, rng.logNormal(hitAndRun ? 2700 : 1200, hitAndRun ? 1.5 : 1));
  let first = reported - Math.round(delay);
  if (isNonexistentDenverTime(first)) first -= 3600;
  let last = rng.chance(0.01) ? first + 60 * rng.between(5, 240) : null;
  if (last !== null && isNonexistentDenverTime(last)) last += 3600;
  const geo = neighborhoodTables(seed).accident.draw(rng);
  const point = pointNear(rng, geo);
  const area = geo.info.slug === 'dia' ? 'airport' : geo.downtown ? 'downtown' : 'grid';
  const place = address(rng, geo.info.slug, point, area);
  const coordState = drawCoordState(rng, COORD_RATES);
  const written = writePoint(rng, coordState, point, 7);
  const vulnerable = rng.next();
  const bicycle = vulnerable < 0.015;
  const pedestrian = vulnerable >= 0.015 && vulnerable < 0.04;
  const details = accidentDetails(rng, {
    hour, month: civilFromDays(day).m, snowToday, snowYesterday, offenseId: offense.id, bicycle, pedestrian, intersection: place.intersection,
  });
  return {
    day, index: 0, offense, reported, first, last,
    micro: rng.chance(0.01),
    address: place.text !== '' && rng.chance(0.02) ? `${place.text}   ` : place.text,
    lon: written.lon, lat: written.lat, coordState,
    statePlaneOf: coordState === 'swapped' ? point : written.shown,
    district: rng.chance(0.003) ? 'UI' : String(geo.policeDistrict),
    precinct: String(rng.pick(geo.precincts)),
    neighborhood: rng.chance(0.005) ? '' : geo.info.slug,
    bicycle, pedestrian, details,
    editDraw: rng.next(),
    editKind: offense !== OFFENSES.accident && rng.chance(0.5) ? 'retyped' : 'incomplete',
    placeholders: rng.chance(0.3),
    titleCase: rng.chance(0.2),
    paddedTop: rng.chance(0.3),
    duplicateAfter: rng.chance(0.001) ? (rng.chance(0.7) ? 0 : rng.between(1, 3)) : -1,
  };
}

/** The day's accidents in file order (by reported time), with `index` set. */
export function accidentsForDay(seed: number, scale: number, day: number): Accident[] {
  const rng = Rng.from(seed, 'traffic_accidents', day);
  const snowToday = snowIntensity(seed, day);
  const snowYesterday = snowIntensity(seed, day - 1);
  const season = 1 + 0.08 * Math.cos((2 * Math.PI * (dayOfYear(day) - 15)) / 365);
  const lambda = scale * ACCIDENTS_PER_DAY * dayFactor('accident', day) * season * (1 + 0.45 * snowToday + 0.15 * snowYesterday);
  const count = rng.poisson(lambda);
  const records: Accident[] = [];
  for (let i = 0; i < count; i++) records.push(makeAccident(rng, seed, day, snowToday, snowYesterday));
  records.sort((a, b) => a.reported - b.reported);
  records.forEach((r, i) => (r.index = i));
  return records;
}

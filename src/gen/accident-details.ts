/**
 * The crash details the 2021 accidents layout adds: harmful events, road and light
 * conditions, two traffic units, injuries and fatalities. Conditions follow the weather and
 * the hour; pedestrian and bicycle crashes hurt people more often. Values are upper case as
 * published; `titleCase` gives the mixed-case spellings some records carry (`Daylight`).
 */
import { WeightedTable, type Rng } from './prng';

export interface AccidentDetails {
  readonly harmful: readonly [string, string, string];
  readonly roadLocation: string;
  readonly roadDescription: string;
  readonly roadContour: string;
  readonly roadCondition: string;
  readonly lightCondition: string;
  /** vehicle_type, travel_direction, vehicle_movement, driver_action, driver_humancontribfactor, pedestrian_action. */
  readonly tu1: readonly string[];
  readonly tu2: readonly string[];
  readonly seriouslyInjured: number;
  readonly fatalities: number;
  readonly fatalityModes: readonly [string, string];
  readonly injuredModes: readonly [string, string];
}

export interface DetailContext {
  readonly hour: number;
  readonly month: number;
  readonly snowToday: number;
  readonly snowYesterday: number;
  readonly offenseId: string;
  readonly bicycle: boolean;
  readonly pedestrian: boolean;
  readonly intersection: boolean;
}

const table = (entries: readonly (readonly [string, number])[]): WeightedTable<string> => new WeightedTable(entries);

const FIRST_EVENT = table([['REAR-END', 30], ['BROADSIDE', 18], ['SIDESWIPE (SAME DIRECTION)', 12], ['APPROACH TURN', 8], ['PARKED MOTOR VEHICLE', 12], ['LIGHT POLE/UTILITY POLE', 3], ['CURB', 3], ['FENCE', 2], ['TREE', 2], ['HEAD-ON', 2], ['OTHER NON-COLLISION', 2]]);
const LATER_EVENT = table([['PARKED MOTOR VEHICLE', 4], ['CURB', 3], ['OTHER FIXED OBJECT', 2], ['SIGN', 1], ['RAN OFF ROAD', 1]]);
const CONTOUR = table([['STRAIGHT-LEVEL', 80], ['STRAIGHT-GRADE', 10], ['CURVE-LEVEL', 6], ['CURVE-GRADE', 2], ['HILLCREST', 2]]);
const VEHICLE = table([['PASSENGER CAR/VAN', 50], ['SUV', 25], ['PICKUP TRUCK/UTILITY VAN', 15], ['MEDIUM/HEAVY TRUCK', 3], ['MOTORCYCLE', 2], ['BUS', 1], ['UNKNOWN', 4]]);
const DIRECTION = ['NORTHBOUND', 'SOUTHBOUND', 'EASTBOUND', 'WESTBOUND'];
const MOVEMENT = table([['GOING STRAIGHT', 50], ['MAKING LEFT TURN', 15], ['MAKING RIGHT TURN', 6], ['STOPPED IN TRAFFIC', 10], ['BACKING', 5], ['CHANGING LANES', 6], ['SLOWING', 4], ['PARKED', 4]]);
const ACTION = table([['NO CONTRIBUTING ACTION', 35], ['CARELESS DRIVING', 25], ['FOLLOWED TOO CLOSELY', 12], ['FAILED TO YIELD ROW', 12], ['RAN RED LIGHT', 5], ['EXCEEDED SPEED LIMIT', 4], ['LANE VIOLATION', 5]]);
const HUMAN = table([['NO APPARENT CONTRIBUTING FACTOR', 60], ['DISTRACTED - OTHER', 15], ['DISTRACTED - CELL PHONE', 5], ['DRIVER INEXPERIENCE', 5], ['ASLEEP OR FATIGUED', 2], ['EVADING LAW ENFORCEMENT', 1]]);
const PED_ACTION = ['CROSSING AT INTERSECTION - WITH SIGNAL', 'CROSSING AT INTERSECTION - AGAINST SIGNAL', 'CROSSING NOT AT INTERSECTION', 'WALKING IN ROADWAY', 'STANDING IN ROADWAY'];

/** Approximate sunrise / sunset (local hours) by month. */
const SUNRISE = [0, 7.3, 7.0, 7.0, 6.5, 5.8, 5.6, 5.7, 6.1, 6.6, 7.1, 6.6, 7.1];
const SUNSET = [0, 17.0, 17.6, 19.0, 19.5, 20.0, 20.4, 20.4, 19.9, 19.2, 18.4, 16.7, 16.5];

function light(rng: Rng, hour: number, month: number): string {
  const t = hour + 0.5;
  if (Math.abs(t - SUNRISE[month]) < 0.5 || Math.abs(t - SUNSET[month]) < 0.5) return 'DAWN OR DUSK';
  if (t > SUNRISE[month] && t < SUNSET[month]) return 'DAY LIGHT';
  return rng.chance(0.8) ? 'DARK-LIGHTED' : 'DARK-UNLIGHTED';
}

function roadCondition(rng: Rng, snowToday: number, snowYesterday: number): string {
  if (snowToday > 0) return rng.pick(snowToday > 1.2 ? ['SNOWY', 'SNOWY', 'ICY', 'SLUSHY'] : ['SNOWY', 'WET', 'SLUSHY', 'ICY']);
  if (snowYesterday > 0 && rng.chance(0.6)) return rng.pick(['ICY', 'WET', 'SLUSHY']);
  const roll = rng.next();
  return roll < 0.9 ? 'DRY' : roll < 0.98 ? 'WET' : 'FOREIGN MATERIAL';
}

/** Mixed-case spelling of a category value (`DAY LIGHT` → `Daylight`, `DARK-LIGHTED` → `Dark - Lighted`). */
export function titleCase(value: string): string {
  if (value === 'DAY LIGHT') return 'Daylight';
  return value
    .toLowerCase()
    .replace(/-/g, ' - ')
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/ Or /g, ' or ');
}

function unit(rng: Rng, ctx: DetailContext, first: boolean): string[] {
  const dui = ctx.offenseId === 'traffic-accident-dui-duid';
  const hitAndRun = ctx.offenseId === 'traffic-accident-hit-and-run';
  return [
    !first && hitAndRun && rng.chance(0.6) ? 'UNKNOWN' : VEHICLE.draw(rng),
    rng.pick(DIRECTION),
    MOVEMENT.draw(rng),
    first && dui ? 'DUI/DWAI' : ACTION.draw(rng),
    first && dui ? 'IMPAIRED' : HUMAN.draw(rng),
    '',
  ];
}

const INJURY_MODES = ['DRIVER', 'PASSENGER'];

export function accidentDetails(rng: Rng, ctx: DetailContext): AccidentDetails {
  const vulnerable = ctx.pedestrian ? 'PEDESTRIAN' : ctx.bicycle ? 'BICYCLIST' : '';
  const first = ctx.pedestrian ? 'PEDESTRIAN' : ctx.bicycle ? 'BICYCLE/MOTORIZED BICYCLE' : FIRST_EVENT.draw(rng);
  const second = rng.chance(0.35) ? LATER_EVENT.draw(rng) : '';
  const third = second !== '' && rng.chance(0.25) ? LATER_EVENT.draw(rng) : '';
  const tu1 = unit(rng, ctx, true);
  const singleVehicle = !ctx.pedestrian && !ctx.bicycle && /POLE|CURB|FENCE|TREE|NON-COLLISION/.test(first);
  const tu2 = singleVehicle ? ['', '', '', '', '', ''] : unit(rng, ctx, false);
  if (ctx.pedestrian) tu2.splice(0, 6, '', '', '', '', '', rng.pick(PED_ACTION));
  if (ctx.bicycle) tu2[0] = 'BICYCLE';
  const severe = vulnerable !== '' ? 0.15 : tu1[0] === 'MOTORCYCLE' ? 0.1 : ctx.offenseId === 'traf-vehicular-assault' ? 0.9 : 0.015;
  const seriouslyInjured = rng.chance(severe) ? (rng.chance(0.85) ? 1 : 2) : 0;
  const fatalities = rng.chance(vulnerable !== '' ? 0.02 : 0.002) ? 1 : 0;
  const mode = (): string => (vulnerable !== '' && rng.chance(0.8) ? vulnerable : rng.pick(INJURY_MODES));
  return {
    harmful: [first, second, third],
    roadLocation: rng.chance(0.9) ? 'ON ROADWAY' : rng.pick(['SHOULDER', 'PARKING LOT', 'RAMP', 'ALLEY']),
    roadDescription: ctx.intersection ? (rng.chance(0.8) ? 'AT INTERSECTION' : 'INTERSECTION RELATED') : rng.pick(['NON-INTERSECTION', 'NON-INTERSECTION', 'DRIVEWAY ACCESS RELATED', 'ALLEY RELATED']),
    roadContour: CONTOUR.draw(rng),
    roadCondition: roadCondition(rng, ctx.snowToday, ctx.snowYesterday),
    lightCondition: light(rng, ctx.hour, ctx.month),
    tu1,
    tu2,
    seriouslyInjured,
    fatalities,
    fatalityModes: [fatalities > 0 ? mode() : '', ''],
    injuredModes: [seriouslyInjured > 0 ? mode() : '', seriouslyInjured > 1 ? mode() : ''],
  };
}

/**
 * Writes an accident as the cells of one layout, for a file whose window ends at `windowEnd`
 * (local seconds, exclusive).
 *
 * Edits after the fact: a record with `editDraw < EDIT_RATE` whose reported time is within
 * EDIT_WINDOW_DAYS of the window end is written in its preliminary form; files whose window
 * ends later carry the corrected record. The preliminary form is either `incomplete`
 * (neighborhood and precinct not filled yet; in the 2021 layout also seriously_injured,
 * road_condition and light_condition) or `retyped` (filed as a plain traffic-accident, later
 * reclassified, so OFFENSE_CODE and OFFENSE_ID change too).
 *
 * Ids are written as floats (`201411917.0`); OFFENSE_ID is the incident id followed by the
 * offense code and a two-digit extension, built as text (it exceeds 2^53).
 */
import type { Accident, Offense } from './model-accident';
import { OFFENSES } from './model-accident';
import { COORD_FLAW, type Point } from './coordinates';
import { civilFromDays, dayOfYear } from './civil-date';
import type { FormattedRecord } from './dataset-plan';
import { isoDateTime } from './time-format';
import { titleCase } from './accident-details';

export type VariantAccidents = '2019' | '2021';

export const EDIT_RATE = 0.025;
export const EDIT_WINDOW_DAYS = 30;

/** Incident id digits: the year, then day of year · 10000 + index as 7 digits (11 in all). */
export function incidentId(day: number, index: number): string {
  return `${civilFromDays(day).y}${String(dayOfYear(day) * 10000 + index).padStart(7, '0')}`;
}

export function offenseId(incident: string, offense: Offense): string {
  return `${incident}${offense.code}${String(offense.extension).padStart(2, '0')}`;
}

/** Colorado Central state plane feet, from a linear fit to the 2014 sample. */
function statePlane(p: Point | null): [string, string] {
  if (p === null) return ['', ''];
  const x = 3157343 + (p.lon + 104.9406981) * 279800;
  const y = 1685826 + (p.lat - 39.7150647) * 364100;
  return [`${Math.round(x)}.0`, `${Math.round(y)}.0`];
}

/** Whether the record is written in its preliminary form in a window ending at `windowEnd`. */
export function isPreliminary(a: Accident, windowEnd: number): boolean {
  return a.editDraw < EDIT_RATE && windowEnd - a.reported <= EDIT_WINDOW_DAYS * 86400;
}

export function formatAccident(a: Accident, variant: VariantAccidents, windowEnd: number): FormattedRecord {
  const flaws: string[] = ['float_ids'];
  const preliminary = isPreliminary(a, windowEnd);
  const incomplete = preliminary && a.editKind === 'incomplete';
  const offense = preliminary && a.editKind === 'retyped' ? OFFENSES.accident : a.offense;
  if (preliminary) flaws.push('preliminary_version');
  if (a.coordState !== 'ok') flaws.push(COORD_FLAW[a.coordState]);
  if (a.micro) flaws.push('microseconds');
  if (a.address === '') flaws.push('address_blank');
  else if (a.address.startsWith('LAT:')) flaws.push('dms_address');
  if (a.district === 'UI') flaws.push('district_letters');
  const neighborhood = incomplete ? '' : a.neighborhood;
  if (neighborhood === '') flaws.push('neighborhood_blank');
  const empty = a.placeholders ? '  ' : '';
  const text = (v: string): string => (v === '' ? empty : v);
  const incident = incidentId(a.day, a.index);
  const [x, y] = statePlane(a.statePlaneOf);
  const head = [`${incident}.0`, offenseId(incident, offense), String(offense.code), String(offense.extension)];
  const when = [isoDateTime(a.first, a.micro), a.last === null ? '' : isoDateTime(a.last, false), isoDateTime(a.reported, false)];
  const place = [text(a.address), x, y, a.lon, a.lat, a.district, incomplete ? '' : a.precinct, text(neighborhood)];
  if (variant === '2019') {
    const flag = (v: boolean): string => (v ? '1' : '');
    return { fields: [...head, offense.id, offense.category, ...when, ...place, flag(a.bicycle), flag(a.pedestrian)], flaws };
  }
  const d = a.details;
  const category = (v: string): string => (a.titleCase ? titleCase(v) : v);
  const road = incomplete ? '' : category(d.roadCondition);
  const light = incomplete ? '' : category(d.lightCondition);
  if (a.titleCase && (road !== '' || light !== '')) flaws.push('mixed_case_category');
  const objectId = String((a.day - 10957) * 10000 + a.index + 1);
  const top = a.paddedTop ? `${offense.top}${' '.repeat(30 - offense.top.length)}` : offense.top;
  const fields = [
    objectId, ...head, top, ...when, ...place, a.bicycle ? '1' : '0', a.pedestrian ? '1' : '0',
    ...d.harmful.map(text), d.roadLocation, d.roadDescription, d.roadContour, road, light,
    ...d.tu1.map(text), ...d.tu2.map(text),
    incomplete ? '' : String(d.seriouslyInjured), String(d.fatalities),
    ...d.fatalityModes.map(text), ...d.injuredModes.map(text),
  ];
  return { fields, flaws };
}

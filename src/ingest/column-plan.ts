/**
 * Per-file plan for BatchBuilder: for every store column, its kind code, source field indices
 * and output accumulator; plus where the event time, ids and 311 identity fields are.
 */
import { columnsOf, type ValueKind } from '../domain/columns';
import { Float64Column, Utf8Column } from './arrow-columns';
import type { HeaderMapping } from './detect';

// Numeric kind codes keep the per-value switch cheap.
export const TEXT = 0;
export const INT = 1;
export const BIGINT = 2;
export const DOUBLE = 3;
export const DATETIME = 4;
export const FLAG = 5;
export const STATUS = 6;
export const LON = 7;
export const LAT = 8;
export const HOOD = 9;

const KIND_CODE: Record<ValueKind, number> = {
  text: TEXT,
  int: INT,
  bigint: BIGINT,
  double: DOUBLE,
  datetime: DATETIME,
  flag: FLAG,
  status: STATUS,
  lon: LON,
  lat: LAT,
  neighborhood: HOOD,
};

/** One store column of the batch. `str` is set for Utf8 kinds, `num` for Float64 kinds. */
export interface ColumnPlan {
  name: string;
  kind: number;
  /** Source field indices in order of preference (empty when the file lacks the column). */
  sources: number[];
  str: Utf8Column | null;
  num: Float64Column | null;
  /** Position in the 311 identity key (see keyColumns), or -1. */
  keyPart: number;
}

/** 311 columns whose values identify a case (never status or close time, which change). */
const SR_KEY_COLUMNS = [
  'case_summary',
  'incident_address_1',
  'incident_address_2',
  'incident_intersection_1',
  'incident_intersection_2',
  'type',
  'agency',
];

/** Everything BatchBuilder needs to know about a file's layout. */
export interface FilePlan {
  columns: ColumnPlan[];
  /** Column that receives the event time, and the fields it may come from (with fallbacks). */
  eventColumn: number;
  eventSources: number[];
  /** Accidents: offense_id / incident_id columns; 311: object_id column. -1 when absent. */
  offenseColumn: number;
  incidentColumn: number;
  objectIdColumn: number;
  keyPartCount: number;
}

/** Builds the plan of a detected header. */
export function planFile(mapping: HeaderMapping): FilePlan {
  const specs = columnsOf(mapping.dataset);
  const accidents = mapping.dataset === 'traffic_accidents';
  const columns: ColumnPlan[] = specs.map((spec, i) => {
    const kind = KIND_CODE[spec.kind];
    const utf8 = kind === TEXT || kind === BIGINT || kind === STATUS || kind === HOOD;
    return {
      name: spec.name,
      kind,
      sources: mapping.sourceIndices?.[i] ?? (mapping.sourceIndex[i] >= 0 ? [mapping.sourceIndex[i]] : []),
      str: utf8 ? new Utf8Column() : null,
      num: utf8 ? null : new Float64Column(),
      keyPart: accidents ? -1 : SR_KEY_COLUMNS.indexOf(spec.name),
    };
  });
  const find = (name: string) => columns.findIndex((c) => c.name === name);
  const eventColumn = find(accidents ? 'first_occurrence_at' : 'created_at');
  const eventSources = [...columns[eventColumn].sources];
  if (accidents) eventSources.push(...columns[find('reported_at')].sources);
  return {
    columns,
    eventColumn,
    eventSources,
    offenseColumn: accidents ? find('offense_id') : -1,
    incidentColumn: accidents ? find('incident_id') : -1,
    objectIdColumn: find('object_id'),
    keyPartCount: accidents ? 0 : SR_KEY_COLUMNS.length,
  };
}

/**
 * The store's typed columns for each dataset, and which source headers feed them.
 *
 * This table drives header detection, normalization, the Arrow staging batches and the DDL,
 * so a column is declared once. Header names are matched by `headerKey` (lower case, every
 * non-alphanumeric removed), which makes `Case Created dttm`, `Case_Created_dttm` and
 * `case_created_dttm` the same column.
 */

export type Dataset = 'service_requests' | 'traffic_accidents';
export const DATASETS: readonly Dataset[] = ['service_requests', 'traffic_accidents'];

/** SQL type of a stored column. */
export type SqlType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'TIMESTAMP' | 'BOOLEAN';

/**
 * How a source value becomes a typed value.
 * - `text`: trimmed; empty, whitespace-only and `NULL`-like placeholders become null.
 * - `int` / `bigint`: integers, also written as floats (`201411917.0`); bigint travels as text.
 * - `double`: a finite number.
 * - `datetime`: any of the files' date/time formats, or epoch milliseconds, in America/Denver
 *   wall-clock time.
 * - `flag`: `1`/`Y`/`true` → true, `0`/`N`/`false` → false, blank → null.
 * - `status`: canonical case status (see normalize/status).
 * - `lon` / `lat`: coordinates; the row-level check nulls and flags bad pairs.
 * - `neighborhood`: any spelling of the 78 neighborhoods → canonical name (+ slug column).
 */
export type ValueKind =
  | 'text'
  | 'int'
  | 'bigint'
  | 'double'
  | 'datetime'
  | 'flag'
  | 'status'
  | 'lon'
  | 'lat'
  | 'neighborhood';

export interface ColumnSpec {
  /** snake_case column name in the store. */
  readonly name: string;
  readonly type: SqlType;
  readonly kind: ValueKind;
  /** Source header keys (see headerKey) that fill this column, in order of preference. */
  readonly sources: readonly string[];
  /** One-line meaning, shown in the schema browser. */
  readonly doc: string;
}

/** Normalized header name: lower case, non-alphanumerics removed. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const c = (
  name: string,
  type: SqlType,
  kind: ValueKind,
  sources: readonly string[],
  doc: string,
): ColumnSpec => ({ name, type, kind, sources, doc });

export const SERVICE_REQUEST_COLUMNS: readonly ColumnSpec[] = [
  c('object_id', 'BIGINT', 'bigint', ['objectid'], 'ArcGIS OBJECTID, when the file has one'),
  c('case_summary', 'VARCHAR', 'text', ['casesummary'], 'Free-text summary of the case'),
  c('case_status', 'VARCHAR', 'status', ['casestatus'], 'Canonical status (Open, Closed, ...)'),
  c('case_source', 'VARCHAR', 'text', ['casesource'], 'Channel: Phone, Web, Mobile App, Email, ...'),
  c('created_at', 'TIMESTAMP', 'datetime', ['casecreateddttm', 'casecreateddate'], 'Created, Denver local time'),
  c('closed_at', 'TIMESTAMP', 'datetime', ['casecloseddttm', 'casecloseddate'], 'Closed, Denver local time'),
  c('first_call_resolution', 'VARCHAR', 'text', ['firstcallresolution'], 'Resolved on first contact (Y/N)'),
  c('customer_zip', 'VARCHAR', 'text', ['customerzipcode'], 'Caller zip code'),
  c('incident_address_1', 'VARCHAR', 'text', ['incidentaddress1'], 'Incident address line 1'),
  c('incident_address_2', 'VARCHAR', 'text', ['incidentaddress2'], 'Incident address line 2'),
  c('incident_intersection_1', 'VARCHAR', 'text', ['incidentintersection1'], 'Intersection street 1'),
  c('incident_intersection_2', 'VARCHAR', 'text', ['incidentintersection2'], 'Intersection street 2'),
  c('incident_zip', 'VARCHAR', 'text', ['incidentzipcode'], 'Incident zip code'),
  c('longitude', 'DOUBLE', 'lon', ['longitude'], 'WGS84 longitude; NULL when missing or invalid (see coord_flag)'),
  c('latitude', 'DOUBLE', 'lat', ['latitude'], 'WGS84 latitude; NULL when missing or invalid (see coord_flag)'),
  c('agency', 'VARCHAR', 'text', ['agency'], 'Responsible agency'),
  c('division', 'VARCHAR', 'text', ['division'], 'Agency division'),
  c('major_area', 'VARCHAR', 'text', ['majorarea'], 'Major area'),
  c('type', 'VARCHAR', 'text', ['type'], 'Request type'),
  c('topic', 'VARCHAR', 'text', ['topic'], 'Request topic'),
  c('council_district', 'INTEGER', 'int', ['councildistrict'], 'City council district'),
  c('police_district', 'INTEGER', 'int', ['policedistrict'], 'Police district'),
  c('neighborhood', 'VARCHAR', 'neighborhood', ['neighborhood'], 'Statistical neighborhood, canonical display name'),
];

const tu = (n: 1 | 2): ColumnSpec[] =>
  ['vehicle_type', 'travel_direction', 'vehicle_movement', 'driver_action', 'driver_humancontribfactor', 'pedestrian_action'].map(
    (f) => c(`tu${n}_${f}`, 'VARCHAR', 'text', [headerKey(`tu${n}_${f}`)], `Traffic unit ${n}: ${f.replace(/_/g, ' ')}`),
  );

export const ACCIDENT_COLUMNS: readonly ColumnSpec[] = [
  c('object_id', 'BIGINT', 'bigint', ['objectid', 'objectid1'], 'ArcGIS object id, when the file has one'),
  c('incident_id', 'BIGINT', 'bigint', ['incidentid'], 'Incident id (ids written as floats are accepted)'),
  c('offense_id', 'BIGINT', 'bigint', ['offenseid'], 'Offense id: the row key'),
  c('offense_code', 'INTEGER', 'int', ['offensecode'], 'Offense code'),
  c('offense_code_extension', 'INTEGER', 'int', ['offensecodeextension'], 'Offense code extension'),
  c('offense_type_id', 'VARCHAR', 'text', ['offensetypeid', 'toptrafficaccidentoffense'], 'Offense type (traffic-accident, hit-and-run, ...)'),
  c('offense_category_id', 'VARCHAR', 'text', ['offensecategoryid'], 'Offense category'),
  c('first_occurrence_at', 'TIMESTAMP', 'datetime', ['firstoccurrencedate'], 'First occurrence, Denver local time'),
  c('last_occurrence_at', 'TIMESTAMP', 'datetime', ['lastoccurrencedate'], 'Last occurrence, Denver local time'),
  c('reported_at', 'TIMESTAMP', 'datetime', ['reporteddate'], 'Reported, Denver local time'),
  c('incident_address', 'VARCHAR', 'text', ['incidentaddress'], 'Incident address'),
  c('geo_x', 'DOUBLE', 'double', ['geox'], 'State plane X'),
  c('geo_y', 'DOUBLE', 'double', ['geoy'], 'State plane Y'),
  c('longitude', 'DOUBLE', 'lon', ['geolon', 'lng', 'longitude', 'lon'], 'WGS84 longitude; NULL when missing or invalid (see coord_flag)'),
  c('latitude', 'DOUBLE', 'lat', ['geolat', 'lat', 'latitude'], 'WGS84 latitude; NULL when missing or invalid (see coord_flag)'),
  c('district_id', 'VARCHAR', 'text', ['districtid'], 'Police district (may contain letters)'),
  c('precinct_id', 'INTEGER', 'int', ['precinctid'], 'Police precinct'),
  c('neighborhood', 'VARCHAR', 'neighborhood', ['neighborhoodid'], 'Statistical neighborhood, canonical display name'),
  c('bicycle_ind', 'BOOLEAN', 'flag', ['bicycleind'], 'A bicycle was involved'),
  c('pedestrian_ind', 'BOOLEAN', 'flag', ['pedestrianind'], 'A pedestrian was involved'),
  c('harmful_event_seq_1', 'VARCHAR', 'text', ['harmfuleventseq1'], 'First harmful event'),
  c('harmful_event_seq_2', 'VARCHAR', 'text', ['harmfuleventseq2'], 'Second harmful event'),
  c('harmful_event_seq_3', 'VARCHAR', 'text', ['harmfuleventseq3', 'harmfuleventseqmost'], 'Third (or most harmful) event'),
  c('road_location', 'VARCHAR', 'text', ['roadlocation'], 'Road location'),
  c('road_description', 'VARCHAR', 'text', ['roaddescription'], 'Road description'),
  c('road_contour', 'VARCHAR', 'text', ['roadcontour'], 'Road contour'),
  c('road_condition', 'VARCHAR', 'text', ['roadcondition'], 'Road condition'),
  c('light_condition', 'VARCHAR', 'text', ['lightcondition'], 'Light condition'),
  ...tu(1),
  ...tu(2),
  c('seriously_injured', 'INTEGER', 'int', ['seriouslyinjured'], 'Number seriously injured'),
  c('fatalities', 'INTEGER', 'int', ['fatalities'], 'Number of fatalities'),
  c('fatality_mode_1', 'VARCHAR', 'text', ['fatalitymode1'], 'Fatality mode 1'),
  c('fatality_mode_2', 'VARCHAR', 'text', ['fatalitymode2'], 'Fatality mode 2'),
  c('seriously_injured_mode_1', 'VARCHAR', 'text', ['seriouslyinjuredmode1'], 'Serious injury mode 1'),
  c('seriously_injured_mode_2', 'VARCHAR', 'text', ['seriouslyinjuredmode2'], 'Serious injury mode 2'),
  c('point_x', 'DOUBLE', 'double', ['pointx'], 'Point X as published'),
  c('point_y', 'DOUBLE', 'double', ['pointy'], 'Point Y as published'),
];

/** Source headers known to carry nothing useful; they are dropped on purpose, not kept in `extra`. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['shape']);

/**
 * Columns the pipeline adds to every row of both datasets, after the source columns.
 * `row_key` identifies a record across loads; `content_hash` changes when any source field does.
 */
export const SYSTEM_COLUMNS: readonly ColumnSpec[] = [
  c('row_key', 'VARCHAR', 'text', [], 'Stable record key across loads (see README: keys)'),
  c('content_hash', 'VARCHAR', 'text', [], 'Hash of every source field; changes when the record changes'),
  c('neighborhood_slug', 'VARCHAR', 'text', [], 'Neighborhood slug, joinable across datasets'),
  c('coord_flag', 'VARCHAR', 'text', [], 'Why coordinates were nulled: missing, zero, lon_eq_lat, swapped, out_of_city'),
  c('status_raw', 'VARCHAR', 'text', [], 'Status as written in the file, when it differed from the canonical one'),
  c('extra', 'VARCHAR', 'text', [], 'JSON object of source columns the store has no column for'),
];

export function columnsOf(dataset: Dataset): readonly ColumnSpec[] {
  return dataset === 'service_requests' ? SERVICE_REQUEST_COLUMNS : ACCIDENT_COLUMNS;
}

/** The timestamp that places a record in time (reports, rollups, sort order). */
export function eventTimeColumn(dataset: Dataset): string {
  return dataset === 'service_requests' ? 'created_at' : 'first_occurrence_at';
}

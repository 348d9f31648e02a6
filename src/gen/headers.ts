/**
 * Header rows of each file variant, spelled exactly as the real files spell them.
 */
import type { Variant311 } from './format-311';
import type { VariantAccidents } from './format-accident';

export const HEADER_311_CLASSIC: readonly string[] = [
  'Case Summary', 'Case Status', 'Case Source', 'Case Created Date', 'Case Created dttm', 'Case Closed Date',
  'Case Closed dttm', 'First Call Resolution', 'Customer Zip Code', 'Incident Address 1', 'Incident Address 2',
  'Incident Intersection 1', 'Incident Intersection 2', 'Incident Zip Code', 'Longitude', 'Latitude', 'Agency',
  'Division', 'Major Area', 'Type', 'Topic', 'Council District', 'Police District', 'Neighborhood',
];

/** ArcGIS rolling table: OBJECTID, then the classic names with underscores. */
export const HEADER_311_ARCGIS: readonly string[] = ['OBJECTID', ...HEADER_311_CLASSIC.map((h) => h.replace(/ /g, '_'))];

export const HEADER_ACCIDENTS_2019: readonly string[] = [
  'INCIDENT_ID', 'OFFENSE_ID', 'OFFENSE_CODE', 'OFFENSE_CODE_EXTENSION', 'OFFENSE_TYPE_ID', 'OFFENSE_CATEGORY_ID',
  'FIRST_OCCURRENCE_DATE', 'LAST_OCCURRENCE_DATE', 'REPORTED_DATE', 'INCIDENT_ADDRESS', 'GEO_X', 'GEO_Y', 'GEO_LON',
  'GEO_LAT', 'DISTRICT_ID', 'PRECINCT_ID', 'NEIGHBORHOOD_ID', 'BICYCLE_IND', 'PEDESTRIAN_IND',
];

const TU_FIELDS = ['vehicle_type', 'travel_direction', 'vehicle_movement', 'driver_action', 'driver_humancontribfactor', 'pedestrian_action'];

/** The 45 lower-case columns of the 2021 layout. */
export const HEADER_ACCIDENTS_2021: readonly string[] = [
  'objectid_1', 'incident_id', 'offense_id', 'offense_code', 'offense_code_extension', 'top_traffic_accident_offense',
  'first_occurrence_date', 'last_occurrence_date', 'reported_date', 'incident_address', 'geo_x', 'geo_y', 'geo_lon',
  'geo_lat', 'district_id', 'precinct_id', 'neighborhood_id', 'bicycle_ind', 'pedestrian_ind', 'harmful_event_seq_1',
  'harmful_event_seq_2', 'harmful_event_seq_3', 'road_location', 'road_description', 'road_contour', 'road_condition',
  'light_condition', ...TU_FIELDS.map((f) => `tu1_${f}`), ...TU_FIELDS.map((f) => `tu2_${f}`), 'seriously_injured',
  'fatalities', 'fatality_mode_1', 'fatality_mode_2', 'seriously_injured_mode_1', 'seriously_injured_mode_2',
];

export function header311(variant: Variant311): readonly string[] {
  return variant === 'classic' ? HEADER_311_CLASSIC : HEADER_311_ARCGIS;
}

export function headerAccidents(variant: VariantAccidents): readonly string[] {
  return variant === '2019' ? HEADER_ACCIDENTS_2019 : HEADER_ACCIDENTS_2021;
}

/** Small real-shaped files for the fetch-data tests: two CSVs, zips of them, neighborhoods. */
import { zipSync } from 'fflate';

const enc = (s: string) => new TextEncoder().encode(s);

export const CSV_311 = enc(
  '\uFEFFCase Summary,Case Status,Case Source,Case Created Date,Case Created dttm,Case Closed Date,Case Closed dttm,First Call Resolution,Customer Zip Code,Incident Address 1,Incident Address 2,Incident Intersection 1,Incident Intersection 2,Incident Zip Code,Longitude,Latitude,Agency,Division,Major Area,Type,Topic,Council District,Police District,Neighborhood\r\n' +
    '"Pothole, big one",Closed,Phone,10/01/2019,10/1/2019 8:02:45 AM,10/03/2019,10/03/2019 01:20:43 PM,N,80207,6269 E 19th Ave,,,,80207,-104.9,39.74,DOTI,Street Maintenance,Streets,Pothole,Pothole,8,2,South Park Hill\r\n' +
    '"Said ""hello""\nover two lines",Open,Web,10/02/2019,10/2/2019 9:00:00 AM,,,N,,,,,,,,,,,,,,,,\r\n',
);

export const CSV_ACCIDENTS = enc(
  'INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,OFFENSE_TYPE_ID,OFFENSE_CATEGORY_ID,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,BICYCLE_IND,PEDESTRIAN_IND\n' +
    '2019123.0,2019123544100,5441,0,traffic-accident,traffic-accident,2019-10-03 14:22:00,,2019-10-03 14:40:00,N BROADWAY / E COLFAX AVE,3143000.0,1694000.0,-104.98,39.74,6,611,civic-center,,\n',
);

/** A zip of `name` → bytes; `level` 0 stores the bytes as they are (easy to damage on purpose). */
export const zipOf = (name: string, bytes: Uint8Array, level: 0 | 6 = 6) => zipSync({ [name]: [bytes, { level }] });

export function neighborhoods(count = 78): Uint8Array {
  const square = [[[-105, 39.7], [-104.99, 39.7], [-104.99, 39.71], [-105, 39.7]]];
  const features = Array.from({ length: count }, (_, i) => ({
    type: 'Feature',
    properties: { NBHD_ID: i + 1, NBHD_NAME: `Neighborhood ${i + 1}` },
    geometry: { type: i % 2 ? 'Polygon' : 'MultiPolygon', coordinates: i % 2 ? square : [square] },
  }));
  return enc(JSON.stringify({ type: 'FeatureCollection', features }));
}

export { enc };

import { describe, expect, it } from 'vitest';
import { checkCoords, type CoordResult } from '../../../../src/ingest/normalize/coords';

describe('ingest/normalize/coords', () => {
  it.each<[number | null, number | null, CoordResult]>([
    [-104.9406981, 39.7150647, { lon: -104.9406981, lat: 39.7150647, flag: null }],
    [-104.6867, 39.8579, { lon: -104.6867, lat: 39.8579, flag: null }], // DIA
    [null, null, { lon: null, lat: null, flag: 'missing' }],
    [-104.9, null, { lon: null, lat: null, flag: 'missing' }],
    [0, 0, { lon: null, lat: null, flag: 'zero' }],
    [0, 39.7, { lon: null, lat: null, flag: 'zero' }],
    [-104.9, 0, { lon: null, lat: null, flag: 'zero' }],
    [39.74, 39.74, { lon: null, lat: null, flag: 'lon_eq_lat' }],
    [-104.99, -104.99, { lon: null, lat: null, flag: 'lon_eq_lat' }],
    [39.7150647, -104.9406981, { lon: -104.9406981, lat: 39.7150647, flag: 'swapped' }],
    [-105.5, 39.69, { lon: null, lat: null, flag: 'out_of_city' }],
    [104.94, 39.71, { lon: null, lat: null, flag: 'out_of_city' }],
    [-104.94, 40.5, { lon: null, lat: null, flag: 'out_of_city' }],
  ])('(%j, %j)', (lon, lat, expected) => {
    expect(checkCoords(lon, lat)).toEqual(expected);
  });
});

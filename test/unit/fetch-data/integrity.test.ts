import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkCsv, checkGeojson, checkZip, crc32, IntegrityError } from '../../../scripts/fetch-data/integrity';
import { CSV_311, CSV_ACCIDENTS, enc, neighborhoods, zipOf } from './fixtures';

describe('fetch-data/integrity', () => {
  it('computes the zip CRC-32', () => {
    expect(crc32(enc('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('accepts a complete zip with a known header and reports what it holds', () => {
    expect(checkZip(zipOf('311_service_requests.csv', CSV_311))).toEqual({
      entry: '311_service_requests.csv',
      csvBytes: CSV_311.length,
      dataset: 'service_requests',
      variant: '311-classic',
      columns: 24,
      rows: 2,
    });
    expect(checkZip(zipOf('traffic_accidents.csv', CSV_ACCIDENTS), 'traffic_accidents')).toMatchObject({ variant: 'accidents-19', rows: 1 });
  });

  const damaged: [string, () => Uint8Array, RegExp][] = [
    ['truncated', () => zipOf('a.csv', CSV_311).subarray(0, 200), /truncated|end-of-central-directory/],
    [
      'a flipped data byte',
      () => {
        const z = zipOf('a.csv', CSV_311, 0);
        z[30 + 'a.csv'.length + 100] ^= 0xff;
        return z;
      },
      /corrupt: CRC-32/,
    ],
    ['an HTML error page', () => enc('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), /not a zip file.*AccessDenied/],
    ['an empty body', () => new Uint8Array(), /not a zip file \(it is empty\)/],
    ['no CSV inside', () => zipOf('readme.md', enc('# hi')), /no CSV/],
    ['an unknown header', () => zipOf('weather.csv', enc('station,temp_f,wind\nDEN,31,12\n')), /not a 311 or traffic-accident header.*station/],
    ['a header without rows', () => zipOf('a.csv', enc(new TextDecoder().decode(CSV_ACCIDENTS).split('\n')[0] + '\n')), /no rows/],
  ];
  for (const [what, make, message] of damaged) {
    it(`refuses ${what}`, () => {
      expect(() => checkZip(make())).toThrow(IntegrityError);
      expect(() => checkZip(make())).toThrow(message);
    });
  }

  it('refuses a file of the other dataset', () => {
    expect(() => checkZip(zipOf('311.csv', CSV_ACCIDENTS), 'service_requests')).toThrow(/expected service_requests, the header says traffic_accidents/);
  });

  it('refuses a zip with several CSVs, and ignores macOS resource forks', () => {
    expect(checkZip(zipSync({ 'a.csv': CSV_311, '__MACOSX/._a.csv': enc('x') })).entry).toBe('a.csv');
    expect(() => checkZip(zipSync({ 'a.csv': CSV_311, 'b.csv': CSV_311 }))).toThrow(/several CSV files \(a\.csv, b\.csv\)/);
  });

  it('checks plain CSVs (BOM, quoted line breaks) the same way', () => {
    expect(checkCsv(CSV_311)).toMatchObject({ dataset: 'service_requests', rows: 2 });
    expect(() => checkCsv(enc('<!doctype html><html>'))).toThrow(/not a CSV file/);
  });

  it('checks the neighborhood GeoJSON', () => {
    expect(checkGeojson(neighborhoods())).toEqual({ features: 78 });
    expect(() => checkGeojson(neighborhoods(3))).toThrow(/78 statistical neighborhoods, got 3/);
    expect(() => checkGeojson(enc('{"error":{"code":400,"message":"Invalid query"}}'))).toThrow(/error.*Invalid query/);
    expect(() => checkGeojson(enc('<html>'))).toThrow(/not JSON/);
  });
});

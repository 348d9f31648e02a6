import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../../../src/ingest/normalize/dates';
import {
  daysFromCivil,
  denverDstBounds,
  denverWallClockFromUtc,
} from '../../../../src/ingest/normalize/denver-time';

const U = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('ingest/normalize/dates parseDateTime', () => {
  it.each<[string, number]>([
    // 311 dttm, not zero-padded / zero-padded
    ['10/14/2019 10:20:00 PM', U(2019, 10, 14, 22, 20)],
    ['1/2/2019 3:34:06 PM', U(2019, 1, 2, 15, 34, 6)],
    ['01/02/2019 03:34:06 PM', U(2019, 1, 2, 15, 34, 6)],
    ['1/2/2019 12:05:00 AM', U(2019, 1, 2, 0, 5)],
    ['1/2/2019 12:05:00 PM', U(2019, 1, 2, 12, 5)],
    ['1/2/2019 3:34:06 pm', U(2019, 1, 2, 15, 34, 6)],
    ['1/2/2019 3:34 PM', U(2019, 1, 2, 15, 34)],
    ['1/2/2019 3:34:06PM', U(2019, 1, 2, 15, 34, 6)],
    // dates only
    ['10/14/2019', U(2019, 10, 14)],
    ['2/29/2020', U(2020, 2, 29)],
    ['2019-10-03', U(2019, 10, 3)],
    // accidents
    ['2019-10-03 14:22:00', U(2019, 10, 3, 14, 22)],
    ['2014-01-07 14:19:59', U(2014, 1, 7, 14, 19, 59)],
    ['2023-03-31 16:54:00.000001', U(2023, 3, 31, 16, 54)],
    ['2023-03-31 16:54:00.123456', U(2023, 3, 31, 16, 54, 0, 123)],
    ['2023-03-31 16:54:00.5', U(2023, 3, 31, 16, 54, 0, 500)],
    ['2023-03-31T16:54:00', U(2023, 3, 31, 16, 54)],
    ['2023-03-31T16:54', U(2023, 3, 31, 16, 54)],
    ['2023/03/31 16:54:00', U(2023, 3, 31, 16, 54)],
    // ISO instants → Denver (MDT −6 in summer, MST −7 in winter)
    ['2023-07-01T18:00:00Z', U(2023, 7, 1, 12)],
    ['2023-01-15T19:00:00.000Z', U(2023, 1, 15, 12)],
    ['2023-07-01T12:00:00-06:00', U(2023, 7, 1, 12)],
    ['2023-07-01T20:00:00+0200', U(2023, 7, 1, 12)],
    // Excel-style re-save
    ['3/5/24 15:07', U(2024, 3, 5, 15, 7)],
    ['3/5/99 15:07', U(1999, 3, 5, 15, 7)],
    // 24-hour with a US date
    ['10/14/2020 22:20:00', U(2020, 10, 14, 22, 20)],
    // padding
    ['  2019-10-03 14:22:00  ', U(2019, 10, 3, 14, 22)],
    // epoch ms (UTC instants)
    ['1562004000000', U(2019, 7, 1, 12)], // 2019-07-01T18:00Z
    ['1547578800000', U(2019, 1, 15, 12)], // 2019-01-15T19:00Z
    ['1547578800000.0', U(2019, 1, 15, 12)],
    ['99999999999', denverWallClockFromUtc(99999999999)],
  ])('%s', (text, expected) => {
    expect(parseDateTime(text)).toBe(expected);
  });

  it.each(['', '   ', '\t'])('blank %j → null', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });

  it.each([
    'abc',
    'NULL',
    '13/1/2019',
    '2/30/2019',
    '2/29/2019',
    '1/2/2019 13:00:00 PM',
    '1/2/2019 24:00:00',
    '1/2/2019 10:60:00',
    '1/2/2019 10:5',
    '2019-10-03 14:22:00 foo',
    '2019-10-03x',
    '2019-10-03T14:22:00+',
    '1/2/219',
    '123',
    '1234567890', // 10 digits: seconds or garbage, not accepted
    '12345678901234',
    '1547578800000.5',
    '2019-1-3-4',
    '1800-01-01',
    '2019-10-03 14:22:00.',
  ])('invalid %j → undefined', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});

describe('ingest/normalize/denver-time', () => {
  it('daysFromCivil agrees with Date.UTC', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1969, 12, 31], [2000, 2, 29], [2024, 12, 31], [1900, 3, 1], [2100, 2, 28]]) {
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
    }
  });

  it.each<[number, string, string]>([
    [2019, '2019-03-10T09:00:00Z', '2019-11-03T08:00:00Z'],
    [2024, '2024-03-10T09:00:00Z', '2024-11-03T08:00:00Z'],
    [2006, '2006-04-02T09:00:00Z', '2006-10-29T08:00:00Z'],
  ])('DST bounds %i', (year, start, end) => {
    expect(denverDstBounds(year)).toEqual([Date.parse(start), Date.parse(end)]);
  });

  it('switches offsets exactly at the transitions', () => {
    const start = Date.parse('2019-03-10T09:00:00Z');
    expect(denverWallClockFromUtc(start - 1)).toBe(U(2019, 3, 10, 1, 59, 59, 999));
    expect(denverWallClockFromUtc(start)).toBe(U(2019, 3, 10, 3));
    const end = Date.parse('2019-11-03T08:00:00Z');
    expect(denverWallClockFromUtc(end - 1)).toBe(U(2019, 11, 3, 1, 59, 59, 999));
    expect(denverWallClockFromUtc(end)).toBe(U(2019, 11, 3, 1));
  });

  it('matches the IANA zone (Intl) on seeded random instants 1990–2030', () => {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Denver',
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    let seed = 42;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const lo = Date.UTC(1990, 0, 1);
    const hi = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 3000; i++) {
      const t = Math.floor((lo + rand() * (hi - lo)) / 1000) * 1000;
      const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, Number(x.value)]));
      expect(denverWallClockFromUtc(t), new Date(t).toISOString()).toBe(U(p.year, p.month, p.day, p.hour, p.minute, p.second));
    }
  });
});

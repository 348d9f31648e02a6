import { describe, expect, it } from 'vitest';
import { civilFromDays, dayOfWeek, daysFromCivil, formatIsoDate, parseIsoDate } from '../../../src/gen/civil-date';
import { denverLocalToUtcMs, isNonexistentDenverTime } from '../../../src/gen/denver-time';
import { Rng } from '../../../src/gen/prng';
import { isoDateTime, usDate, usDateTime } from '../../../src/gen/time-format';

const denver = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Denver', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
const inDenver = (ms: number): string => denver.format(new Date(ms)).replace(',', '');

describe('gen/civil-date', () => {
  it('agrees with Date.UTC over two centuries', () => {
    for (let day = -40_000; day < 40_000; day += 37) {
      const { y, m, d } = civilFromDays(day);
      expect(Date.UTC(y, m - 1, d) / 86_400_000).toBe(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
      expect(dayOfWeek(day)).toBe(new Date(day * 86_400_000).getUTCDay());
    }
  });

  it('parses and formats ISO dates, rejecting impossible ones', () => {
    expect(formatIsoDate(parseIsoDate('2025-10-01'))).toBe('2025-10-01');
    expect(() => parseIsoDate('2025-02-30')).toThrow('bad date');
    expect(() => parseIsoDate('10/01/2025')).toThrow('bad date');
  });
});

describe('gen/denver-time', () => {
  it('switches to MDT on the second Sunday of March and back on the first Sunday of November', () => {
    expect(denverLocalToUtcMs(2025, 3, 9, 1, 59, 59)).toBe(Date.UTC(2025, 2, 9, 8, 59, 59));
    expect(denverLocalToUtcMs(2025, 3, 9, 3, 0, 0)).toBe(Date.UTC(2025, 2, 9, 9, 0, 0));
    expect(denverLocalToUtcMs(2025, 11, 2, 1, 30, 0)).toBe(Date.UTC(2025, 10, 2, 7, 30, 0));
    expect(denverLocalToUtcMs(2025, 11, 2, 2, 0, 0)).toBe(Date.UTC(2025, 10, 2, 9, 0, 0));
    expect(denverLocalToUtcMs(2026, 1, 15, 12, 0, 0)).toBe(Date.UTC(2026, 0, 15, 19, 0, 0));
    expect(denverLocalToUtcMs(2026, 7, 4, 12, 0, 0)).toBe(Date.UTC(2026, 6, 4, 18, 0, 0));
  });

  it('round-trips random local times through the ICU time zone database', () => {
    const rng = Rng.from('denver-time');
    for (let i = 0; i < 3000; i++) {
      const local = (parseIsoDate('2015-01-01') + rng.int(365 * 15)) * 86400 + rng.int(86400);
      if (isNonexistentDenverTime(local)) continue;
      const day = Math.floor(local / 86400);
      const { y, m, d } = civilFromDays(day);
      const s = local - day * 86400;
      const ms = denverLocalToUtcMs(y, m, d, Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60);
      expect(inDenver(ms)).toBe(isoDateTime(local, false));
    }
  });

  it('marks the skipped spring-forward hour', () => {
    const day = parseIsoDate('2026-03-08');
    expect(isNonexistentDenverTime(day * 86400 + 2 * 3600 + 5)).toBe(true);
    expect(isNonexistentDenverTime(day * 86400 + 3 * 3600)).toBe(false);
    expect(isNonexistentDenverTime(day * 86400 + 3600 + 3599)).toBe(false);
  });
});

describe('gen/time-format', () => {
  const t = parseIsoDate('2019-01-02') * 86400 + 15 * 3600 + 34 * 60 + 6;
  it('writes the files’ spellings', () => {
    expect(usDate(t)).toBe('01/02/2019');
    expect(usDateTime(t, false)).toBe('1/2/2019 3:34:06 PM');
    expect(usDateTime(t, true)).toBe('01/02/2019 03:34:06 PM');
    expect(usDateTime(parseIsoDate('2019-01-02') * 86400 + 5, false)).toBe('1/2/2019 12:00:05 AM');
    expect(isoDateTime(t, false)).toBe('2019-01-02 15:34:06');
    expect(isoDateTime(t, true)).toBe('2019-01-02 15:34:06.000001');
  });
});

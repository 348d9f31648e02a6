import { describe, expect, it } from 'vitest';
import { PERIODS, periodOf, periodRange } from '../../../src/reports/periods';

describe('date-range presets', () => {
  it('count back from the last day with data, both ends included', () => {
    const last = '2026-09-30';
    expect(periodRange('all', last)).toEqual({ from: null, to: null });
    expect(periodRange('last-7-days', last)).toEqual({ from: '2026-09-24', to: last });
    expect(periodRange('last-30-days', last)).toEqual({ from: '2026-09-01', to: last });
    expect(periodRange('last-3-months', last)).toEqual({ from: '2026-07-01', to: last });
    expect(periodRange('last-12-months', last)).toEqual({ from: '2025-10-01', to: last });
    expect(periodRange('year-to-date', last)).toEqual({ from: '2026-01-01', to: last });
  });

  it('cross month, year and leap-day edges as a calendar does', () => {
    expect(periodRange('last-7-days', '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' });
    // 2024 is a leap year: 30 days ending Mar 1 start Feb 1 (Feb has 29 days).
    expect(periodRange('last-30-days', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    // Three months before May 31 is Feb 28 (no Feb 31): the range starts Mar 1.
    expect(periodRange('last-3-months', '2026-05-31')).toEqual({ from: '2026-03-01', to: '2026-05-31' });
    expect(periodRange('last-12-months', '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(periodRange('year-to-date', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    // A mid-month last day: the same day three months earlier, plus one.
    expect(periodRange('last-3-months', '2026-08-15')).toEqual({ from: '2026-05-16', to: '2026-08-15' });
  });

  it('need data to count back from, except "All dates"', () => {
    expect(periodRange('last-30-days', undefined)).toBeNull();
    expect(periodRange('all', undefined)).toEqual({ from: null, to: null });
  });

  it('recognize a from/to pair as the preset it is, else custom', () => {
    const last = '2026-09-30';
    for (const { id } of PERIODS) expect(periodOf(periodRange(id, last)!, last)).toBe(id);
    expect(periodOf({}, last)).toBe('all');
    expect(periodOf({ from: '2026-07-02', to: last }, last)).toBe('custom');
    expect(periodOf({ from: '2026-07-01' }, last)).toBe('custom');
    expect(periodOf({ from: '2026-07-01', to: last }, undefined)).toBe('custom');
    expect(periodOf({}, undefined)).toBe('all');
  });
});

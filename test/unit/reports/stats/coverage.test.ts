/** Coverage: months with real data, and the last continuous stretch. */
import { describe, expect, it } from 'vitest';
import { coveredMonths, lastCoveredRun } from '../../../../src/reports/stats/coverage';
import { dayRange } from '../../../../src/reports/stats/calendar';

describe('reports/stats/coverage', () => {
  const days = dayRange('2013-10-01', '2014-03-31');
  // Oct: 1 stray event, Nov: none, Dec–Mar: 10 a day
  const values = days.map((d) => (d === '2013-10-15' ? 1 : d >= '2013-12-01' ? 10 : 0));

  it('drops near-empty months', () => {
    expect([...coveredMonths(days, values)].sort()).toEqual(['2013-12', '2014-01', '2014-02', '2014-03']);
  });

  it('takes the last run of consecutive covered days', () => {
    const [start, end] = lastCoveredRun(days, coveredMonths(days, values));
    expect(days[start]).toBe('2013-12-01');
    expect(end).toBe(days.length);
    expect(lastCoveredRun(days, new Set())).toEqual([0, 0]);
    const gap = ['2014-01-30', '2014-01-31', '2014-03-01'];
    expect(lastCoveredRun(gap, new Set(['2014-01', '2014-03']))).toEqual([2, 3]);
  });
});

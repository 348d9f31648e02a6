/** The filter model: normalization and the URL round trip. */
import { describe, expect, it } from 'vitest';
import {
  emptyFilters, filtersFromHash, filtersFromQuery, filtersToHash, filtersToQuery, mergeFilters, neighborhoodSlugs, sameFilters,
} from '../../../src/reports/filters';

describe('reports/filters', () => {
  it('normalizes names, slugs and aliases to sorted unique slugs', () => {
    expect(neighborhoodSlugs(['Five Points', 'cbd', 'Stapleton', 'Cory - Merrill', 'five-points', 'Atlantis'])).toEqual([
      'cbd', 'central-park', 'cory-merrill', 'five-points',
    ]);
  });

  it('merges: present keys replace, null clears a date, invalid values are dropped', () => {
    const a = mergeFilters(emptyFilters(), { from: '2019-01-01', to: '2019-02-30', datasets: ['traffic_accidents', 'bogus'], types: ['b', 'a', 'a', ''] });
    expect(a).toEqual({ from: '2019-01-01', neighborhoods: [], types: ['a', 'b'], datasets: ['traffic_accidents'], sources: [] });
    const b = mergeFilters(a, { neighborhoods: ['CBD'] });
    expect(b.from).toBe('2019-01-01');
    expect(b.types).toEqual(['a', 'b']);
    expect(mergeFilters(b, { from: null }).from).toBeUndefined();
    expect(mergeFilters(b, { from: undefined }).from).toBe('2019-01-01');
  });

  it('round-trips through the query string and the hash', () => {
    const f = mergeFilters(emptyFilters(), {
      from: '2014-01-01', to: '2014-05-31', neighborhoods: ['Five Points', 'CBD'], types: ['Snow & Ice, Sidewalk', "Dog's Barking", '(none)'],
      datasets: ['service_requests'], sources: ['Mobile App'],
    });
    const q = filtersToQuery(f);
    expect(q).toBe(
      'from=2014-01-01&to=2014-05-31&neighborhood=cbd&neighborhood=five-points&type=%28none%29&type=Dog%27s+Barking' +
        '&type=Snow+%26+Ice%2C+Sidewalk&dataset=service_requests&source=Mobile+App',
    );
    expect(filtersFromQuery(q)).toEqual(f);
    expect(filtersFromQuery(`?${q}`)).toEqual(f);
    expect(filtersFromHash(filtersToHash(f))).toEqual(f);
    expect(filtersToHash(emptyFilters())).toBe('#/reports');
    expect(filtersFromHash('#/reports')).toEqual(emptyFilters());
    expect(filtersFromHash('#/editor?from=2014-01-01')).toBeUndefined();
    expect(filtersFromHash('#/reportsx')).toBeUndefined();
    expect(sameFilters(f, filtersFromQuery(q))).toBe(true);
    expect(sameFilters(f, emptyFilters())).toBe(false);
  });

  it('ignores garbage in the URL', () => {
    expect(filtersFromQuery('from=yesterday&to=2014-13-01&neighborhood=nowhere&dataset=x&zzz=1')).toEqual(emptyFilters());
  });
});

describe('reports/filters (loose input)', () => {
  it('accepts a single string where a list is expected, and ignores non-strings', () => {
    const f = mergeFilters(emptyFilters(), { neighborhoods: 'Five Points' as unknown as string[], types: ['a', 3 as unknown as string] });
    expect(f.neighborhoods).toEqual(['five-points']);
    expect(f.types).toEqual(['a']);
  });
});

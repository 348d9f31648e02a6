import { describe, expect, it } from 'vitest';
import { normNeighborhood } from '../../../../src/ingest/normalize/neighborhood';

describe('ingest/normalize/neighborhood', () => {
  it.each<[string, string, string]>([
    ['Five Points', 'Five Points', 'five-points'],
    ['five-points', 'Five Points', 'five-points'],
    ['  FIVE POINTS ', 'Five Points', 'five-points'],
    ['Stapleton', 'Central Park', 'central-park'],
    ['Gateway / Green Valley Ranch', 'Gateway - Green Valley Ranch', 'gateway-green-valley-ranch'],
    ['cbd', 'CBD', 'cbd'],
    ['Cory - Merrill', 'Cory - Merrill', 'cory-merrill'],
  ])('%j → %j / %j', (input, name, slug) => {
    expect(normNeighborhood(input)).toEqual({ name, slug, known: true });
  });

  it('keeps an unknown value as the name, with its slug', () => {
    expect(normNeighborhood(' Lakewood Heights ')).toEqual({ name: 'Lakewood Heights', slug: 'lakewood-heights', known: false });
    expect(normNeighborhood('???')).toEqual({ name: '???', slug: null, known: false });
  });

  it.each(['', '  ', 'NULL'])('blank %j → null', (input) => {
    expect(normNeighborhood(input)).toBeNull();
  });
});

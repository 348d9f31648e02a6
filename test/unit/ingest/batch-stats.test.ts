import { describe, expect, it } from 'vitest';
import { countUnknownNeighborhood, createStats, mergeStats } from '../../../src/ingest/batch-stats';

describe('ingest/batch-stats', () => {
  it('merges the counters of parsers that read different records of one file', () => {
    const a = createStats();
    const b = createStats();
    a.accepted = 3;
    b.accepted = 4;
    b.rejected = 2;
    a.coordFlags = { zero: 1 };
    b.coordFlags = { zero: 2, swapped: 1 };
    b.invalidValues = { longitude: 5 };
    a.statusFixed = 1;
    b.statusUnknown = 2;
    a.strayQuotes = 1;
    b.strayQuotes = 2;
    countUnknownNeighborhood(a, 'Atlantis');
    countUnknownNeighborhood(b, 'Atlantis');
    countUnknownNeighborhood(b, 'Gotham');
    expect(mergeStats(a, b)).toEqual({
      accepted: 7,
      rejected: 2,
      coordFlags: { zero: 3, swapped: 1 },
      statusFixed: 1,
      statusUnknown: 2,
      unknownNeighborhoods: 3,
      unknownNeighborhoodNames: { Atlantis: 2, Gotham: 1 },
      invalidValues: { longitude: 5 },
      strayQuotes: 3,
    });
  });

  it('keeps at most 100 distinct unknown neighborhood names', () => {
    const a = createStats();
    const b = createStats();
    for (let i = 0; i < 80; i++) countUnknownNeighborhood(a, `a${i}`);
    for (let i = 0; i < 80; i++) countUnknownNeighborhood(b, `b${i}`);
    const m = mergeStats(a, b);
    expect(Object.keys(m.unknownNeighborhoodNames)).toHaveLength(100);
    expect(m.unknownNeighborhoods).toBe(160);
  });
});

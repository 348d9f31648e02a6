import { describe, expect, it } from 'vitest';
import { hashParts, Rng, WeightedTable } from '../../../src/gen/prng';

describe('gen/prng', () => {
  it('hashes parts deterministically and distinctly', () => {
    expect(hashParts(1, 'service_requests', 20362)).toBe(hashParts(1, 'service_requests', 20362));
    expect(hashParts(1, 'service_requests', 20362)).not.toBe(hashParts(1, 'service_requests', 20363));
    expect(hashParts(1, 'service_requests', 20362)).not.toBe(hashParts(2, 'service_requests', 20362));
  });

  it('replays the same stream from the same seed parts', () => {
    const a = Rng.from(7, 'x');
    const b = Rng.from(7, 'x');
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws with the right means', () => {
    const rng = Rng.from(3);
    const n = 20_000;
    const mean = (f: () => number): number => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => rng.next())).toBeCloseTo(0.5, 1);
    expect(mean(() => rng.normal())).toBeCloseTo(0, 1);
    expect(mean(() => rng.poisson(3))).toBeCloseTo(3, 0);
    expect(mean(() => rng.poisson(500)) / 500).toBeCloseTo(1, 1);
    const logs = Array.from({ length: n }, () => rng.logNormal(10, 1)).sort((x, y) => x - y);
    expect(logs[n / 2]).toBeGreaterThan(9);
    expect(logs[n / 2]).toBeLessThan(11);
  });

  it('weighted table follows the weights', () => {
    const table = new WeightedTable([['a', 1], ['b', 3], ['c', 0]] as const);
    const rng = Rng.from(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 8000; i++) counts[table.draw(rng)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    expect(() => new WeightedTable([['a', 0]])).toThrow();
  });
});

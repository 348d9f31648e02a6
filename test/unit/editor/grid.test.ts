import { describe, expect, it } from 'vitest';
import { gridWindow, MAX_SPACER_PX } from '../../../src/editor/grid-window';
import { nextSort, sortPermutation } from '../../../src/editor/sort';
import { resultOf } from './fixtures';

describe('editor/grid-window', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = gridWindow(0, 480, 24, 200_000, 5);
    expect(w).toEqual({ first: 0, last: 26, spacer: 4_800_000, top: 0 });
    const mid = gridWindow(24 * 1000, 480, 24, 200_000, 5);
    expect(mid.first).toBe(995);
    expect(mid.last - mid.first).toBeLessThan(40);
    expect(mid.top).toBe(995 * 24);
  });

  it('clamps at the end', () => {
    const w = gridWindow(4_800_000 - 480, 480, 24, 200_000, 5);
    expect(w.last).toBe(200_000);
  });

  it('scales very tall results under the height limit', () => {
    const rows = 5_000_000;
    const end = gridWindow(MAX_SPACER_PX - 480, 480, 24, rows, 0);
    expect(end.spacer).toBe(MAX_SPACER_PX);
    expect(end.last).toBe(rows);
    // the last row ends exactly at the bottom of the viewport
    expect(end.top + (end.last - end.first) * 24).toBeCloseTo(MAX_SPACER_PX, 0);
    const start = gridWindow(0, 480, 24, rows, 0);
    expect(start.first).toBe(0);
    expect(start.top).toBe(0);
  });

  it('handles empty results', () => {
    expect(gridWindow(0, 480, 24, 0)).toEqual({ first: 0, last: 0, spacer: 0, top: 0 });
  });
});

describe('editor/sort', () => {
  const rs = resultOf(
    [
      { name: 'n', type: 'BIGINT' },
      { name: 's', type: 'VARCHAR' },
    ],
    [
      [10, 'b'],
      [null, 'a'],
      [2, null],
      ['9007199254740993', 'c'],
      [2, 'B'],
    ],
  );

  it('sorts numbers numerically, NULLs last, stable', () => {
    expect([...sortPermutation(rs, { column: 0, dir: 'asc' })]).toEqual([2, 4, 0, 3, 1]);
    expect([...sortPermutation(rs, { column: 0, dir: 'desc' })]).toEqual([3, 0, 2, 4, 1]);
  });

  it('sorts text by code point, NULLs last', () => {
    expect([...sortPermutation(rs, { column: 1, dir: 'asc' })]).toEqual([4, 1, 0, 3, 2]);
  });

  it('cycles asc → desc → none', () => {
    const a = nextSort(null, 1);
    expect(a).toEqual({ column: 1, dir: 'asc' });
    expect(nextSort(a, 1)).toEqual({ column: 1, dir: 'desc' });
    expect(nextSort({ column: 1, dir: 'desc' }, 1)).toBeNull();
    expect(nextSort({ column: 1, dir: 'desc' }, 0)).toEqual({ column: 0, dir: 'asc' });
  });

  it('sorts 200k rows quickly', () => {
    const n = 200_000;
    const big = resultOf([{ name: 'x', type: 'DOUBLE' }], Array.from({ length: n }, (_, i) => [(i * 7919) % n]));
    const t0 = performance.now();
    const p = sortPermutation(big, { column: 0, dir: 'asc' });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(big.cell(p[0], 0)).toBe(0);
    expect(big.cell(p[n - 1], 0)).toBe(n - 1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clampWidth,
  dragWidth,
  fitWidth,
  KEY_STEP_PX,
  keyWidth,
  layoutWidth,
  MAX_COLUMN_PX,
  MIN_COLUMN_PX,
  sameColumns,
  sampleRows,
} from '../../../src/editor/column-width';

/** A font where every character is 7 px wide. */
const measure = (t: string) => t.length * 7;
const alt = { altKey: true, ctrlKey: false, metaKey: false, shiftKey: false };

describe('editor/column-width', () => {
  it('clamps a width to whole px within the limits', () => {
    expect(clampWidth(10)).toBe(MIN_COLUMN_PX);
    expect(clampWidth(5000)).toBe(MAX_COLUMN_PX);
    expect(clampWidth(120.4)).toBe(120);
    expect(clampWidth(120.6)).toBe(121);
    expect(clampWidth(Number.NaN)).toBe(MIN_COLUMN_PX);
  });

  it('samples the first and last rows and evenly spaced ones between, each once', () => {
    expect(sampleRows(0)).toEqual([]);
    expect(sampleRows(3)).toEqual([0, 1, 2]);
    const big = sampleRows(1_000_000);
    // 100 from each end and 100 between, the first of those being row 0 again.
    expect(big.length).toBe(299);
    expect(big.slice(0, 2)).toEqual([0, 1]);
    expect(big.at(-1)).toBe(999_999);
    expect(big).toContain(500_000);
    expect(new Set(big).size).toBe(big.length);
  });

  it('lays a column out to its widest cell or its header, within 64–360 px', () => {
    // 10 chars: 70 + 20 padding; the header "n" (7 × 1.1 + 26) and "BIGINT" (42 × 0.9 + 26) are narrower.
    expect(layoutWidth({ name: 'n', type: 'BIGINT', cells: ['1234567890', '1'] }, measure)).toBe(90);
    expect(layoutWidth({ name: 'n', type: 'INT', cells: ['1'] }, measure)).toBe(64);
    // A long header: 20 × 7 × 1.1 + 26 = 180.
    expect(layoutWidth({ name: 'a_rather_long_header', type: 'VARCHAR', cells: ['x'] }, measure)).toBe(180);
    // Values are measured up to 60 characters, and the column starts at most 360 px wide.
    expect(layoutWidth({ name: 's', type: 'VARCHAR', cells: ['x'.repeat(1000)] }, measure)).toBe(360);
  });

  it('fits a column to the whole of a wide value, beyond the first layout, up to the maximum', () => {
    const wide = 'x'.repeat(80);
    expect(fitWidth({ name: 's', type: 'VARCHAR', cells: ['a', wide] }, measure)).toBe(80 * 7 + 20);
    expect(fitWidth({ name: 's', type: 'VARCHAR', cells: ['x'.repeat(5000)] }, measure)).toBe(MAX_COLUMN_PX);
    // A fit may narrow a column below the first layout's minimum (3 × 7 × 0.9 + 26 for "INT"),
    // never below the header nor the least width a user can set.
    expect(fitWidth({ name: 'n', type: 'INT', cells: ['1'] }, measure)).toBe(45);
    expect(fitWidth({ name: '', type: '', cells: [''] }, () => 0)).toBe(MIN_COLUMN_PX);
    expect(fitWidth({ name: 'neighborhood', type: 'VARCHAR', cells: ['CBD'] }, measure)).toBe(Math.ceil(12 * 7 * 1.1 + 26));
  });

  it('follows the pointer while dragging, within the limits', () => {
    expect(dragWidth(100, 500, 580)).toBe(180);
    expect(dragWidth(100, 500, 450)).toBe(50);
    expect(dragWidth(100, 500, 100)).toBe(MIN_COLUMN_PX);
    expect(dragWidth(100, 500, 5000)).toBe(MAX_COLUMN_PX);
  });

  it('narrows and widens by one step with Alt+ArrowLeft / Alt+ArrowRight, and ignores other keys', () => {
    expect(keyWidth(100, { ...alt, key: 'ArrowLeft' })).toBe(100 - KEY_STEP_PX);
    expect(keyWidth(100, { ...alt, key: 'ArrowRight' })).toBe(100 + KEY_STEP_PX);
    expect(keyWidth(MIN_COLUMN_PX + 3, { ...alt, key: 'ArrowLeft' })).toBe(MIN_COLUMN_PX);
    expect(keyWidth(MAX_COLUMN_PX, { ...alt, key: 'ArrowRight' })).toBe(MAX_COLUMN_PX);
    expect(keyWidth(100, { ...alt, altKey: false, key: 'ArrowRight' })).toBeNull();
    expect(keyWidth(100, { ...alt, shiftKey: true, key: 'ArrowRight' })).toBeNull();
    expect(keyWidth(100, { ...alt, ctrlKey: true, key: 'ArrowLeft' })).toBeNull();
    expect(keyWidth(100, { ...alt, key: 'ArrowUp' })).toBeNull();
    expect(keyWidth(100, { ...alt, key: 'Enter' })).toBeNull();
  });

  it('keeps widths only for a result with the same columns, names and types in order', () => {
    const cols = [
      { name: 'n', type: 'BIGINT' },
      { name: 's', type: 'VARCHAR' },
    ];
    expect(sameColumns(cols, cols.map((c) => ({ ...c })))).toBe(true);
    expect(sameColumns(null, cols)).toBe(false);
    expect(sameColumns(cols, [cols[1], cols[0]])).toBe(false);
    expect(sameColumns(cols, [cols[0], { name: 's', type: 'INTEGER' }])).toBe(false);
    expect(sameColumns(cols, [cols[0]])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseShareHash, shareHash } from '../../../src/editor/share';

describe('editor/share', () => {
  it.each([
    ['SELECT 1'],
    [`SELECT 'it''s', "quoted ""ident""" FROM t WHERE a = 'x' -- comment`],
    ['SELECT 1;\n\tSELECT 2\r\n-- trailing'],
    ['SELECT neighborhood FROM events WHERE neighborhood = \'Cherry Creek\' AND note = \'café — naïve 日本\''],
    ['SELECT \'🦆🚗💥\' AS emoji, \'👩‍👩‍👧‍👦\' AS family'],
    ['SELECT 1 + 2 * 3 / 4 % 5 & 6 | 7 ? $1 #+/='],
    [''],
  ])('round-trips %j', (sql) => {
    const hash = shareHash(sql);
    expect(hash).toMatch(/^#\/sql\?sql=[A-Za-z0-9_-]*$/);
    expect(parseShareHash(hash)).toBe(sql);
  });

  it('accepts #sql= and other parameters', () => {
    const b = shareHash('SELECT 42').split('sql=')[1];
    expect(parseShareHash(`#sql=${b}`)).toBe('SELECT 42');
    expect(parseShareHash(`#/sql?x=1&sql=${b}`)).toBe('SELECT 42');
    expect(parseShareHash(`#sql?sql=${b}`)).toBe('SELECT 42');
  });

  it('accepts percent-encoded SQL', () => {
    expect(parseShareHash(`#/sql?sql=${encodeURIComponent("SELECT 'a b', 1;")}`)).toBe("SELECT 'a b', 1;");
  });

  it('returns null when the hash carries no SQL', () => {
    expect(parseShareHash('#/sql')).toBeNull();
    expect(parseShareHash('#/reports?sql=abc')).toBeNull();
    expect(parseShareHash('')).toBeNull();
    expect(parseShareHash('#/sql?sql=%E0%A4%A')).toBeNull();
  });
});

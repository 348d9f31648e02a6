import { describe, expect, it } from 'vitest';
import { normBigint, normDouble, normFlag, normInt, normText } from '../../../../src/ingest/normalize/values';

describe('ingest/normalize/values', () => {
  it.each<[string, string | null]>([
    ['Pothole', 'Pothole'],
    ['  TRAF - ACCIDENT   ', 'TRAF - ACCIDENT'],
    ['', null],
    ['  ', null],
    ['\t', null],
    ['NULL', null],
    ['null', null],
    ['N/A', 'N/A'],
    ['Café', 'Café'],
    ['\u00a0x\u00a0', 'x'],
  ])('normText(%j) = %j', (input, expected) => {
    expect(normText(input)).toBe(expected);
  });

  it.each<[string, string | null | undefined]>([
    ['20148031043544100', '20148031043544100'],
    ['201411917.0', '201411917'],
    ['201411917.00', '201411917'],
    ['  42  ', '42'],
    ['007', '7'],
    ['0', '0'],
    ['-0', '0'],
    ['-12', '-12'],
    ['+12', '12'],
    ['', null],
    ['  ', null],
    ['1.5', undefined],
    ['1.0E7', undefined],
    ['12a', undefined],
    ['.0', undefined],
    ['-', undefined],
    ['99999999999999999999999', '99999999999999999999999'],
  ])('normBigint(%j) = %j', (input, expected) => {
    expect(normBigint(input)).toBe(expected);
  });

  it.each<[string, number | null | undefined]>([
    ['5441', 5441],
    ['0', 0],
    ['5.0', 5],
    ['-3', -3],
    ['-0', 0],
    [' 7 ', 7],
    ['', null],
    ['  ', null],
    ['1.5', undefined],
    ['1e3', undefined],
    ['abc', undefined],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['2147483648', undefined],
  ])('normInt(%j) = %j', (input, expected) => {
    expect(normInt(input)).toBe(expected);
  });

  it.each<[string, number | null | undefined]>([
    ['-104.7155146', -104.7155146],
    ['39.8343955', 39.8343955],
    ['3220315.0', 3220315],
    ['1.5e3', 1500],
    ['0', 0],
    ['-0', 0],
    ['', null],
    ['  ', null],
    ['0x10', undefined],
    ['Infinity', undefined],
    ['1,5', undefined],
    ['.', undefined],
    ['1e999', undefined],
    ['--1', undefined],
  ])('normDouble(%j) = %j', (input, expected) => {
    expect(normDouble(input)).toBe(expected);
  });

  it.each<[string, number | null | undefined]>([
    ['1', 1],
    ['Y', 1],
    ['yes', 1],
    ['TRUE', 1],
    ['0', 0],
    ['N', 0],
    ['false', 0],
    ['1.0', 1],
    ['', null],
    ['  ', null],
    ['maybe', undefined],
    ['2', undefined],
  ])('normFlag(%j) = %j', (input, expected) => {
    expect(normFlag(input)).toBe(expected);
  });
});

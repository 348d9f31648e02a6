import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { chartSpec, chartValues, markFor, proposeChart, vlField } from '../../../src/editor/chart';
import { renderSpec, specErrors } from '../reports/spec-check';
import { resultOf } from './fixtures';

const col = (name: string, type: string) => ({ name, type });

describe('editor/chart', () => {
  it('proposes a line for time + number', () => {
    expect(proposeChart([col('day', 'DATE'), col('n', 'BIGINT')])).toEqual({ mark: 'line', x: 'day', y: 'n', color: null });
    expect(proposeChart([col('type', 'VARCHAR'), col('at', 'TIMESTAMP'), col('n', 'DOUBLE')])).toEqual({
      mark: 'line',
      x: 'at',
      y: 'n',
      color: 'type',
    });
  });

  it('proposes bars for category + number', () => {
    expect(proposeChart([col('neighborhood', 'VARCHAR'), col('n', 'BIGINT')])).toEqual({
      mark: 'bar',
      x: 'neighborhood',
      y: 'n',
      color: null,
    });
  });

  it('proposes a scatter for two numbers', () => {
    expect(proposeChart([col('longitude', 'DOUBLE'), col('latitude', 'DECIMAL(9,6)')])).toEqual({
      mark: 'point',
      x: 'longitude',
      y: 'latitude',
      color: null,
    });
  });

  it('proposes nothing without a fitting pair', () => {
    expect(proposeChart([col('a', 'VARCHAR'), col('b', 'VARCHAR')])).toBeNull();
    expect(proposeChart([col('n', 'BIGINT')])).toBeNull();
    expect(proposeChart([])).toBeNull();
  });

  it('follows the user’s x/y choice with the mark', () => {
    expect(markFor('TIMESTAMP', 'BIGINT')).toBe('line');
    expect(markFor('VARCHAR', 'BIGINT')).toBe('bar');
    expect(markFor('DOUBLE', 'BIGINT')).toBe('point');
  });

  it('builds a Vega-Lite spec with typed encodings', () => {
    const cols = [col('day', 'DATE'), col('n', 'BIGINT'), col('a.b', 'VARCHAR')];
    const spec = chartSpec({ mark: 'line', x: 'day', y: 'n', color: 'a.b' }, cols, [{ day: 0, n: 1, 'a.b': 'x' }]);
    expect(spec.encoding).toMatchObject({
      x: { field: 'day', type: 'temporal', scale: { type: 'utc' } },
      y: { field: 'n', type: 'quantitative' },
      color: { field: 'a\\.b', type: 'nominal' },
    });
    expect(spec.data).toEqual({ values: [{ day: 0, n: 1, 'a.b': 'x' }] });
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const bar = chartSpec({ mark: 'bar', x: 'a.b', y: 'n', color: null }, cols, []);
    expect(bar.encoding).toMatchObject({ x: { type: 'nominal', sort: '-y' } });
    expect(bar.mark).toMatchObject({ type: 'bar' });
  });

  it('escapes field paths', () => {
    expect(vlField('a.b[0]\\c')).toBe('a\\.b\\[0\\]\\\\c');
  });

  it('takes the first rows in the displayed order, big numbers as numbers', () => {
    const rs = resultOf([col('k', 'VARCHAR'), col('n', 'HUGEINT'), col('x', 'VARCHAR')], [
      ['a', '1', 'p'],
      ['b', '2', 'q'],
      ['c', '3', 'r'],
    ]);
    expect(chartValues(rs, ['k', 'n', 'k'], [2, 0, 1], 2)).toEqual([
      { k: 'c', n: 3 },
      { k: 'a', n: 1 },
    ]);
  });

  it.each([
    ['line', { mark: 'line', x: 'day', y: 'n', color: 'kind' }, 'line'],
    ['bar', { mark: 'bar', x: 'kind', y: 'n', color: null }, 'rect'],
    ['scatter', { mark: 'point', x: 'n', y: 'v', color: 'kind' }, 'symbol'],
  ] as const)('produces a valid, renderable %s spec', async (_name, choice, marktype) => {
    const rs = resultOf(
      [col('day', 'TIMESTAMP'), col('kind', 'VARCHAR'), col('n', 'BIGINT'), col('v', 'DOUBLE')],
      [
        [Date.UTC(2024, 0, 1), 'a', 3, 0.5],
        [Date.UTC(2024, 0, 2), 'b', 5, 1.5],
        [Date.UTC(2024, 0, 3), 'a', 4, 2.5],
      ],
    );
    const spec = chartSpec(choice, rs.columns, chartValues(rs, ['day', 'kind', 'n', 'v'])) as unknown as TopLevelSpec;
    expect(specErrors(spec)).toEqual([]);
    const out = await renderSpec(spec);
    expect(out.marks[marktype]).toBeGreaterThan(0);
  });
});

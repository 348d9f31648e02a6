import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { chartSpec, chartValues, markFor, proposeChart, vlField, type ChartChoice } from '../../../src/editor/chart';
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

  describe('looking at the rows', () => {
    const range = (n: number, f: (i: number) => unknown[]) => Array.from({ length: n }, (_, i) => f(i));

    it('charts SELECT * FROM service_requests: no all-NULL object_id, no colour by a free-text summary', () => {
      const cols = [
        col('object_id', 'BIGINT'),
        col('case_summary', 'VARCHAR'),
        col('case_status', 'VARCHAR'),
        col('created_at', 'TIMESTAMP'),
        col('longitude', 'DOUBLE'),
        col('council_district', 'INTEGER'),
      ];
      const rs = resultOf(cols, range(3000, (i) => [null, `summary ${i}`, i % 3 ? 'Closed' : 'Open', Date.UTC(2024, 0, 1) + i * 3.6e6, -104.9 - (i % 50) / 1000, 1 + (i % 11)]));
      expect(proposeChart(cols, rs)).toEqual({ mark: 'line', x: 'created_at', y: 'longitude', color: 'case_status' });
    });

    it('skips numbers named as ids', () => {
      for (const id of ['id', 'offense_id', 'OBJECTID', 'caseId', 'incident id']) {
        const cols = [col(id, 'BIGINT'), col('day', 'DATE'), col('n', 'BIGINT')];
        const rs = resultOf(cols, [[5, 0, 1], [9, 86_400_000, 1], [7, 172_800_000, 2]]);
        expect(proposeChart(cols, rs), id).toEqual({ mark: 'line', x: 'day', y: 'n', color: null });
      }
      // A name that merely ends in the letters is no id.
      const paid = [col('kind', 'VARCHAR'), col('paid', 'DOUBLE')];
      expect(proposeChart(paid, resultOf(paid, [['a', 1.5]]))?.y).toBe('paid');
    });

    it('skips distinct integers that number the rows, but uses them when nothing else is numeric', () => {
      const cols = [col('i', 'BIGINT'), col('h', 'VARCHAR'), col('v', 'DOUBLE')];
      const rs = resultOf(cols, range(500, (i) => [i, `h${i}`, (i % 7) / 2]));
      expect(proposeChart(cols, rs)).toMatchObject({ mark: 'bar', x: 'h', y: 'v' });
      const only = [col('h', 'VARCHAR'), col('i', 'BIGINT')];
      expect(proposeChart(only, resultOf(only, range(500, (i) => [`h${i}`, i * 37 + 5])))).toMatchObject({ x: 'h', y: 'i' });
    });

    it('keeps a grouped count whose values happen to differ', () => {
      const cols = [col('neighborhood', 'VARCHAR'), col('n', 'BIGINT'), col('avg_hours', 'DOUBLE')];
      const rs = resultOf(cols, range(78, (i) => [`hood ${i}`, 1000 - i * 7, i / 3]));
      expect(proposeChart(cols, rs)).toEqual({ mark: 'bar', x: 'neighborhood', y: 'n', color: null });
    });

    it('colours by a field of at most 12 values, else by none', () => {
      const cols = [col('at', 'TIMESTAMP'), col('n', 'DOUBLE'), col('kind', 'VARCHAR')];
      expect(proposeChart(cols, resultOf(cols, range(60, (i) => [i, i / 2, `k${i % 12}`])))?.color).toBe('kind');
      expect(proposeChart(cols, resultOf(cols, range(60, (i) => [i, i / 2, `k${i % 13}`])))?.color).toBeNull();
      expect(proposeChart(cols, resultOf(cols, range(60, (i) => [i, i / 2, null])))?.color).toBeNull();
    });

    it('skips an all-NULL time or number column', () => {
      const cols = [col('at', 'TIMESTAMP'), col('kind', 'VARCHAR'), col('x', 'DOUBLE'), col('n', 'DOUBLE')];
      const rs = resultOf(cols, range(5, (i) => [null, `k${i}`, null, i]));
      expect(proposeChart(cols, rs)).toEqual({ mark: 'bar', x: 'kind', y: 'n', color: null });
      const nothing = [col('n', 'DOUBLE'), col('kind', 'VARCHAR')];
      expect(proposeChart(nothing, resultOf(nothing, [[null, 'a']]))).toBeNull();
    });

    it('lays many categories out as horizontal bars sorted by value, few as columns', async () => {
      const cols = [col('type', 'VARCHAR'), col('n', 'BIGINT')];
      const choice: ChartChoice = { mark: 'bar', x: 'type', y: 'n', color: null };
      const many = chartValues(resultOf(cols, range(40, (i) => [`type ${i}`, (i * 13) % 40])), ['type', 'n']);
      const spec = chartSpec(choice, cols, many);
      expect(spec.encoding).toMatchObject({ y: { field: 'type', type: 'nominal', sort: '-x' }, x: { field: 'n', type: 'quantitative' } });
      expect(spec.height).toBeGreaterThan(320);
      expect(specErrors(spec as unknown as TopLevelSpec)).toEqual([]);
      expect((await renderSpec(spec as unknown as TopLevelSpec)).marks.rect).toBeGreaterThan(0);
      const few = chartValues(resultOf(cols, range(5, (i) => [`type ${i}`, i])), ['type', 'n']);
      expect(chartSpec(choice, cols, few).encoding).toMatchObject({ x: { field: 'type', sort: '-y' }, y: { field: 'n' } });
    });
  });
});

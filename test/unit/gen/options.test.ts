import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseCliArgs } from '../../../src/gen/options';

describe('gen/options', () => {
  it('defaults', () => {
    expect(parseCliArgs([])).toEqual({ out: 'public/data', options: DEFAULT_OPTIONS });
    expect(DEFAULT_OPTIONS).toEqual({
      seed: 1, scale: 1, start: '2025-10-01', days: 365, variant311: 'classic', variantAccidents: '2019', encoding: 'utf8',
    });
  });

  it('parses every option, in both spellings', () => {
    const parsed = parseCliArgs([
      '--out', '/tmp/x', '--seed=7', '--scale', '0.01', '--start', '2024-02-29', '--days', '10',
      '--variant311', 'arcgis', '--variantAccidents=2021', '--encoding', 'cp1252',
    ]);
    expect(parsed).toEqual({
      out: '/tmp/x',
      options: { seed: 7, scale: 0.01, start: '2024-02-29', days: 10, variant311: 'arcgis', variantAccidents: '2021', encoding: 'cp1252' },
    });
  });

  it.each([
    [['--seed', '1.5'], 'bad --seed'],
    [['--days', '0'], 'bad --days'],
    [['--scale', 'x'], 'bad --scale'],
    [['--start', '2025-13-01'], 'bad date'],
    [['--variant311', 'modern'], 'bad --variant311'],
    [['--encoding', 'latin1'], 'bad --encoding'],
    [['--colour', 'red'], 'unknown option: --colour'],
    [['--days'], 'missing value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

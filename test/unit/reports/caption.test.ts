import { describe, expect, it } from 'vitest';
import { filtersCaption, paramsCaption, titledSpec } from '../../../src/reports/caption';
import { emptyFilters, mergeFilters } from '../../../src/reports/filters';
import { REPORTS } from '../../../src/reports/registry';
import { withDefaults } from '../../../src/reports/types';

describe('reports/caption', () => {
  it('says when there is no filter', () => {
    expect(filtersCaption(emptyFilters())).toBe('all dates · all neighborhoods');
  });

  it('names every active filter, neighborhoods by name, long lists counted', () => {
    const f = mergeFilters(emptyFilters(), {
      from: '2025-01-01',
      to: '2025-03-31',
      neighborhoods: ['five-points', 'CBD'],
      types: ['A', 'B', 'C', 'D', 'E', 'F'],
      datasets: ['traffic_accidents'],
      sources: ['Phone'],
    });
    expect(filtersCaption(f)).toBe(
      '2025-01-01 to 2025-03-31 · Traffic accidents · Neighborhoods: CBD, Five Points · Types: A, B, C, D and 2 more · Source: Phone',
    );
    expect(filtersCaption(mergeFilters(emptyFilters(), { from: '2025-01-01' }))).toMatch(/^from 2025-01-01 · /);
    expect(filtersCaption(mergeFilters(emptyFilters(), { to: '2025-01-01' }))).toMatch(/^until 2025-01-01 · /);
  });

  it("names a report's choices by their labels", () => {
    const def = REPORTS.find((r) => (r.params ?? []).length > 0)!;
    const p = def.params![0];
    const other = p.options.find((o) => o.value !== p.default)!;
    const text = paramsCaption(def.params!, withDefaults(def, { [p.key]: other.value }));
    expect(text).toContain(`${p.label}: ${other.label}`);
    expect(paramsCaption([], {})).toBe('');
  });

  it('puts the title and the non-empty subtitle lines on top of any report spec, on white', () => {
    for (const def of REPORTS) {
      const spec = def.spec([], withDefaults(def), { width: 600 }) as unknown as Record<string, unknown>;
      expect(spec.title).toBeUndefined();
      const titled = titledSpec(spec as never, def.title, ['a', '', 'b']) as unknown as Record<string, any>;
      expect(titled.title).toMatchObject({ text: def.title, subtitle: ['a', 'b'] });
      expect(titled.background).toBe('white');
      expect(titled.datasets).toBe(spec.datasets);
    }
  });
});

/** On an empty store every report gives a readable empty state, never an exception. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters } from '../../../src/reports/filters';
import { emptyMessage } from '../../../src/reports/run';
import { withDefaults } from '../../../src/reports/types';
import { openEmptyDb } from './fixture';
import type { TestDb } from '../helpers/duckdb';

let db: TestDb;
beforeAll(async () => {
  db = await openEmptyDb();
});
afterAll(() => db.close());

describe('reports on an empty store', () => {
  it.each(REPORTS.map((r) => [r.id, r] as const))('%s says why it is empty', async (_id, def) => {
    const p = withDefaults(def);
    const raw = await db.query(def.sql(emptyFilters(), p));
    const rows = def.derive ? def.derive(raw, p) : raw;
    const msg = emptyMessage(def, emptyFilters(), rows, p);
    expect(typeof msg === 'string' && msg.length > 10).toBe(true);
  });
});

describe('yoy needs the same month in two years', () => {
  const yoy = REPORTS.find((r) => r.id === 'yoy')!;
  const row = (year: number, month: number, n = 100) => ({ dataset: 'traffic_accidents', year, month, n, days_with_data: 30, whole_month: true });
  it('12 months straddling New Year are not comparable', () => {
    const rows = [10, 11, 12].map((m) => row(2025, m)).concat([1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => row(2026, m)));
    expect(yoy.empty!(rows, {})).toMatch(/2025-10 to 2026-09/);
  });
  it('one shared month is enough, stray rows are not', () => {
    expect(yoy.empty!([row(2024, 1), row(2025, 1)], {})).toBeNull();
    expect(yoy.empty!([row(2024, 1), row(2024, 2), row(2024, 3), row(2025, 1, 1)], {})).not.toBeNull();
    expect(yoy.summarize!([row(2024, 1), row(2025, 1, 150)], {})).toBe('Traffic accidents: 150 in 2025 vs 100 in the same 1 month of 2024 (+50.0%).');
    expect(yoy.summarize!([row(2024, 1), row(2024, 2, 1900), row(2025, 1, 150), row(2025, 2)], {})).toBe(
      'Traffic accidents: 250 in 2025 vs 2,000 in the same 2 months of 2024 (-87.5%).',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/gen/civil-date';
import { EDIT_WINDOW_DAYS } from '../../../src/gen/format-accident';
import { column, datasetCsv, run } from './helpers';

// A ends 2025-12-31; B starts inside A and ends 2026-02-09. Shared days: 2025-12-11 .. 12-30,
// all within the edit window of A's end and far from B's.
const A = { start: '2025-12-01', days: 30 } as const;
const B = { start: '2025-12-11', days: 60 } as const;
const SHARED = (d: string): boolean => d >= '2025-12-11' && d <= '2025-12-30';

/** Rows grouped by the day they belong to. */
function byDay(rows: readonly string[][], dayOf: (r: readonly string[]) => string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const r of rows) {
    const day = dayOf(r);
    if (SHARED(day)) out.set(day, [...(out.get(day) ?? []), r]);
  }
  return out;
}

const usDay = (s: string): string => `${s.slice(6, 10)}-${s.slice(0, 2)}-${s.slice(3, 5)}`;

describe('gen/overlapping windows', () => {
  for (const variant311 of ['classic', 'arcgis'] as const) {
    it(`311 (${variant311}): shared days are identical except cases closed after the earlier window`, async () => {
      const a = datasetCsv(await run({ ...A, scale: 0.05, variant311 }), 'service_requests');
      const b = datasetCsv(await run({ ...B, scale: 0.05, variant311 }), 'service_requests');
      const dayCol = variant311 === 'classic' ? column(a.header, 'Case Created Date') : column(a.header, 'Case_Created_dttm');
      const dayOf = variant311 === 'classic'
        ? (r: readonly string[]): string => usDay(dayCol(r))
        : (r: readonly string[]): string => new Date(Number(dayCol(r)) - 7 * 3_600_000).toISOString().slice(0, 10);
      const status = a.header.findIndex((h) => h.replace('_', ' ') === 'Case Status');
      const closedCols = a.header.map((h, i) => (/Closed/.test(h) ? i : -1)).filter((i) => i >= 0);
      const daysA = byDay(a.rows, dayOf);
      const daysB = byDay(b.rows, dayOf);
      expect([...daysA.keys()]).toEqual([...daysB.keys()]);
      let reopened = 0;
      let same = 0;
      for (const [day, rowsA] of daysA) {
        const rowsB = daysB.get(day) ?? [];
        expect(rowsB.length, day).toBe(rowsA.length);
        rowsA.forEach((ra, i) => {
          const rb = rowsB[i];
          if (ra.join('\u0001') === rb.join('\u0001')) return void same++;
          reopened++;
          expect(['Open', 'In Progress', 'In-Progress']).toContain(ra[status]);
          expect(closedCols.every((c) => ra[c] === '' && rb[c] !== '')).toBe(true);
          const rest = (r: readonly string[]): string[] => r.filter((_, c) => c !== status && !closedCols.includes(c));
          expect(rest(ra)).toEqual(rest(rb));
        });
      }
      expect(same).toBeGreaterThan(500);
      expect(reopened).toBeGreaterThan(0);
    });
  }

  it('accidents: shared days are identical except preliminary versions near the earlier end', async () => {
    const a = datasetCsv(await run({ ...A, scale: 0.3 }), 'traffic_accidents');
    const b = datasetCsv(await run({ ...B, scale: 0.3 }), 'traffic_accidents');
    const reported = column(a.header, 'REPORTED_DATE');
    const daysA = byDay(a.rows, (r) => reported(r).slice(0, 10));
    const daysB = byDay(b.rows, (r) => reported(r).slice(0, 10));
    const editable = new Set(['OFFENSE_ID', 'OFFENSE_CODE', 'OFFENSE_TYPE_ID', 'NEIGHBORHOOD_ID', 'PRECINCT_ID']);
    const endA = (parseIsoDate(A.start) + A.days) * 86400;
    let edited = 0;
    for (const [day, rowsA] of daysA) {
      const rowsB = daysB.get(day) ?? [];
      expect(rowsB.length, day).toBe(rowsA.length);
      rowsA.forEach((ra, i) => {
        const rb = rowsB[i];
        if (ra.join('\u0001') === rb.join('\u0001')) return;
        edited++;
        const differing = a.header.filter((_, c) => ra[c] !== rb[c]);
        expect(differing.every((h) => editable.has(h)), differing.join()).toBe(true);
        const reportedSec = parseIsoDate(day) * 86400;
        expect(endA - reportedSec).toBeLessThanOrEqual((EDIT_WINDOW_DAYS + 1) * 86400);
      });
    }
    expect(edited).toBeGreaterThan(0);
    expect(edited).toBeLessThan(a.rows.length * 0.05);
  });

  it('OBJECTID identifies the same case in both windows', async () => {
    const a = datasetCsv(await run({ ...A, scale: 0.02, variant311: 'arcgis' }), 'service_requests');
    const b = datasetCsv(await run({ ...B, scale: 0.02, variant311: 'arcgis' }), 'service_requests');
    const summaryOf = new Map(b.rows.map((r) => [r[0], r[1]]));
    const shared = a.rows.filter((r) => summaryOf.has(r[0]));
    expect(shared.length).toBeGreaterThan(100);
    expect(shared.every((r) => summaryOf.get(r[0]) === r[1])).toBe(true);
  });
});

/**
 * Time to close: a group with many requests still open reads low (only its quick closures count
 * yet). Such groups are drawn faded and named in the sentence (a review found the latest months
 * of "Month created" looking faster than they were, undisclosed).
 */
import { describe, expect, it } from 'vitest';
import { getReport } from '../../../src/reports/registry';
import { OPEN_SHARE_FLAG } from '../../../src/reports/defs/resolution-by';
import type { Row } from '../../../src/reports/types';
import { renderSpec, specErrors } from './spec-check';

const report = getReport('resolution-by')!;

const group = (key: string, n: number, open: number, rank: number): Row => ({
  kind: 'group', key, n, median_hours: 48, p90_hours: 300, closed_at_creation: 0, closed_before_created: 0, open, rank,
});
const total: Row = { kind: 'total', key: null, n: 3000, median_hours: 48, p90_hours: 300, closed_at_creation: 0, closed_before_created: 0, open: 330, rank: 1 };

describe('resolution-by: groups with requests still open', () => {
  it('names the months with more than 2% still open, and only those', () => {
    expect(OPEN_SHARE_FLAG).toBe(0.02);
    const rows = [group('2026-08', 1000, 10, 1), group('2026-09', 1000, 30, 2), group('2026-10', 1000, 290, 3), total];
    expect(report.summarize!(rows, { dimension: 'month' })).toMatch(/ In 2 months \(2026-09, 2026-10\) more than 2% of the requests are still open, so their times read low \(faded\)\.$/);
    expect(report.summarize!([group('2026-10', 1000, 290, 1), total], { dimension: 'month' })).toMatch(/ In 2026-10 more than 2% of the requests are still open, so its times read low \(faded\)\.$/);
    expect(report.summarize!([group('Pothole', 1000, 290, 1), group('Graffiti', 1000, 1, 2), total], { dimension: 'type' })).toMatch(
      / 1 group has more than 2% of its requests still open, so its times read low \(faded\)\.$/,
    );
    expect(report.summarize!([group('Graffiti', 1000, 1, 1), total], { dimension: 'type' })).not.toMatch(/still open, so/);
  });

  it('draws those groups faded, with the open share in the tooltip', async () => {
    const rows = [group('2026-08', 1000, 10, 1), group('2026-10', 1000, 290, 2), total];
    const spec = report.spec(rows, { dimension: 'month' });
    expect(specErrors(spec)).toEqual([]);
    const r = await renderSpec(spec);
    expect(r.warnings).toEqual([]);
    // Each of the three layers draws both groups: the flagged one at 0.35, the other opaque.
    expect((r.svg.match(/opacity="0.35"/g) ?? []).length).toBe(3);
    expect(JSON.stringify(spec)).toContain('"title":"Still open"');
  });
});

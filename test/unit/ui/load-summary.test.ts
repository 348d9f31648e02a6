import { describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../../src/app/ingest-runner';
import { summaryText } from '../../../src/ui/home/load-panel';

const base: IngestSummary = {
  loadId: 3, dataset: 'service_requests', fileName: '311.csv.zip', sha256: 'x', rowsRead: 1200, inserted: 1000, updated: 150,
  unchanged: 40, stale: 0, duplicates: 10, rejected: 0, ms: 4321,
};

describe('ui/home/load-panel summaryText', () => {
  it('says what a load did, in words', () => {
    expect(summaryText(base)).toBe(
      '311.csv.zip → service_requests: 1,200 rows read, 1,000 new, 150 changed, 40 unchanged, 10 exact duplicates, 0 rejected in 4.3 s.',
    );
  });

  it('adds the rewrite in time order when the load compacted the table', () => {
    const s = { ...base, ms: 9000, compacted: { dataset: 'service_requests' as const, before: 0.58, after: 0.052, ms: 3456 } };
    expect(summaryText(s)).toMatch(/in 9\.0 s\. The table was then rewritten in time order \(3\.5 s of it\): a narrow date filter now reads 5\.2% of it instead of 58%\.$/);
  });
});

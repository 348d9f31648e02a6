/**
 * Throughput of BatchBuilder.add + flush on synthetic 311-like rows. Opt-in:
 * `BENCH=1 npx vitest run test/unit/ingest/batch-builder.bench.test.ts`
 */
import { describe, expect, it } from 'vitest';
import { NEIGHBORHOODS } from '../../../src/domain/neighborhoods';
import { BatchBuilder } from '../../../src/ingest/batch-builder';
import { detectHeader } from '../../../src/ingest/detect';
import { SR_CLASSIC } from './fixtures/headers';

function syntheticRows(n: number): string[][] {
  let seed = 12345;
  const rnd = (k: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % k;
  const types = Array.from({ length: 30 }, (_, i) => `Type ${i}`);
  const statuses = ['Closed', 'Open', 'In Progress', 'Transfered', 'closed'];
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const m = 1 + rnd(12);
    const d = 1 + rnd(28);
    const h = 1 + rnd(12);
    const ap = rnd(2) ? 'AM' : 'PM';
    const mm = String(rnd(60)).padStart(2, '0');
    const hood = NEIGHBORHOODS[rnd(78)];
    const hasCoords = rnd(10) < 3;
    out.push([
      `Summary ${rnd(5000)}, with "quotes" ${rnd(3) === 0 ? 'Café' : ''}`,
      statuses[rnd(5)],
      'Phone',
      `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/2019`,
      `${m}/${d}/2019 ${h}:${mm}:00 ${ap}`,
      rnd(5) ? `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/2019` : '',
      rnd(5) ? `${m}/${d}/2019 ${h}:${mm}:30 ${ap}` : '',
      rnd(2) ? 'Y' : 'N',
      `802${String(rnd(100)).padStart(2, '0')}`,
      `${rnd(9999)} E Colfax Ave`,
      '',
      rnd(3) ? '' : 'Broadway',
      rnd(3) ? '' : 'Colfax',
      `802${String(rnd(100)).padStart(2, '0')}`,
      hasCoords ? String(hood.lon + rnd(100) / 10000) : '0',
      hasCoords ? String(hood.lat + rnd(100) / 10000) : '0',
      'Transportation & Infrastructure',
      'Street Maintenance',
      'Streets',
      types[rnd(30)],
      'Topic',
      String(1 + rnd(11)),
      String(1 + rnd(6)),
      hood.name,
    ]);
  }
  return out;
}

describe.skipIf(!process.env.BENCH)('ingest/batch-builder throughput', () => {
  it('add + flush of 100k synthetic 311 rows', () => {
    const mapping = detectHeader(SR_CLASSIC);
    const N = 100_000;
    const CHUNK = 5_000;
    for (let round = 0; round < 5; round++) {
      const b = new BatchBuilder(mapping);
      let add = 0;
      for (let k = 0; k < N; k += CHUNK) {
        // Fresh strings per chunk, as a streaming parser hands them over (timed: add only).
        const rows: string[][] = JSON.parse(JSON.stringify(syntheticRows(CHUNK)));
        const t0 = performance.now();
        for (let i = 0; i < rows.length; i++) b.add(rows[i], k + i + 2);
        add += performance.now() - t0;
      }
      const t1 = performance.now();
      const bytes = b.flush();
      const flush = performance.now() - t1;
      console.log(
        `round ${round}: add ${add.toFixed(0)} ms, flush ${flush.toFixed(0)} ms, ` +
          `${Math.round((N / (add + flush)) * 1000).toLocaleString('en-US')} rows/s, IPC ${(bytes.length / 1e6).toFixed(1)} MB`,
      );
      expect(b.stats.accepted).toBe(N);
    }
  });
});

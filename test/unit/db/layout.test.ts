import { beforeEach, describe, expect, it } from 'vitest';
import { compactIfNeeded, rowGroups } from '../../../src/db/compact';
import { compactStatements, insertOrder, needsCompaction, scanFraction, sliceBoundaries, type GroupRange } from '../../../src/db/layout';
import { migrationSql } from '../../../src/db/schema';
import { openTestDb, type TestDb } from '../helpers/duckdb';

const DAY = 86_400_000;
const Y0 = Date.UTC(2025, 0, 1);

/** `k` groups of `n` rows that split [0, span) in order. */
const sortedGroups = (k: number, n: number, span: number): GroupRange[] =>
  Array.from({ length: k }, (_, i) => ({ n, lo: (i * span) / k, hi: ((i + 1) * span) / k }));

describe('db/layout: scanFraction, needsCompaction, sliceBoundaries', () => {
  it('reads 1/k of a table sorted into k equal groups, as sorted', () => {
    const f = scanFraction(sortedGroups(4, 100, 400))!;
    expect(f.actual).toBeCloseTo(0.25, 9);
    expect(f.sorted).toBeCloseTo(0.25, 9);
    expect(f.ratio).toBeCloseTo(1, 9);
    expect(needsCompaction(sortedGroups(8, 100, 800))).toBe(false);
  });

  it('counts groups that span the whole table (or have no range) as read by every filter', () => {
    const wide: GroupRange[] = Array.from({ length: 8 }, () => ({ n: 100, lo: 0, hi: 800 }));
    const f = scanFraction(wide)!;
    expect(f.actual).toBeCloseTo(1, 9);
    expect(f.ratio).toBeCloseTo(8, 9);
    expect(needsCompaction(wide)).toBe(true);
    expect(scanFraction([...sortedGroups(2, 100, 200), { n: 200, lo: null, hi: null }])!.actual).toBeCloseTo(0.5 * 0.5 + 0.5, 9);
  });

  it('leaves one update appended to a sorted table alone, and compacts once updates pile up', () => {
    // A year in 4 groups, then one load of new and changed rows spanning 11 of 12 months.
    const year = 365 * DAY;
    const base = sortedGroups(4, 122_880, year);
    const update = (i: number): GroupRange => ({ n: 35_000, lo: year / 12 + i * 30 * DAY, hi: year + (i + 1) * 30 * DAY });
    expect(needsCompaction([...base, update(0)])).toBe(false);
    const piled = [...base, ...Array.from({ length: 12 }, (_, i) => update(i))];
    expect(scanFraction(piled)!.ratio).toBeGreaterThan(3);
    expect(needsCompaction(piled)).toBe(true);
    // Too few groups to be worth it, whatever their ranges.
    expect(needsCompaction([{ n: 10, lo: 0, hi: 100 }, { n: 10, lo: 0, hi: 100 }, { n: 10, lo: 0, hi: 100 }])).toBe(false);
    expect(scanFraction([])).toBeNull();
    expect(scanFraction([{ n: 5, lo: 7, hi: 7 }])).toBeNull();
  });

  it('measures a table in time order at about 1x, even with many partly filled groups and uneven density', () => {
    // 4 full groups over a sparse first half of the span, then 12 loads of 35k rows, in order.
    const groups: GroupRange[] = [
      ...Array.from({ length: 4 }, (_, i) => ({ n: 122_880, lo: i * 100, hi: (i + 1) * 100 })),
      ...Array.from({ length: 12 }, (_, i) => ({ n: 35_000, lo: 400 + i * 30, hi: 400 + (i + 1) * 30 })),
    ];
    const f = scanFraction(groups)!;
    const full = 4 * 122_880;
    expect(f.ratio).toBeLessThanOrEqual(1 + (12 * 35_000) / full);
    expect(needsCompaction(groups)).toBe(false);
  });

  it('appends in file order only when its row groups would already follow time', () => {
    expect(insertOrder(sortedGroups(4, 122_880, 400))).toBe('file');
    // One group (or none): the order inside a group does not matter to its min / max.
    expect(insertOrder([{ n: 1000, lo: 0, hi: 400 }])).toBe('file');
    expect(insertOrder([])).toBe('file');
    expect(insertOrder([{ n: 60_000, lo: 0, hi: 400 }, { n: 60_000, lo: 0, hi: 400 }])).toBe('file');
    // Two parse workers' pieces interleaved: every group spans about twice its share of time.
    const interleaved: GroupRange[] = Array.from({ length: 4 }, (_, i) => ({ n: 122_880, lo: Math.max(0, (i - 0.5) * 100), hi: Math.min(400, (i + 1.5) * 100) }));
    expect(scanFraction(interleaved)!.ratio).toBeGreaterThan(1.5);
    expect(insertOrder(interleaved)).toBe('time');
    const scrambled: GroupRange[] = Array.from({ length: 4 }, () => ({ n: 122_880, lo: 0, hi: 400 }));
    expect(insertOrder(scrambled)).toBe('time');
  });

  it('cuts days into slices of at most maxRows rows (a bigger day is a slice of its own)', () => {
    const days = [10, 20, 30, 40, 5, 100, 1].map((n, i) => ({ day: Y0 + i * DAY, n }));
    expect(sliceBoundaries(days, 50)).toEqual([Y0 + 2 * DAY, Y0 + 3 * DAY, Y0 + 5 * DAY, Y0 + 6 * DAY]);
    expect(sliceBoundaries(days, 1000)).toEqual([]);
    expect(sliceBoundaries([], 10)).toEqual([]);
  });

  it('writes one sorted insert per slice, the rows without a time last, then swaps the table in', () => {
    const sql = compactStatements('service_requests', [Y0, Y0 + DAY]);
    expect(sql.filter((s) => s.startsWith('INSERT'))).toEqual([
      `INSERT INTO main."_lens_compact" SELECT * FROM "service_requests" WHERE "created_at" IS NOT NULL AND "created_at" < epoch_ms(${Y0}) ORDER BY "created_at"`,
      `INSERT INTO main."_lens_compact" SELECT * FROM "service_requests" WHERE "created_at" IS NOT NULL AND "created_at" >= epoch_ms(${Y0}) AND "created_at" < epoch_ms(${Y0 + DAY}) ORDER BY "created_at"`,
      `INSERT INTO main."_lens_compact" SELECT * FROM "service_requests" WHERE "created_at" IS NOT NULL AND "created_at" >= epoch_ms(${Y0 + DAY}) ORDER BY "created_at"`,
      `INSERT INTO main."_lens_compact" SELECT * FROM "service_requests" WHERE "created_at" IS NULL`,
    ]);
    expect(sql.slice(-2)).toEqual(['DROP TABLE "service_requests"', 'ALTER TABLE main."_lens_compact" RENAME TO "service_requests"']);
  });
});

describe('db/compact on DuckDB', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    for (const s of migrationSql(0)) db.exec(s);
  });

  /** A fingerprint of the table's rows, whatever their order (the keys are unique). */
  const contents = async () =>
    (await db.query(`SELECT count(*) AS n, CAST(bit_xor(hash(t)) AS VARCHAR) AS x, CAST(sum(hash(t) % 1000003) AS VARCHAR) AS s FROM service_requests t`))[0];

  it('rewrites a table stored out of time order sorted, with the same rows, and the view still reads it', async () => {
    // 400k requests over a year in scrambled order (7919 is coprime with 400000), some with no time.
    db.exec(`INSERT INTO service_requests (row_key, case_summary, created_at, type, first_seen, last_seen, version_load)
SELECT 'k' || i, 'summary ' || (i % 997), CASE WHEN i % 1000 = 7 THEN NULL ELSE TIMESTAMP '2025-01-01' + to_minutes(CAST((i * 7919) % 400000 AS BIGINT)) END,
  't' || (i % 50), 1, 1, 1
FROM range(400000) r(i)`);
    const before = await rowGroups(db, 'service_requests');
    expect(before.length).toBe(4);
    expect(scanFraction(before)!.actual).toBeGreaterThan(0.95);
    expect(needsCompaction(before)).toBe(true);
    const rows = await contents();
    const eventsBefore = (await db.query(`SELECT count(*) AS n FROM events WHERE dataset = 'service_requests'`))[0].n;

    const done = await compactIfNeeded(db, 'service_requests', { sliceRows: 90_000 });
    expect(done).not.toBeNull();
    expect(done!.before).toBeGreaterThan(0.95);
    expect(done!.after).toBeLessThan(0.3);

    expect(await contents()).toEqual(rows);
    const [order] = await db.query(`SELECT count(*) FILTER (WHERE created_at < prev) AS back, count(*) FILTER (WHERE created_at IS NULL AND rowid < 399600) AS early_nulls, count(*) AS n
FROM (SELECT rowid, created_at, lag(created_at) OVER (ORDER BY rowid) AS prev FROM service_requests)`);
    expect(order).toEqual({ back: 0, early_nulls: 0, n: 400000 });
    expect((await db.query(`SELECT count(*) AS n FROM events WHERE dataset = 'service_requests'`))[0].n).toBe(eventsBefore);
    // Sorted now: nothing more to do.
    expect(needsCompaction(await rowGroups(db, 'service_requests'))).toBe(false);
    expect(await compactIfNeeded(db, 'service_requests')).toBeNull();
  }, 120_000);

  it('leaves a table in time order as it is', async () => {
    db.exec(`INSERT INTO service_requests (row_key, created_at) SELECT 'k' || i, TIMESTAMP '2025-01-01' + to_minutes(CAST(i AS BIGINT)) FROM range(500000) r(i)`);
    const groups = await rowGroups(db, 'service_requests');
    expect(groups.length).toBe(5);
    expect(scanFraction(groups)!.ratio).toBeLessThan(1.1);
    expect(await compactIfNeeded(db, 'service_requests')).toBeNull();
  }, 120_000);
});

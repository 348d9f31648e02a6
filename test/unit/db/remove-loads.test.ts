import { beforeEach, describe, expect, it } from 'vitest';
import { sampleState } from '../../../src/app/app';
import { removeLoadsSql } from '../../../src/db/remove-loads-sql';
import { migrationSql } from '../../../src/db/schema';
import { openTestDb, type TestDb } from '../helpers/duckdb';

describe('db/remove-loads-sql', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
    for (const s of migrationSql(0)) db.exec(s);
    // Loads 1–2: the sample; 3: a real file that also holds the sample's record 'n:b'.
    db.exec(`INSERT INTO ingest_log (load_id, dataset, source) VALUES (1, 'traffic_accidents', 'sample'), (2, 'service_requests', 'sample'), (3, 'traffic_accidents', 'file')`);
    db.exec(`INSERT INTO traffic_accidents (row_key, first_occurrence_at, offense_type_id, first_seen, last_seen, version_load) VALUES
      ('o:a', TIMESTAMP '2025-01-01 10:00', 'x', 1, 1, 1),
      ('o:b', TIMESTAMP '2025-01-02 10:00', 'x', 1, 3, 1),
      ('o:c', TIMESTAMP '2025-01-03 10:00', 'x', 3, 3, 3)`);
    db.exec(`INSERT INTO service_requests (row_key, created_at, type, first_seen, last_seen, version_load) VALUES ('n:s', TIMESTAMP '2025-01-01 09:00', 'Pothole', 2, 2, 2)`);
    db.exec(`INSERT INTO traffic_accidents_history (row_key, first_occurrence_at, first_seen, last_seen, version_load, replaced_by_load) VALUES ('o:a', TIMESTAMP '2025-01-01 10:00', 1, 1, 1, 1)`);
    db.exec(`INSERT INTO rejected_rows (load_id, line) VALUES (1, 5), (3, 7)`);
  });

  it('removes what only the given loads brought, keeps what another load holds, and recounts the rollups', async () => {
    for (const s of removeLoadsSql([1, 2])) db.exec(s);
    expect(await db.query(`SELECT row_key FROM traffic_accidents ORDER BY 1`)).toEqual([{ row_key: 'o:b' }, { row_key: 'o:c' }]);
    expect(await db.query(`SELECT count(*) AS n FROM service_requests`)).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT count(*) AS n FROM traffic_accidents_history`)).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT load_id FROM ingest_log ORDER BY 1`)).toEqual([{ load_id: 3 }]);
    expect(await db.query(`SELECT load_id FROM rejected_rows`)).toEqual([{ load_id: 3 }]);
    expect(await db.query(`SELECT dataset, sum(n) AS n FROM daily_counts GROUP BY 1`)).toEqual([{ dataset: 'traffic_accidents', n: 2 }]);
  });

  it('does nothing for no loads, and refuses what is not a load id', () => {
    expect(removeLoadsSql([])).toEqual([]);
    expect(() => removeLoadsSql([1.5])).toThrow(/load id/);
  });
});

describe('app/sampleState', () => {
  it('tells the sample alone, loaded files alone, both, or nothing', () => {
    const sample = { source: 'bundled synthetic sample' };
    const file = { source: 'file' };
    expect(sampleState([])).toBe('empty');
    expect(sampleState([sample, sample])).toBe('sample');
    expect(sampleState([file])).toBe('real');
    expect(sampleState([file, sample])).toBe('mixed');
  });
});

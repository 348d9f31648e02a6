/** The real 2014 traffic-accidents sample (kept outside the repo in ../shared/data/real). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../src/domain/columns';
import { BatchBuilder } from '../../../src/ingest/batch-builder';
import { StreamDecoder } from '../../../src/ingest/decode';
import { detectHeader } from '../../../src/ingest/detect';
import { openTestDb } from '../helpers/duckdb';

const FILE = resolve(process.cwd(), '../shared/data/real/denver_traffic_accidents_2014_sample_drewrwilson.csv');

describe.skipIf(!existsSync(FILE))('ingest on the real 2014 accidents sample', () => {
  function load() {
    const bytes = new Uint8Array(readFileSync(FILE));
    const decoder = new StreamDecoder();
    let text = '';
    for (let i = 0; i < bytes.length; i += 65_536) text += decoder.push(bytes.subarray(i, i + 65_536));
    text += decoder.end();
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
    const [header, ...records] = parsed.data;
    const mapping = detectHeader(header);
    const builder = new BatchBuilder(mapping);
    const rejects = records.map((r, i) => builder.add(r, i + 2)).filter((r) => r !== null);
    return { decoder, mapping, builder, records, rejects };
  }

  it('detects accidents-17 with lng/lat as longitude/latitude', () => {
    const { mapping, decoder } = load();
    expect(decoder.encoding).toBe('utf-8');
    expect(mapping.variant).toBe('accidents-17');
    const cols = columnsOf('traffic_accidents');
    const src = (name: string) => mapping.header[mapping.sourceIndex[cols.findIndex((c) => c.name === name)]];
    expect(src('longitude')).toBe('lng');
    expect(src('latitude')).toBe('lat');
    expect(mapping.extra).toEqual([]);
  });

  it('accounts for all 4,171 records and loads them into DuckDB', async () => {
    const { builder, records, rejects } = load();
    expect(records).toHaveLength(4171);
    expect(builder.stats.accepted + builder.stats.rejected).toBe(4171);
    expect(rejects).toHaveLength(builder.stats.rejected);
    expect(builder.stats.unknownNeighborhoods).toBe(0);
    expect(builder.stats.coordFlags.out_of_city).toBeGreaterThanOrEqual(1); // the DMS row at -105.50

    const db = await openTestDb();
    try {
      db.insertIpc(builder.flush(), 'acc');
      const [r] = await db.query(`
        SELECT count(*) AS n, count(DISTINCT row_key) AS keys, count(DISTINCT neighborhood_slug) AS hoods,
               count(last_occurrence_at) AS last_filled, count(*) FILTER (WHERE incident_id LIKE '%.%') AS float_ids
        FROM acc`);
      expect(r).toEqual({ n: builder.stats.accepted, keys: builder.stats.accepted, hoods: 78, last_filled: 29, float_ids: 0 });
    } finally {
      db.close();
    }
  });
});

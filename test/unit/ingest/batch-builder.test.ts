import { tableFromIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../../src/ingest/batch-builder';
import { StreamDecoder } from '../../../src/ingest/decode';
import { detectHeader } from '../../../src/ingest/detect';
import { stagingColumns } from '../../../src/ingest/staging-schema';
import { ACC_19, SR_ARCGIS, SR_CLASSIC } from './fixtures/headers';
import { accRecord, srArcgisRecord, srRecord } from './fixtures/rows';

const U = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

function rows(t: Table): Record<string, unknown>[] {
  return t.toArray().map((r) => ({ ...r.toJSON() }));
}

function build(header: string[], records: string[][]): { b: BatchBuilder; t: Table; rejects: (string | null)[] } {
  const b = new BatchBuilder(detectHeader(header));
  const rejects = records.map((r, i) => b.add(r, i + 2));
  return { b, t: tableFromIPC(b.flush()), rejects };
}

describe('ingest/batch-builder', () => {
  it('emits the staging schema for both datasets', () => {
    for (const header of [SR_CLASSIC, ACC_19]) {
      const m = detectHeader(header);
      const t = tableFromIPC(new BatchBuilder(m).flush());
      expect(t.numRows).toBe(0);
      expect(t.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(
        stagingColumns(m.dataset).map((c) => [c.name, c.arrow]),
      );
    }
  });

  it('normalizes a 311 record', () => {
    const { t, rejects, b } = build(SR_CLASSIC, [srRecord({ 'Case Status': 'closed', 'Case Summary': ' Café “Red Days” ' })]);
    expect(rejects).toEqual([null]);
    const [r] = rows(t);
    expect(r).toMatchObject({
      object_id: null,
      case_summary: 'Café “Red Days”',
      case_status: 'Closed',
      status_raw: 'closed',
      created_at: U(2019, 10, 14, 22, 20),
      closed_at: U(2019, 10, 15, 9, 5),
      incident_address_2: null,
      longitude: -104.9689,
      latitude: 39.7402,
      coord_flag: null,
      council_district: 10,
      neighborhood: 'Cheesman Park',
      neighborhood_slug: 'cheesman-park',
      extra: null,
      source_line: 2,
    });
    expect(r.row_key).toMatch(/^n:[0-9a-f]{16}$/);
    expect(r.content_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.stats).toMatchObject({ accepted: 1, rejected: 0, statusFixed: 1 });
  });

  it('falls back to Case Created Date and counts unreadable non-key values as NULL', () => {
    const { t, b } = build(SR_CLASSIC, [
      srRecord({ 'Case Created dttm': '', 'Council District': 'ten', 'Case Closed dttm': 'soon', 'Case Closed Date': '' }),
    ]);
    const [r] = rows(t);
    expect(r.created_at).toBe(U(2019, 10, 14));
    expect(r.council_district).toBeNull();
    expect(r.closed_at).toBeNull();
    expect(b.stats.invalidValues).toEqual({ council_district: 1, closed_at: 1 });
  });

  it('rejects bad records with readable reasons', () => {
    const long = 'x'.repeat(100);
    const { rejects, t, b } = build(SR_CLASSIC, [
      srRecord().slice(0, 22),
      [...srRecord(), 'a', 'b'],
      SR_CLASSIC.map(() => ' '),
      [''],
      srRecord({ 'Case Created dttm': long, 'Case Created Date': '' }),
      srRecord({ 'Case Created dttm': '', 'Case Created Date': '' }),
      srRecord(),
    ]);
    expect(rejects).toEqual([
      'expected 24 fields, found 22',
      'expected 24 fields, found 26',
      'empty record',
      'empty record',
      `unparseable Case Created dttm: "${'x'.repeat(80)}…"`,
      'missing Case Created dttm / Case Created Date',
      null,
    ]);
    expect(t.numRows).toBe(1);
    expect(rows(t)[0].source_line).toBe(8);
    expect(b.stats).toMatchObject({ accepted: 1, rejected: 6 });
  });

  it('uses the fallback date when the preferred event time is unreadable, and counts it', () => {
    const { t, b } = build(SR_CLASSIC, [srRecord({ 'Case Created dttm': 'yesterday' })]);
    expect(rows(t)[0].created_at).toBe(U(2019, 10, 14));
    expect(b.stats.invalidValues).toEqual({ created_at: 1 });
  });

  it('keys 311 rows by identity, not by status or close time; hashes normalized content', () => {
    const { t } = build(SR_CLASSIC, [
      srRecord(),
      srRecord({ 'Case Created dttm': '10/14/2019 10:20:00 PM ', 'Case Created Date': '10/14/2019' }),
      srRecord({ 'Case Closed dttm': '10/15/2019 09:05:00 AM' }), // zero-padded: same content
      srRecord({ 'Case Status': 'Open', 'Case Closed dttm': '', 'Case Closed Date': '' }),
      srRecord({ 'Incident Address 1': '1501 E Colfax Ave' }),
    ]);
    const r = rows(t);
    expect(new Set(r.slice(0, 4).map((x) => x.row_key)).size).toBe(1);
    expect(r[4].row_key).not.toBe(r[0].row_key);
    expect(r[1].content_hash).toBe(r[0].content_hash);
    expect(r[2].content_hash).toBe(r[0].content_hash);
    expect(r[3].content_hash).not.toBe(r[0].content_hash);
  });

  it('hashes the same text read from Windows-1252 and UTF-8 bytes alike', () => {
    const line = srRecord({ 'Case Summary': 'Café “Red Days” – naïve' }).join('|');
    const cp = Uint8Array.from(line, (ch) => ({ 'é': 0xe9, 'ï': 0xef, '“': 0x93, '”': 0x94, '–': 0x96 })[ch] ?? ch.charCodeAt(0));
    const decode = (bytes: Uint8Array) => {
      const d = new StreamDecoder();
      return { text: d.push(bytes) + d.end(), encoding: d.encoding };
    };
    const a = decode(cp);
    const b = decode(new TextEncoder().encode(line));
    expect([a.encoding, b.encoding]).toEqual(['windows-1252', 'utf-8']);
    const { t } = build(SR_CLASSIC, [a.text.split('|'), b.text.split('|')]);
    const r = rows(t);
    expect(r[0].case_summary).toBe('Café “Red Days” – naïve');
    expect(r[0].content_hash).toBe(r[1].content_hash);
    expect(r[0].row_key).toBe(r[1].row_key);
  });

  it('keys ArcGIS 311 rows by their natural key and hashes them without the OBJECTID, so a record reads the same from either variant', () => {
    const arcgis = rows(build(SR_ARCGIS, [srArcgisRecord('12345'), srArcgisRecord('12346'), srArcgisRecord('')]).t);
    const classic = rows(build(SR_CLASSIC, [srRecord()]).t);
    expect(arcgis[0].object_id).toBe('12345');
    expect(arcgis[0].row_key).toMatch(/^n:/);
    for (const r of arcgis) expect([r.row_key, r.content_hash]).toEqual([classic[0].row_key, classic[0].content_hash]);
  });

  it('nulls and flags bad coordinates, repairs swapped ones', () => {
    const { t, b } = build(SR_CLASSIC, [
      srRecord({ Longitude: '', Latitude: '' }),
      srRecord({ Longitude: '0', Latitude: '0' }),
      srRecord({ Longitude: '39.74', Latitude: '39.74' }),
      srRecord({ Longitude: '39.7402', Latitude: '-104.9689' }),
      srRecord({ Longitude: '-105.5', Latitude: '39.69' }),
      srRecord({ Longitude: 'west', Latitude: '39.69' }),
    ]);
    expect(rows(t).map((r) => [r.longitude, r.latitude, r.coord_flag])).toEqual([
      [null, null, 'missing'],
      [null, null, 'zero'],
      [null, null, 'lon_eq_lat'],
      [-104.9689, 39.7402, 'swapped'],
      [null, null, 'out_of_city'],
      [null, null, 'missing'],
    ]);
    expect(b.stats.coordFlags).toEqual({ missing: 2, zero: 1, lon_eq_lat: 1, swapped: 1, out_of_city: 1 });
    expect(b.stats.invalidValues).toEqual({ longitude: 1 });
  });

  it('keeps unknown neighborhoods as written and counts them', () => {
    const { t, b } = build(SR_CLASSIC, [srRecord({ Neighborhood: 'Lakewood Heights' }), srRecord({ Neighborhood: '' })]);
    const r = rows(t);
    expect([r[0].neighborhood, r[0].neighborhood_slug]).toEqual(['Lakewood Heights', 'lakewood-heights']);
    expect([r[1].neighborhood, r[1].neighborhood_slug]).toEqual([null, null]);
    expect(b.stats.unknownNeighborhoods).toBe(1);
    expect(b.stats.unknownNeighborhoodNames).toEqual({ 'Lakewood Heights': 1 });
  });

  it('normalizes accident records and keys them by offense id', () => {
    const { t, rejects } = build(ACC_19, [
      accRecord(),
      accRecord({ OFFENSE_ID: '', FIRST_OCCURRENCE_DATE: '' }),
      accRecord({ OFFENSE_ID: '', INCIDENT_ID: '' }),
      accRecord({ OFFENSE_ID: 'abc', INCIDENT_ID: '' }),
      accRecord({ FIRST_OCCURRENCE_DATE: '', REPORTED_DATE: '' }),
      accRecord({ OFFENSE_ID: '20148031043544100' }),
    ]);
    expect(rejects).toEqual([
      null,
      null,
      'missing OFFENSE_ID / INCIDENT_ID',
      'unparseable OFFENSE_ID: "abc"',
      'missing FIRST_OCCURRENCE_DATE / REPORTED_DATE',
      null,
    ]);
    const r = rows(t);
    expect(r[0]).toMatchObject({
      row_key: 'o:201411917544100',
      incident_id: '201411917',
      offense_id: '201411917544100',
      offense_code: 5441,
      first_occurrence_at: U(2014, 1, 8, 7, 44, 59),
      last_occurrence_at: null,
      geo_x: 3157343,
      neighborhood: 'Cherry Creek',
      neighborhood_slug: 'cherry-creek',
      bicycle_ind: 1,
      pedestrian_ind: null,
      harmful_event_seq_1: null,
    });
    expect(r[1]).toMatchObject({ row_key: 'i:201411917', offense_id: null, first_occurrence_at: U(2014, 1, 8, 7, 44, 59) });
    expect(r[2]).toMatchObject({ row_key: 'o:20148031043544100', offense_id: '20148031043544100' });
  });

  it('keeps unknown columns as a JSON object under their original names', () => {
    const header = [...ACC_19, 'Weather Note', 'Crew'];
    const { t } = build(header, [
      [...accRecord(), ' icy "black" ice ', ''],
      [...accRecord(), '', '  '],
    ]);
    const r = rows(t);
    expect(JSON.parse(r[0].extra as string)).toEqual({ 'Weather Note': 'icy "black" ice' });
    expect(r[1].extra).toBeNull();
    expect(r[0].content_hash).not.toBe(r[1].content_hash);
  });

  it('flushes in batches and resets', () => {
    const b = new BatchBuilder(detectHeader(SR_CLASSIC));
    for (let i = 0; i < 5; i++) b.add(srRecord({ 'Case Summary': `ü ${i}` }), i + 2);
    expect(b.length).toBe(5);
    const first = tableFromIPC(b.flush());
    expect(b.length).toBe(0);
    b.add(srRecord({ 'Case Summary': 'last' }), 99);
    const second = tableFromIPC(b.flush());
    expect(first.numRows).toBe(5);
    expect(first.getChild('case_summary')?.toArray()).toEqual(['ü 0', 'ü 1', 'ü 2', 'ü 3', 'ü 4']);
    expect(second.numRows).toBe(1);
    expect(second.getChild('source_line')?.get(0)).toBe(99);
    expect(b.stats.accepted).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../src/domain/columns';
import { detectHeader, HeaderError, type HeaderMapping } from '../../../src/ingest/detect';
import {
  ACC_17, ACC_17_LNG, ACC_19, ACC_45, ACC_47, ACC_48, SR_ARCGIS, SR_CLASSIC, SR_OBJECTID_LAST,
} from './fixtures/headers';

function sourceOf(m: HeaderMapping, column: string): string | undefined {
  const i = columnsOf(m.dataset).findIndex((c) => c.name === column);
  return m.sourceIndex[i] >= 0 ? m.header[m.sourceIndex[i]] : undefined;
}

function thrown(fields: string[]): HeaderError {
  try {
    detectHeader(fields);
  } catch (e) {
    if (e instanceof HeaderError) return e;
    throw e;
  }
  throw new Error('expected a HeaderError');
}

describe('ingest/detect detectHeader', () => {
  it.each<[string, string[], string, number]>([
    ['311 classic', SR_CLASSIC, '311-classic', 24],
    ['311 ArcGIS, OBJECTID first', SR_ARCGIS, '311-arcgis', 25],
    ['311 layer, ObjectId last', SR_OBJECTID_LAST, '311-arcgis', 25],
    ['311 lower-case underscores', SR_CLASSIC.map((h) => h.toLowerCase().replace(/ /g, '_')), '311-arcgis', 24],
  ])('%s', (_name, header, variant, fieldCount) => {
    const m = detectHeader(header);
    expect(m.dataset).toBe('service_requests');
    expect(m.variant).toBe(variant);
    expect(m.fieldCount).toBe(fieldCount);
    expect(m.extra).toEqual([]);
    expect(m.ignored).toEqual([]);
    expect(sourceOf(m, 'created_at')).toMatch(/Case.Created.dttm/i);
    expect(m.header[m.sourceIndices![columnsOf(m.dataset).findIndex((c) => c.name === 'created_at')][1]]).toMatch(
      /Case.Created.Date/i,
    );
    expect(sourceOf(m, 'object_id') !== undefined).toBe(fieldCount === 25);
    expect(m.sourceIndex.filter((i) => i >= 0)).toHaveLength(fieldCount - 2); // created/closed Date are fallbacks
  });

  it.each<[string, string[], string, number]>([
    ['2014, GEO_LON/GEO_LAT', ACC_17, 'accidents-17', 0],
    ['2014 sample, lng/lat', ACC_17_LNG, 'accidents-17', 0],
    ['2016–2020', ACC_19, 'accidents-19', 0],
    ['2021 lower case', ACC_45, 'accidents-45', 0],
    ['2024+ upper case', ACC_47, 'accidents-47', 0],
    ['2023 with shape', ACC_48, 'accidents-48', 1],
  ])('accidents %s', (_name, header, variant, ignored) => {
    const m = detectHeader(header);
    expect(m.dataset).toBe('traffic_accidents');
    expect(m.variant).toBe(variant);
    expect(m.extra).toEqual([]);
    expect(m.ignored).toHaveLength(ignored);
    expect(sourceOf(m, 'longitude')).toMatch(/^(GEO_LON|geo_lon|lng)$/i);
    expect(sourceOf(m, 'latitude')).toMatch(/^(GEO_LAT|geo_lat|lat)$/i);
    expect(sourceOf(m, 'offense_id')).toMatch(/offense_id/i);
    expect(sourceOf(m, 'first_occurrence_at')).toMatch(/first_occurrence_date/i);
  });

  it('maps the 2023 variants: shape ignored, MOST → seq 3, POINT_X/Y', () => {
    const m = detectHeader(ACC_48);
    expect(m.ignored).toEqual(['shape']);
    expect(sourceOf(m, 'harmful_event_seq_3')).toBe('HARMFUL_EVENT_SEQ_MOST');
    expect(sourceOf(m, 'point_x')).toBe('POINT_X');
    expect(sourceOf(m, 'object_id')).toBe('object_id');
    expect(sourceOf(m, 'offense_type_id')).toBe('top_traffic_accident_offense');
  });

  it('strips a BOM and padding from header names', () => {
    const m = detectHeader(['\uFEFFCase Summary', ...SR_CLASSIC.slice(1).map((h) => ` ${h} `)]);
    expect(m.header[0]).toBe('Case Summary');
    expect(m.header[1]).toBe('Case Status');
    expect(m.variant).toBe('311-classic');
  });

  it('keeps unknown columns as extra with their original names', () => {
    const m = detectHeader([...ACC_19, 'Weather Note', '']);
    expect(m.extra).toEqual([{ index: 19, header: 'Weather Note' }]);
    expect(m.ignored).toEqual(['']);
    expect(m.fieldCount).toBe(21);
  });

  it('rejects an unknown header, naming the columns', () => {
    const e = thrown(['foo', 'bar', 'baz']);
    expect(e.message).toBe(
      'Unknown file: none of the columns match the 311 or traffic-accident layouts (unmatched: foo, bar, baz)',
    );
    expect(e.unmatched).toEqual(['foo', 'bar', 'baz']);
  });

  it('rejects a header where only a few names match', () => {
    const e = thrown(['Type', 'Agency', 'Longitude', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(e.message).toMatch(/^Unknown file/);
  });

  it('rejects a known layout that lacks its key columns', () => {
    const e = thrown(SR_CLASSIC.filter((h) => !h.startsWith('Case Created')));
    expect(e.message).toMatch(/311 service-request file.*Case Created dttm or Case Created Date/);
    const a = thrown(ACC_19.filter((h) => h !== 'OFFENSE_ID' && h !== 'INCIDENT_ID'));
    expect(a.message).toMatch(/traffic-accident file.*OFFENSE_ID or INCIDENT_ID/);
  });

  it('rejects duplicate header names, naming them', () => {
    const e = thrown([...SR_CLASSIC, 'Case_Status']);
    expect(e.message).toBe('The header names these columns more than once: Case Status / Case_Status');
    expect(e.unmatched).toEqual(['Case Status / Case_Status']);
  });

  it('rejects an empty header', () => {
    expect(thrown(['']).message).toMatch(/empty/);
    expect(thrown([]).message).toMatch(/empty/);
  });
});

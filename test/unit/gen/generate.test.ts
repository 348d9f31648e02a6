import { describe, expect, it } from 'vitest';
import { HEADER_311_ARCGIS, HEADER_311_CLASSIC, HEADER_ACCIDENTS_2019, HEADER_ACCIDENTS_2021 } from '../../../src/gen/headers';
import { column, coordState, datasetCsv, decodeCp1252, entryBytes, run, sha256, tally, textFlaws, type Generated } from './helpers';

const SMALL = { scale: 0.01, start: '2025-12-01', days: 60 } as const;

function flawsOf(g: Generated, dataset: string): Record<string, number> {
  return g.manifest.files.find((f) => f.dataset === dataset)?.flaws ?? {};
}

describe('gen/generate', () => {
  it('is deterministic: same options give identical bytes, another seed does not', async () => {
    const a = await run(SMALL);
    const b = await run(SMALL);
    const c = await run({ ...SMALL, seed: 2 });
    for (const name of ['311_service_requests.csv.zip', 'traffic_accidents.csv.zip', 'manifest.json']) {
      expect(sha256(a.files.get(name) as Uint8Array)).toBe(sha256(b.files.get(name) as Uint8Array));
    }
    expect(sha256(a.files.get('311_service_requests.csv.zip') as Uint8Array)).not.toBe(
      sha256(c.files.get('311_service_requests.csv.zip') as Uint8Array),
    );
  });

  it('writes the headers of each variant', async () => {
    const classic = await run({ ...SMALL, days: 3 });
    expect(datasetCsv(classic, 'service_requests').header).toEqual(HEADER_311_CLASSIC);
    expect(datasetCsv(classic, 'traffic_accidents').header).toEqual(HEADER_ACCIDENTS_2019);
    const other = await run({ ...SMALL, days: 3, variant311: 'arcgis', variantAccidents: '2021' });
    expect(datasetCsv(other, 'service_requests').header).toEqual(HEADER_311_ARCGIS);
    expect(datasetCsv(other, 'traffic_accidents').header).toEqual(HEADER_ACCIDENTS_2021);
    expect(HEADER_311_CLASSIC).toHaveLength(24);
    expect(HEADER_311_ARCGIS.slice(0, 3)).toEqual(['OBJECTID', 'Case_Summary', 'Case_Status']);
    expect(HEADER_ACCIDENTS_2019).toHaveLength(19);
    expect(HEADER_ACCIDENTS_2021).toHaveLength(45);
    expect(other.manifest.files.map((f) => f.header)).toEqual([HEADER_311_ARCGIS, HEADER_ACCIDENTS_2021]);
  });

  it('311 manifest counts match an independent parse', async () => {
    const g = await run(SMALL);
    const file = g.manifest.files[0];
    const { header, rows, bytes } = datasetCsv(g, 'service_requests');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(file.records).toBe(rows.length);
    expect(file.uniqueRecords).toBe(new Set(rows.map((r) => JSON.stringify(r))).size);
    expect(file.exactDuplicates).toBe(file.records - file.uniqueRecords);
    expect(file.exactDuplicates).toBeGreaterThan(0);
    expect(file.csvBytes).toBe(bytes.length);
    expect(file.zipBytes).toBe(g.files.get(file.file)?.length);
    const flaws = flawsOf(g, 'service_requests');
    const text = tally(rows.flatMap(textFlaws));
    for (const name of ['field_with_comma', 'field_with_quote', 'field_with_line_break', 'non_ascii_text', 'padded_text']) {
      expect(flaws[name], name).toBe(text[name] ?? 0);
      expect(flaws[name], name).toBeGreaterThan(0);
    }
    const lon = column(header, 'Longitude');
    const lat = column(header, 'Latitude');
    const coords = tally(rows.map((r) => coordState(lon(r), lat(r))));
    for (const name of ['coord_blank', 'coord_zero', 'lon_eq_lat', 'swapped_lon_lat', 'out_of_city']) {
      expect(flaws[name], name).toBe(coords[name] ?? 0);
    }
    expect((coords.coord_blank + coords.coord_zero) / rows.length).toBeGreaterThan(0.6);
    const status = column(header, 'Case Status');
    const canonical = new Set(['Closed', 'Open', 'In Progress', 'Transferred']);
    expect(flaws.status_variant).toBe(rows.filter((r) => !canonical.has(status(r))).length);
    const closed = column(header, 'Case Closed dttm');
    expect(flaws.never_closed + flaws.closed_after_window).toBe(rows.filter((r) => closed(r) === '').length);
    const created = column(header, 'Case Created dttm');
    const canon = (s: string): string => s.replace(/\b0(\d)/g, '$1');
    expect(flaws.closed_at_creation).toBe(rows.filter((r) => closed(r) !== '' && canon(closed(r)) === canon(created(r))).length);
    expect(flaws.closed_at_creation / rows.length).toBeGreaterThan(0.3);
    const padded = rows.filter((r) => /^0|\/0| 0/.test(closed(r))).length;
    expect(padded).toBeGreaterThan(0);
    expect(padded).toBeLessThanOrEqual(flaws.zero_padded_dttm);
    expect(rows.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r[3]) && /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/.test(created(r)))).toBe(true);
    expect(flaws.exact_duplicate).toBe(file.exactDuplicates);
  });

  it('accident manifest counts match an independent parse', async () => {
    const g = await run({ ...SMALL, scale: 0.2 });
    const file = g.manifest.files[1];
    const { header, rows, bytes } = datasetCsv(g, 'traffic_accidents');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(file.records).toBe(rows.length);
    expect(file.uniqueRecords).toBe(new Set(rows.map((r) => JSON.stringify(r))).size);
    expect(file.csvBytes).toBe(bytes.length);
    const flaws = flawsOf(g, 'traffic_accidents');
    const text = tally(rows.flatMap(textFlaws));
    for (const name of ['field_with_comma', 'field_with_quote', 'field_with_line_break', 'non_ascii_text', 'padded_text', 'two_space_placeholder']) {
      expect(flaws[name], name).toBe(text[name] ?? 0);
    }
    const get = (name: string): ((r: readonly string[]) => string) => column(header, name);
    const coords = tally(rows.map((r) => coordState(get('GEO_LON')(r), get('GEO_LAT')(r))));
    for (const name of ['coord_blank', 'coord_zero', 'swapped_lon_lat', 'out_of_city']) expect(flaws[name], name).toBe(coords[name] ?? 0);
    expect(flaws.float_ids).toBe(rows.length);
    expect(rows.every((r) => /^\d+\.0$/.test(get('INCIDENT_ID')(r)))).toBe(true);
    expect(rows.every((r) => get('OFFENSE_ID')(r) === `${get('INCIDENT_ID')(r).slice(0, -2)}${get('OFFENSE_CODE')(r)}00`)).toBe(true);
    expect(rows.every((r) => BigInt(get('OFFENSE_ID')(r)) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    expect(flaws.microseconds).toBe(rows.filter((r) => r.some((f) => f.endsWith('.000001'))).length);
    expect(flaws.neighborhood_blank).toBe(rows.filter((r) => get('NEIGHBORHOOD_ID')(r).trim() === '').length);
    expect(flaws.address_blank).toBe(rows.filter((r) => get('INCIDENT_ADDRESS')(r).trim() === '').length);
    expect(flaws.district_letters).toBe(rows.filter((r) => /[A-Z]/.test(get('DISTRICT_ID')(r))).length);
    const types = tally(rows.map(get('OFFENSE_TYPE_ID')));
    expect(types['traffic-accident']).toBeGreaterThan(types['traffic-accident-hit-and-run']);
    expect(rows.some((r) => get('BICYCLE_IND')(r) === '1') && rows.some((r) => get('PEDESTRIAN_IND')(r) === '1')).toBe(true);
  });

  it('utf8bom prepends a BOM; cp1252 writes Windows-1252 bytes with every field quoted', async () => {
    const bom = await run({ ...SMALL, days: 20, encoding: 'utf8bom' });
    const bomBytes = entryBytes(bom.files.get('311_service_requests.csv.zip') as Uint8Array, '311_service_requests.csv');
    expect([...bomBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const plain = await run({ ...SMALL, days: 20 });
    const plainBytes = entryBytes(plain.files.get('311_service_requests.csv.zip') as Uint8Array, '311_service_requests.csv');
    expect(sha256(bomBytes.slice(3))).toBe(sha256(plainBytes));

    const cp = await run({ ...SMALL, days: 20, encoding: 'cp1252' });
    const cpBytes = entryBytes(cp.files.get('311_service_requests.csv.zip') as Uint8Array, '311_service_requests.csv');
    expect(cpBytes.some((b) => b >= 0x80)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cpBytes)).toThrow();
    const text = decodeCp1252(cpBytes);
    expect(text.startsWith('"Case Summary","Case Status",')).toBe(true);
    const cpRows = datasetCsv(cp, 'service_requests').rows;
    expect(cpRows).toEqual(datasetCsv(plain, 'service_requests').rows);
    expect(text.split('\r\n').filter((l) => l !== '' && !l.startsWith('"')).length).toBeLessThan(5);
    expect(cp.manifest.files[0].flaws).toEqual(plain.manifest.files[0].flaws);
  });

  it('arcgis writes epoch milliseconds of the Denver local times and a stable OBJECTID', async () => {
    const classic = datasetCsv(await run({ ...SMALL, days: 10 }), 'service_requests');
    const arcgis = datasetCsv(await run({ ...SMALL, days: 10, variant311: 'arcgis' }), 'service_requests');
    expect(arcgis.rows).toHaveLength(classic.rows.length);
    const denver = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Denver', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true,
    });
    const created = column(arcgis.header, 'Case_Created_dttm');
    const createdDate = column(arcgis.header, 'Case_Created_Date');
    classic.rows.forEach((row, i) => {
      const ms = Number(created(arcgis.rows[i]));
      expect(denver.format(new Date(ms)).replace(',', '')).toBe(row[4]);
      expect(Number(createdDate(arcgis.rows[i])) % 3_600_000).toBe(0);
      expect(arcgis.rows[i].slice(1, 3)).toEqual(row.slice(0, 2));
    });
    const ids = arcgis.rows.map((r) => r[0]);
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
  });
});

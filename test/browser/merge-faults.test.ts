/**
 * Updates and faults in a real browser (issue 3): a newer overlapping file merges (new rows in,
 * changed rows updated with history, older rows kept), the same file again changes nothing, an
 * older file does not roll anything back, and cancel, reload mid-load, truncated / corrupt /
 * multi-CSV / CSV-less zips all leave the store's checksum unchanged.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runGenerator } from '../../scripts/data';
import { DEFAULT_OPTIONS } from '../../src/gen';
import { launch, openApp, startServer, storeChecksum, type Browser } from './harness';
import type { StaticServer } from './server';

const q = (page: Page, sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<any[]>;
const ingest = (page: Page, url: string, entry?: string) =>
  page.evaluate(
    async ({ url, entry }) => {
      try {
        return { ok: true, ...(await (window as any).lens.ingestUrl(url, entry)) };
      } catch (e) {
        return { ok: false, message: (e as Error).message };
      }
    },
    { url, entry },
  );

describe('merge and faults in Chromium', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const F = '/fixtures/';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lens-fixtures-'));
    const quiet = () => undefined;
    const base = { ...DEFAULT_OPTIONS, scale: 0.05, start: '2025-01-01', days: 365 };
    await runGenerator(join(dir, 'year1'), base, quiet);
    await runGenerator(join(dir, 'year2'), { ...base, start: '2025-01-31' }, quiet);
    await runGenerator(join(dir, 'big'), { ...base, scale: 0.4, start: '2024-01-01' }, quiet);
    const zip = readFileSync(join(dir, 'year1/traffic_accidents.csv.zip'));
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad/truncated.zip'), zip.subarray(0, Math.floor(zip.length * 0.6)));
    const corrupt = Uint8Array.from(zip);
    for (let i = 200; i < corrupt.length - 200; i += 97) corrupt[i] ^= 0x5a;
    writeFileSync(join(dir, 'bad/corrupt.zip'), corrupt);
    const small = 'INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,OFFENSE_TYPE_ID,OFFENSE_CATEGORY_ID,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,BICYCLE_IND,PEDESTRIAN_IND\n';
    writeFileSync(join(dir, 'bad/two.zip'), zipSync({ 'a.csv': strToU8(small + '1.0,1544100,5441,0,traffic-accident,traffic-accident,2025-03-01 10:00:00,,2025-03-01 10:00:00,X,,,,,1,111,cbd,,\n'), 'b.csv': strToU8(small) }));
    writeFileSync(join(dir, 'bad/nocsv.zip'), zipSync({ 'readme.md': strToU8('no data here') }));
    server = await startServer({ [F]: dir });
    browser = await launch();
    ({ page } = await openApp(browser.context, server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges a newer overlapping year: new rows in, changed rows updated with history, old rows kept', async () => {
    const a = await ingest(page, `${F}year1/311_service_requests.csv.zip`);
    expect(a.ok).toBe(true);
    const afterFirst = Number((await q(page, `SELECT count(*) AS n FROM service_requests WHERE first_seen = ${a.loadId}`))[0].n);
    expect(afterFirst).toBe(a.inserted);
    const b = await ingest(page, `${F}year2/311_service_requests.csv.zip`);
    expect(b.ok).toBe(true);
    // Each load measures the table's layout (db/layout.ts): the update's row group spans most of
    // its year, so a date filter reads more of the table than before, but not 3x what it would
    // read sorted: no rewrite yet.
    for (const s of [a, b]) {
      expect(s.layout.actual).toBeGreaterThan(0);
      expect(s.layout.actual).toBeLessThanOrEqual(1);
      expect(s.layout.ratio).toBeCloseTo(s.layout.actual / s.layout.sorted, 9);
      expect(s.layout.ratio).toBeLessThan(3);
      expect(s.compacted).toBeUndefined();
    }
    expect(b.layout.actual).toBeGreaterThan(a.layout.actual);
    expect(b.inserted).toBeGreaterThan(0);
    expect(b.updated).toBeGreaterThan(0);
    expect(b.inserted + b.updated + b.unchanged + b.stale + b.rejected + b.duplicates).toBe(b.rowsRead);
    const [counts] = await q(
      page,
      `SELECT count(*) FILTER (WHERE first_seen = ${a.loadId}) AS from_a, count(*) FILTER (WHERE first_seen = ${b.loadId}) AS from_b,
              count(*) FILTER (WHERE first_seen = ${a.loadId} AND last_seen = ${a.loadId}) AS only_a,
              count(*) FILTER (WHERE version_load = ${b.loadId} AND first_seen = ${a.loadId}) AS changed
       FROM service_requests`,
    );
    expect(counts.from_a).toBe(a.inserted);
    expect(counts.from_b).toBe(b.inserted);
    expect(counts.only_a).toBeGreaterThan(0);
    expect(counts.changed).toBe(b.updated);
    const [hist] = await q(page, `SELECT count(*) AS n FROM service_requests_history WHERE replaced_by_load = ${b.loadId}`);
    expect(hist.n).toBe(b.updated);
    const [log] = await q(page, `SELECT inserted, updated, unchanged FROM ingest_log WHERE load_id = ${b.loadId}`);
    expect(log).toEqual({ inserted: b.inserted, updated: b.updated, unchanged: b.unchanged });
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await storeChecksum(page);
    const again = await ingest(page, `${F}year2/311_service_requests.csv.zip`);
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0 });
    expect(again.sameAsLoad).toBeGreaterThan(0);
    // Same name and size: the file was only read and hashed, never parsed or staged.
    expect(again.phases.mode).toBeLessThan(again.phases.hashed);
    expect(again.phases.insert).toBeUndefined();
    expect(await storeChecksum(page)).toBe(before);
  });

  it('loads in full a different file that has the name and size of one loaded before', async () => {
    // Same name and size: the load hashes the file first; the hash differs, so it starts over
    // and parses it.
    const header = 'INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,OFFENSE_TYPE_ID,OFFENSE_CATEGORY_ID,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,BICYCLE_IND,PEDESTRIAN_IND\n';
    const row = (address: string) => `7.0,7000001,5441,0,traffic-accident,traffic-accident,2025-03-02 10:00:00,,2025-03-02 10:00:00,${address},,,,,1,111,cbd,,\n`;
    const load = (text: string) =>
      page.evaluate((t) => (window as any).lens.ingestFile(new File([t], 'twins.csv', { type: 'text/csv' })), text);
    const first = await load(header + row('100 Main St'));
    expect(first).toMatchObject({ inserted: 1, updated: 0 });
    const second = await load(header + row('200 Main St'));
    expect(second.sameAsLoad).toBeUndefined();
    expect(second).toMatchObject({ inserted: 0, updated: 1 });
    const third = await load(header + row('200 Main St'));
    expect(third).toMatchObject({ inserted: 0, updated: 0, sameAsLoad: second.loadId });
    const [stored] = await q(page, `SELECT incident_address FROM traffic_accidents WHERE offense_id = 7000001`);
    expect(stored.incident_address).toBe('200 Main St');
  });

  it('does not roll records back when the older file is loaded after the newer one', async () => {
    const newer = await ingest(page, `${F}year2/traffic_accidents.csv.zip`);
    expect(newer.ok).toBe(true);
    const snapshotSql = `SELECT row_key, content_hash FROM traffic_accidents WHERE first_seen = ${newer.loadId} ORDER BY row_key`;
    const snapshot = await q(page, snapshotSql);
    const older = await ingest(page, `${F}year1/traffic_accidents.csv.zip`);
    expect(older.ok).toBe(true);
    expect(older.updated).toBe(0);
    expect(older.stale).toBeGreaterThan(0);
    expect(older.inserted).toBeGreaterThan(0);
    expect(await q(page, snapshotSql)).toEqual(snapshot);
  });

  for (const [name, code] of [
    ['truncated.zip', 'truncated'],
    ['corrupt.zip', 'corrupt'],
    ['nocsv.zip', 'no CSV'],
  ] as const) {
    it(`refuses ${name} with a clear message and leaves the store unchanged`, async () => {
      const before = await storeChecksum(page);
      const r = await ingest(page, `${F}bad/${name}`);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(new RegExp(code, 'i'));
      expect(await storeChecksum(page)).toBe(before);
    });
  }

  it('offers each CSV of a multi-CSV zip and loads the chosen one', async () => {
    const before = await storeChecksum(page);
    const r = await ingest(page, `${F}bad/two.zip`);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/a\.csv.*b\.csv/);
    expect(await storeChecksum(page)).toBe(before);
    const chosen = await ingest(page, `${F}bad/two.zip`, 'a.csv');
    expect(chosen).toMatchObject({ ok: true, inserted: 1 });
  });

  it('leaves the store unchanged when a load is cancelled', async () => {
    const before = await storeChecksum(page);
    await page.fill('[data-testid=url-input]', `${server.url}${F}big/311_service_requests.csv.zip`);
    await page.click('[data-testid=load-url]');
    await page.waitForFunction(() => /rows/.test(document.querySelector('[data-testid=progress-detail]')?.textContent ?? '') && !/^0 B/.test(document.querySelector('[data-testid=progress-detail]')?.textContent ?? ''));
    await page.click('[data-testid=cancel-load]');
    await page.waitForFunction(() => document.querySelector('[data-testid=load-error]')?.getAttribute('data-code') === 'cancelled', undefined, { timeout: 60_000 });
    expect(await storeChecksum(page)).toBe(before);
  });

  it('leaves the store unchanged when the tab reloads mid-load', async () => {
    const before = await storeChecksum(page);
    // The evaluation dies with the page on reload; that is the point.
    page.evaluate((u) => (window as any).lens.ingestUrl(u), `${F}big/311_service_requests.csv.zip`).catch(() => undefined);
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=progress-detail]')?.textContent ?? '').replace(/,/g, '').match(/(\d+) rows/)?.[1] ?? 0) > 20_000, undefined, { timeout: 60_000 });
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    expect(await storeChecksum(page)).toBe(before);
  });
});

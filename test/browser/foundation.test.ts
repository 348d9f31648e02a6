/**
 * The foundation in a real browser: first visit loads the bundled sample; every record is
 * accounted for; a reload keeps the data (OPFS); a dropped CSV is ingested; the classic and
 * ArcGIS variants of one period store their cases once; an unknown header is refused without touching the store; a second tab gets the lock message and a read-only view.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SR_ARCGIS, SR_CLASSIC } from '../unit/ingest/fixtures/headers';
import { srArcgisRecord, srRecord } from '../unit/ingest/fixtures/rows';
import { DIST, SHARED_REAL, count, openApp, storeChecksum, useBrowser } from './harness';

interface ManifestFile {
  dataset: string;
  records: number;
  exactDuplicates: number;
}

const manifest = JSON.parse(readFileSync(join(DIST, 'data/manifest.json'), 'utf8')) as { files: ManifestFile[] };
const file = (d: string) => manifest.files.find((f) => f.dataset === d)!;

/** CSV text (every field quoted, CRLF) of a header and records. */
const csvOf = (header: string[], rows: string[][]) =>
  [header, ...rows].map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

/** Drops files on the drop zone through a DataTransfer, as a user's drag and drop would. */
async function dropFile(page: import('playwright-core').Page, name: string, text: string, type = 'text/csv'): Promise<void> {
  const handle = await page.evaluateHandle(
    ({ name, text, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type }));
      return dt;
    },
    { name, text, type },
  );
  await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer: handle });
}

describe('foundation in Chromium', () => {
  const env = useBrowser();

  it('loads the default sample on a first visit and accounts for every record', async () => {
    const { page, errors } = await openApp(env.browser.context, env.server);
    for (const d of ['service_requests', 'traffic_accidents']) {
      const m = file(d);
      const [log] = await page.evaluate(
        async (ds) => (window as any).lens.query(`SELECT rows_read, inserted, updated, unchanged, duplicates, rejected FROM ingest_log WHERE dataset = '${ds}'`),
        d,
      );
      const stored = await count(page, d);
      const rejected = Number((await page.evaluate(async (ds) => (window as any).lens.query(`SELECT count(*) AS n FROM rejected_rows WHERE dataset = '${ds}'`), d))[0].n);
      expect(log.rows_read).toBe(m.records);
      expect(stored + rejected + log.duplicates).toBe(m.records);
      expect(log.duplicates).toBe(m.exactDuplicates);
      expect(stored).toBeGreaterThan(0);
    }
    expect(await page.locator('[data-testid=synthetic-banner]').isVisible()).toBe(true);
    expect(Number(await page.getAttribute('[data-testid=count-service_requests]', 'data-count'))).toBe(await count(page, 'service_requests'));
    expect(await page.locator('[data-testid=monthly-counts] tbody tr').count()).toBeGreaterThanOrEqual(12);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the data across a reload (OPFS)', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const before = await storeChecksum(page);
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    expect(await storeChecksum(page)).toBe(before);
    const status = await page.evaluate(() => (window as any).lens.status());
    expect(status.mode).toBe('opfs');
    expect(status.loads.length).toBe(2);
    await page.close();
  });

  it('rewrites a table in time order on OPFS with the same rows, and the rewrite survives a reload', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const q = (sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<Record<string, unknown>[]>;
    const order = `SELECT count(*) FILTER (WHERE created_at < prev) AS back, count(*) AS n
      FROM (SELECT created_at, lag(created_at) OVER (ORDER BY rowid) AS prev FROM service_requests)`;
    const before = await storeChecksum(page);
    const [{ n }] = await q(`SELECT count(*) AS n FROM service_requests`);
    // Shuffle the table's order (as out-of-order loads would), then rewrite it.
    await q(`BEGIN; CREATE TEMP TABLE shuffled AS SELECT * FROM service_requests ORDER BY hash(row_key); DELETE FROM service_requests;
      INSERT INTO service_requests SELECT * FROM shuffled; DROP TABLE shuffled; COMMIT`);
    expect(Number((await q(order))[0].back)).toBeGreaterThan(100);
    const done = await page.evaluate(() => (window as any).lens.compact('service_requests', true));
    expect(done.dataset).toBe('service_requests');
    expect(await q(order)).toEqual([{ back: 0, n }]);
    expect(await storeChecksum(page)).toBe(before);
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    expect(await q(order)).toEqual([{ back: 0, n }]);
    expect(await storeChecksum(page)).toBe(before);
    // Sorted: nothing more to do unless forced.
    expect(await page.evaluate(() => (window as any).lens.compact('service_requests'))).toBeNull();
    await page.close();
  });

  it('ingests a CSV dropped on the drop zone', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    expect((await page.evaluate(() => (window as any).lens.status())).writable).toBe(true);
    const before = await count(page, 'traffic_accidents');
    const csv =
      'INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,OFFENSE_TYPE_ID,OFFENSE_CATEGORY_ID,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,BICYCLE_IND,PEDESTRIAN_IND\n' +
      '9900000001.0,9900000001544100,5441,0,traffic-accident,traffic-accident,2026-01-05 08:10:00,,2026-01-05 08:30:00,"COLFAX AVE / N BROADWAY, DENVER",3143000.0,1694000.0,-104.9873,39.7401,6,611,civic-center,,\n' +
      '9900000002.0,9900000002544100,5441,0,traffic-accident,traffic-accident,2026-01-06 17:45:00,,2026-01-06 18:00:00,<b>bold</b> & co,3143000.0,1694000.0,-104.9400,39.7500,2,221,city-park,1,\n' +
      // An unescaped quote inside a quoted field (as in the 2013–14 files): read as its writer meant.
      '9900000003.0,9900000003544100,5441,0,traffic-accident,traffic-accident,2026-01-07 07:00:00,,2026-01-07 07:20:00,"E COLFAX AVE AT "THE BLUEBIRD"",3143000.0,1694000.0,-104.9500,39.7400,6,611,city-park,,\n' +
      'not,enough,fields\n';
    await dropFile(page, 'two-accidents.csv', csv);
    await page.waitForFunction(() => document.querySelector('[data-testid=load-message]')?.textContent?.includes('two-accidents.csv'));
    expect(await page.locator('[data-testid=load-message]').textContent()).toMatch(/4 rows read, 3 new.*1 rejected/);
    expect(await count(page, 'traffic_accidents')).toBe(before + 3);
    const log = await page.evaluate(() => (window as any).lens.query(`SELECT * FROM ingest_log ORDER BY load_id DESC LIMIT 1`));
    expect(log[0]).toMatchObject({ file_name: 'two-accidents.csv', rows_read: 4, inserted: 3, rejected: 1, variant: 'accidents-19' });
    expect(log[0].note).toBe('1 record has unescaped quotes inside a quoted field, read with the quotes as text');
    const quoted = await page.evaluate(() => (window as any).lens.query(`SELECT incident_address FROM traffic_accidents WHERE incident_id = 9900000003`));
    expect(quoted).toEqual([{ incident_address: 'E COLFAX AVE AT "THE BLUEBIRD"' }]);
    const rejects = await page.evaluate(() => (window as any).lens.query(`SELECT line, reason, raw FROM rejected_rows ORDER BY load_id DESC, line LIMIT 1`));
    expect(rejects[0].line).toBe(5);
    expect(rejects[0].raw).toBe('not,enough,fields');
    await page.close();
  });

  it('stores the cases of a classic 311 file and of the ArcGIS export of the same period once', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const cases = [0, 1, 2].map((i) => ({ 'Case Summary': `Variant twin ${i} ${Date.now()}`, 'Incident Address 1': `${100 + i} Lens St` }));
    const classic = csvOf(SR_CLASSIC, cases.map((c) => srRecord(c)));
    const arcgis = csvOf(SR_ARCGIS, cases.map((c, i) => srArcgisRecord(String(900 + i), c)));
    const ingest = (name: string, text: string) =>
      page.evaluate(({ name, text }) => (window as any).lens.ingestFile(new File([text], name, { type: 'text/csv' })), { name, text });
    const before = await count(page, 'service_requests');
    expect(await ingest('classic.csv', classic)).toMatchObject({ inserted: 3 });
    expect(await ingest('arcgis.csv', arcgis)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await count(page, 'service_requests')).toBe(before + 3);
    await page.close();
  });

  it('refuses an unknown header with a clear message and leaves the store unchanged', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const before = await storeChecksum(page);
    await dropFile(page, 'weather.csv', 'station,temp_f,wind\nDEN,31,12\n');
    await page.waitForFunction(() => document.querySelector('[data-testid=load-message]')?.textContent?.includes('weather.csv'));
    const msg = page.locator('[data-testid=load-error]');
    expect(await msg.getAttribute('data-code')).toBe('unknown-header');
    expect(await msg.textContent()).toMatch(/station|temp_f/);
    expect(await storeChecksum(page)).toBe(before);
    await page.close();
  });

  const sample = join(SHARED_REAL, 'denver_traffic_accidents_2014_sample_drewrwilson.csv');
  it.skipIf(!existsSync(sample))('accounts for all 4,171 rows of the real 2014 accidents sample', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const text = readFileSync(sample, 'latin1');
    const summary = await page.evaluate(
      (t) => (window as any).lens.ingestFile(new File([t], 'traffic_accidents_2014.csv', { type: 'text/csv' })),
      text,
    );
    expect(summary.rowsRead).toBe(4171);
    const [log] = await page.evaluate(
      (id) => (window as any).lens.query(`SELECT variant, inserted, updated, unchanged, duplicates, rejected FROM ingest_log WHERE load_id = ${id}`),
      summary.loadId,
    );
    expect(log.variant).toBe('accidents-17');
    expect(log.inserted + log.updated + log.unchanged + log.duplicates + log.rejected).toBe(4171);
    const [stored] = await page.evaluate(
      (id) => (window as any).lens.query(`SELECT count(*) AS n, count(longitude) AS with_coords, count(DISTINCT neighborhood_slug) AS hoods FROM traffic_accidents WHERE first_seen = ${id}`),
      summary.loadId,
    );
    expect(stored.n).toBe(log.inserted);
    expect(stored.hoods).toBe(78);
    expect(stored.with_coords).toBeGreaterThan(4000);
    await page.close();
  });

  it('gives a second tab the lock message and a read-only view', async () => {
    const first = await openApp(env.browser.context, env.server);
    const second = await openApp(env.browser.context, env.server);
    const status = await second.page.evaluate(() => (window as any).lens.status());
    expect(status.writable).toBe(false);
    expect(status.notice).toMatch(/another tab/);
    expect(await second.page.locator('[data-testid=store-notice]').isVisible()).toBe(true);
    expect(status.tables.find((t: any) => t.table === 'service_requests').rows).toBe(await count(first.page, 'service_requests'));
    const err = await second.page.evaluate(async () => {
      try {
        await (window as any).lens.ingestUrl('data/traffic_accidents.csv.zip');
        return 'loaded';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(err).toMatch(/read-only/);
    await second.page.close();
    await first.page.close();
  });

  it('a read-only tab of a store without the elapsed-time macros defines its own, and the next writing tab puts them back', async () => {
    const first = await openApp(env.browser.context, env.server);
    const q = (page: import('playwright-core').Page, sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<any[]>;
    // The store as an older version left it: no macros, written out.
    await q(first.page, 'DROP MACRO denver_seconds_between; DROP MACRO denver_is_dst; CHECKPOINT');
    const second = await openApp(env.browser.context, env.server);
    expect((await second.page.evaluate(() => (window as any).lens.status())).writable).toBe(false);
    // 48 wall-clock hours over the spring change of the clocks: 47 elapsed
    expect(await q(second.page, `SELECT denver_seconds_between(TIMESTAMP '2024-03-09 12:00:00', TIMESTAMP '2024-03-11 12:00:00') / 3600 AS h`)).toEqual([{ h: 47 }]);
    const backlog = await second.page.evaluate(() => (window as any).lens.reportData('backlog'));
    expect(backlog.rows.find((r: any) => r.kind === 'total').n).toBeGreaterThan(0);
    await second.page.close();
    await first.page.close();
    // The next tab that writes finds the store without them and defines them again.
    const third = await openApp(env.browser.context, env.server);
    expect(await q(third.page, `SELECT function_name AS f FROM duckdb_functions() WHERE function_name LIKE 'denver%' AND NOT internal ORDER BY 1`)).toEqual([
      { f: 'denver_is_dst' },
      { f: 'denver_seconds_between' },
    ]);
    await third.page.close();
  });

  it('says when the store mixes the synthetic sample with loaded files, and takes the sample back out on request', async () => {
    const { page } = await openApp(env.browser.context, env.server);
    const banner = page.locator('[data-testid=synthetic-banner]');
    const csv = csvOf(SR_CLASSIC, [srRecord({ 'Case Summary': `Real beside the sample ${Date.now()}` })]);
    await page.evaluate((text) => (window as any).lens.ingestFile(new File([text], 'real.csv', { type: 'text/csv' })), csv);
    await page.waitForFunction(() => document.querySelector('[data-testid=synthetic-banner]')?.getAttribute('data-state') === 'mixed');
    expect(await banner.textContent()).toMatch(/synthetic sample and files you loaded/);
    const q = (sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<any[]>;
    const [{ n: kept }] = await q(`SELECT count(*) AS n FROM service_requests WHERE NOT (first_seen IN (SELECT load_id FROM ingest_log WHERE source = 'bundled synthetic sample') AND last_seen IN (SELECT load_id FROM ingest_log WHERE source = 'bundled synthetic sample'))`);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=remove-sample]');
    await page.waitForFunction(() => /Removed the synthetic sample/.test(document.querySelector('[data-testid=synthetic-banner]')?.textContent ?? ''));
    expect(await q(`SELECT count(*) AS n FROM ingest_log WHERE source = 'bundled synthetic sample'`)).toEqual([{ n: 0 }]);
    expect(await count(page, 'service_requests')).toBe(kept);
    // The rollups are recomputed with the sample gone.
    for (const d of ['service_requests', 'traffic_accidents']) {
      const [{ rolled }] = await q(`SELECT coalesce(sum(n), 0) AS rolled FROM daily_counts WHERE dataset = '${d}'`);
      const [{ n }] = await q(`SELECT count(*) AS n FROM ${d} WHERE ${d === 'service_requests' ? 'created_at' : 'first_occurrence_at'} IS NOT NULL`);
      expect(Number(rolled)).toBe(Number(n));
    }
    // Reloaded, the banner is gone: only loaded files remain.
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    await page.waitForFunction(() => document.querySelector('[data-testid=synthetic-banner]')?.getAttribute('data-state') === 'real');
    expect(await banner.isVisible()).toBe(false);
    await page.close();
  });
});

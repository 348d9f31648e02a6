/**
 * Beyond one browser: the store exported as Hive-partitioned Parquet, served by a plain static
 * server, attached read-only by URL for one month. The server's access log shows that only a
 * small fraction of the layout's bytes was fetched (by a worker), and the month's counts match the
 * local store.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PATH, launch, openApp, startServer, type Browser } from './harness';
import type { StaticServer } from './server';

describe('partitioned Parquet and a remote data set in Chromium', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lens-remote-'));
    server = await startServer({ '/remote/': dir });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the layout and reads back one month with a small fraction of the bytes', async () => {
    const { page } = await openApp(browser.context, server, '#/loads');
    const [expected] = await page.evaluate(() =>
      (window as any).lens.query(
        `SELECT count(*) FILTER (WHERE strftime(created_at, '%Y-%m') = '2026-01') AS n FROM service_requests`,
      ),
    );
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid=export-partitioned]')]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const manifest = JSON.parse(new TextDecoder().decode(files['_manifest.json']));
    expect(Object.keys(files)).toContain('service_requests/year=2026/month=01/part-0.parquet');
    expect(Object.keys(files)).toContain('daily_counts/year=2026/month=01/part-0.parquet');
    const total = manifest.files.reduce((s: number, f: { bytes: number }) => s + f.bytes, 0);
    await page.close();

    server.log.length = 0;
    const remoteUrl = `${server.url}/remote/`;
    const remote = await browser.context.newPage();
    const workers: string[] = [];
    remote.on('worker', (w) => workers.push(w.url()));
    await remote.goto(`${server.url}${APP_PATH}?remote=${encodeURIComponent(remoteUrl)}&from=2026-01&to=2026-01#/reports`);
    await remote.waitForFunction(() => (window as any).lens !== undefined);
    await remote.evaluate(() => (window as any).lens.ready);
    const status = await remote.evaluate(() => (window as any).lens.status());
    expect(status.writable).toBe(false);
    expect(status.notice).toMatch(/remote data set/i);
    expect(status.tables.find((t: any) => t.table === 'service_requests').rows).toBe(expected.n);
    const fetched = server.log.filter((e) => e.path.startsWith('/remote/') && !e.path.endsWith('_manifest.json')).reduce((s, e) => s + e.bytes, 0);
    expect(fetched).toBeGreaterThan(0);
    expect(fetched / total).toBeLessThan(0.2);
    expect(server.log.some((e) => e.status === 206)).toBe(true);
    // A row group's columns come in one range request, not one per column: a partition of one
    // row group takes its footer reads and that one.
    const month = server.log.filter((e) => e.path.endsWith('/service_requests/year=2026/month=01/part-0.parquet') && e.status === 206);
    expect(month.length).toBeGreaterThan(0);
    expect(month.length).toBeLessThanOrEqual(3);
    // The partitions are read (range requests and all) in a worker, not on the page.
    expect(workers.some((u) => /parquet-read\.worker/.test(u)), workers.join(' ')).toBe(true);
    // Reports run on the remote data as on a local store.
    const rows = (await remote.evaluate(() => (window as any).lens.reportData('monthly-by-type'))).rows;
    expect(rows.length).toBeGreaterThan(0);
    await remote.close();
  });
});

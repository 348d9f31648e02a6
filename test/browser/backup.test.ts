/**
 * Backup and restore in a real browser: the store exported as a Parquet zip, reset (after a
 * confirmation), and restored from that zip to the same checksum, the Parquet written and read
 * in workers.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { count, openApp, storeChecksum, useBrowser } from './harness';

describe('backup and restore in Chromium', () => {
  const env = useBrowser();

  it('exports, resets after confirmation, and restores to the same checksum', async () => {
    const { page } = await openApp(env.browser.context, env.server, '#/loads');
    const before = await storeChecksum(page);
    const accidents = await count(page, 'traffic_accidents');
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid=backup-export]')]);
    const path = (await download.path())!;
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'service_requests.parquet', 'traffic_accidents.parquet', 'ingest_log.parquet']));
    const acc = files['traffic_accidents.parquet'];
    const rows = await parquetReadObjects({ file: acc.buffer.slice(acc.byteOffset, acc.byteOffset + acc.byteLength) as ArrayBuffer });
    expect(rows.length).toBe(accidents);
    // Regression: the page encoded every table itself (15 s in one task for the sample).
    expect(workers.filter((u) => /parquet\.worker/.test(u)).length, workers.join(' ')).toBeGreaterThanOrEqual(3);

    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.accept();
    });
    await page.click('[data-testid=reset-store]');
    await page.waitForFunction(() => /empty/.test(document.querySelector('[data-testid=backup-message]')?.textContent ?? ''));
    expect(dialogs).toBe(1);
    expect(await count(page, 'traffic_accidents')).toBe(0);
    expect(await count(page, 'service_requests')).toBe(0);

    await page.setInputFiles('[data-testid=backup-import]', path);
    await page.waitForFunction(() => /Restored/.test(document.querySelector('[data-testid=backup-message]')?.textContent ?? ''), undefined, { timeout: 180_000 });
    expect(dialogs).toBe(2);
    expect(await storeChecksum(page)).toBe(before);
    // Regression: the page read each table's Parquet itself (~4.5 s in one task for 426k rows).
    expect(workers.filter((u) => /parquet-read\.worker/.test(u)).length, workers.join(' ')).toBeGreaterThanOrEqual(3);
  });
});

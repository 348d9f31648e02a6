/**
 * Backup and restore in a real browser: the store exported as a Parquet zip, reset (after a
 * confirmation), and restored from that zip to the same checksum, the Parquet written and read
 * in workers a row group at a time; a broken backup rolls back. Saved instead to a file the user
 * picks (the picker stubbed with a file of the origin's private file system), the backup is
 * written into it as it goes; a closed picker writes nothing, and a failed write aborts the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
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
    const requests = await count(page, 'service_requests');
    // Every text the panel's message shows, to see the tables go by a row group at a time.
    await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid=backup-message]');
      window.__said = [];
      new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    })()`);
    const said = async () => (await page.evaluate('window.__said.splice(0)')) as string[];
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid=backup-export]')]);
    const path = (await download.path())!;
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'service_requests.parquet', 'traffic_accidents.parquet', 'ingest_log.parquet']));
    const acc = files['traffic_accidents.parquet'];
    const rows = await parquetReadObjects({ file: acc.buffer.slice(acc.byteOffset, acc.byteOffset + acc.byteLength) as ArrayBuffer });
    expect(rows.length).toBe(accidents);
    // Regression: the page encoded every table itself (15 s in one task for the sample).
    expect(workers.filter((u) => /parquet\.worker/.test(u)).length, workers.join(' ')).toBeGreaterThanOrEqual(3);
    // Streamed: the table written a piece at a time, in row groups of 100k, stored in the zip.
    const total = requests.toLocaleString('en-US');
    const partway = (texts: string[]) => texts.filter((t) => new RegExp(`service_requests: [\\d,]+ of ${total} rows`).test(t) && !t.includes(`${total} of`)).length;
    expect(partway(await said())).toBeGreaterThan(3);
    const sr = files['service_requests.parquet'];
    expect(parquetMetadata(sr.buffer.slice(sr.byteOffset, sr.byteOffset + sr.byteLength) as ArrayBuffer).row_groups.length).toBe(Math.ceil(requests / 100_000));

    // The rollups are recomputed on a restore, so the backup does not carry them.
    expect(Object.keys(files).some((f) => /daily_counts|rollup_/.test(f))).toBe(false);

    // A backup whose accidents are cut short (zipped by another writer: deflated, no data
    // descriptors) fails after the requests are written: all of it rolls back.
    page.once('dialog', (d) => void d.accept());
    const broken = { ...files, 'traffic_accidents.parquet': acc.subarray(0, acc.length >> 1) };
    const brokenPath = join(dirname(path), 'broken-backup.zip');
    writeFileSync(brokenPath, zipSync(broken, { level: 1 }));
    await page.setInputFiles('[data-testid=backup-import]', brokenPath);
    await page.waitForFunction(() => /rolled back/.test(document.querySelector('[data-testid=backup-message]')?.textContent ?? ''), undefined, { timeout: 180_000 });
    expect(await page.textContent('[data-testid=backup-message]')).toMatch(/traffic_accidents|Parquet/);
    expect(partway(await said())).toBeGreaterThan(3);
    expect(await storeChecksum(page)).toBe(before);

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
    expect(partway(await said())).toBeGreaterThan(3);
    // Regression: the page read each table's Parquet itself (~4.5 s in one task for 426k rows).
    expect(workers.filter((u) => /parquet-read\.worker/.test(u)).length, workers.join(' ')).toBeGreaterThanOrEqual(3);
  });

  it('saves a backup to a file the user picks, writes nothing when the picker is closed, and aborts the file when a write fails', async () => {
    const context = env.browser.context;
    // One tab writes: the earlier test's page lets go of the store.
    for (const open of context.pages()) await open.close();
    // The picker, stubbed: window.__pick decides what it does (a file of the origin's private file
    // system, a closed picker, or a file whose writes fail); it records what it was asked.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.showSaveFilePicker = async (options: unknown) => {
        w.__pickedWith = options;
        if (w.__pick === 'close') throw new DOMException('The user aborted a request.', 'AbortError');
        if (w.__pick === 'fail') {
          return {
            createWritable: async () => ({
              write: async () => Promise.reject(new Error('the disk is full')),
              close: async () => undefined,
              abort: async () => void (w.__aborted = true),
            }),
          };
        }
        const file = await (await navigator.storage.getDirectory()).getFileHandle('picked-backup.zip', { create: true });
        return {
          createWritable: async () => {
            const writable = await file.createWritable();
            return {
              write: (part: Blob) => ((w.__writes = Number(w.__writes ?? 0) + 1), writable.write(part)),
              close: () => writable.close(),
              abort: () => writable.abort(),
            };
          },
        };
      };
    });
    const { page } = await openApp(context, env.server, '#/loads');
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    const accidents = await count(page, 'traffic_accidents');
    const message = () => page.textContent('[data-testid=backup-message]');
    const exportTo = async (pick: string, done: RegExp) => {
      await page.evaluate((p) => ((window as unknown as Record<string, unknown>).__pick = p), pick);
      await page.click('[data-testid=backup-export]');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid=backup-message]')?.textContent ?? ''), done.source, { timeout: 180_000 });
    };
    await page.check('[data-testid=save-to-file]');

    await exportTo('file', /saved to the file you chose/);
    expect(await page.evaluate(() => (window as unknown as { __pickedWith: { suggestedName: string } }).__pickedWith.suggestedName)).toMatch(/^denver-lens-backup-\d{4}-\d{2}-\d{2}\.zip$/);
    const base64 = await page.evaluate(async () => {
      const file = await (await (await navigator.storage.getDirectory()).getFileHandle('picked-backup.zip')).getFile();
      const bytes = new Uint8Array(await file.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    });
    const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')));
    // Written as it went: a part for each zip header and row group, not one Blob at the end.
    expect(await page.evaluate(() => (window as unknown as { __writes: number }).__writes)).toBeGreaterThan(20);
    expect(await message()).toContain(`(${(Buffer.from(base64, 'base64').length / 1024 ** 2).toFixed(1)} MB)`);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.json', 'service_requests.parquet', 'traffic_accidents.parquet', 'ingest_log.parquet']));
    const acc = files['traffic_accidents.parquet'];
    expect((await parquetReadObjects({ file: acc.buffer.slice(acc.byteOffset, acc.byteOffset + acc.byteLength) as ArrayBuffer })).length).toBe(accidents);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json'])).tables.traffic_accidents).toBe(accidents);

    await exportTo('close', /No backup written: no file was chosen/);
    await exportTo('fail', /The backup failed: the disk is full/);
    expect(await page.evaluate(() => (window as unknown as { __aborted?: boolean }).__aborted)).toBe(true);
    expect(downloads).toEqual([]);
    expect(await page.isEnabled('[data-testid=backup-export]')).toBe(true);
  });
});

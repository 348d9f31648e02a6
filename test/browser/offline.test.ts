/**
 * Offline use through the service worker: dist/ (a copy, so its sw.js can be changed) is served
 * at a sub-path; the first visit installs the worker, which precaches the shell, the scripts and
 * the DuckDB bundle. A changed build is announced with a "new version" notice whose Reload
 * switches to it. With the server stopped, a reload and a new tab still open the app, and the
 * stored data (OPFS) answers queries.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PATH, DIST, count, launch, type Browser } from './harness';
import { serveStatic, type StaticServer } from './server';

/** Resolves when a service worker is activated and controls the page. */
async function controlled(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 60_000 });
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).lens !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(() => (window as any).lens.ready);
}

describe('offline in Chromium', () => {
  let copy: string;
  let server: StaticServer | null = null;
  let browser: Browser;
  let page: Page;
  let stored = 0;

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'lens-dist-'));
    cpSync(DIST, copy, { recursive: true });
    server = await serveStatic({ [APP_PATH]: copy });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(copy, { recursive: true, force: true });
  });

  it('installs the service worker on the first visit, scoped to the sub-path', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server!.url}${APP_PATH}`);
    await ready(page);
    stored = await count(page, 'service_requests');
    expect(stored).toBeGreaterThan(0);
    expect(await controlled(page)).toBe(`${server!.url}${APP_PATH}sw.js`);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.scope);
    expect(scope).toBe(`${server!.url}${APP_PATH}`);
    // The sample zips are runtime-cached (not precached): fetched once while controlled.
    const cached = await page.evaluate(async () => {
      await (await fetch('data/traffic_accidents.csv.zip')).arrayBuffer();
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(cached.some((u) => /assets\/duckdb-eh-.*\.wasm$/.test(u))).toBe(true);
    expect(cached.some((u) => u.endsWith(`${APP_PATH}index.html`))).toBe(true);
    expect(cached.some((u) => /\/data\/.*\.zip$/.test(u) && !u.includes('/data/real/'))).toBe(true);
  });

  it('announces a new version and switches to it on Reload', async () => {
    appendFileSync(join(copy, 'sw.js'), '\n// next build\n');
    const before = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration())!;
      const active = reg.active;
      await reg.update();
      return active?.scriptURL;
    });
    expect(before).toBeTruthy();
    const notice = page.locator('[data-testid=update-notice]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toMatch(/new version/i);
    expect(await notice.getAttribute('role')).toBe('status');
    const reloaded = page.waitForEvent('framenavigated', { timeout: 60_000 });
    await page.click('[data-testid=update-reload]');
    await reloaded;
    await ready(page);
    await controlled(page);
    expect(await page.locator('[data-testid=update-notice]').count()).toBe(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
  });

  it('opens and shows the stored data with the server stopped', async () => {
    await server!.close();
    server = null;
    await page.reload();
    await ready(page);
    expect(await count(page, 'service_requests')).toBe(stored);
    expect(await page.evaluate(async () => (await fetch('data/traffic_accidents.csv.zip')).status)).toBe(200);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=count-service_requests]')?.getAttribute('data-count')) > 0);
    expect(await page.getAttribute('[data-testid=count-service_requests]', 'data-count')).toBe(String(stored));
    const url = page.url();
    await page.close();

    // A new tab, as a user coming back later would open it.
    page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await ready(page);
    expect(await page.evaluate(async () => Number((await (window as any).lens.query('SELECT count(*) AS n FROM service_requests'))[0].n))).toBe(stored);
    expect(errors).toEqual([]);
  });
});

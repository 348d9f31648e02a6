/**
 * Locked-down security in Chromium: the page carries a strict CSP; a scripted session (first
 * visit with the default sample, reports, editor, a markup-laden ingest, the lineage view) makes
 * no request to any origin but the page's own; markup and script in CSV fields never execute and
 * show as literal text in the rejected-rows view, the lineage table and an editor result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PATH, DIST, launch, openApp, startServer, type Browser } from './harness';
import type { StaticServer } from './server';

const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "<iframe srcdoc='<script>parent.__pwned=1</script>'></iframe>",
];
const FILE_NAME = '<img src=x onerror=window.__pwned=1>.csv';

const HEADER_311 = [
  'Case Summary', 'Case Status', 'Case Source', 'Case Created Date', 'Case Created dttm', 'Case Closed Date', 'Case Closed dttm',
  'First Call Resolution', 'Customer Zip Code', 'Incident Address 1', 'Incident Address 2', 'Incident Intersection 1',
  'Incident Intersection 2', 'Incident Zip Code', 'Longitude', 'Latitude', 'Agency', 'Division', 'Major Area', 'Type', 'Topic',
  'Council District', 'Police District', 'Neighborhood', '<b onmouseover=window.__pwned=1>extra</b>',
];
const NOT_TEXT = new Set(['Case Created Date', 'Case Created dttm', 'Case Closed Date', 'Case Closed dttm', 'Longitude', 'Latitude', 'Council District', 'Police District']);

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Two good rows whose every text field carries a payload, and two rejected rows full of them. */
function markupCsv(): string {
  const row = (k: number, date: string) =>
    HEADER_311.map((name, i) => {
      if (!NOT_TEXT.has(name)) return q(`${PAYLOADS[(i + k) % PAYLOADS.length]} ${name}`);
      if (name.endsWith('Date')) return date;
      if (name.endsWith('dttm')) return `${date} 1:02:03 PM`;
      return '';
    }).join(',');
  return [
    HEADER_311.map(q).join(','),
    row(0, '1/5/2026'),
    row(1, '1/6/2026'),
    `${q(PAYLOADS[0])},${q(PAYLOADS[1])},${q(PAYLOADS[2])}`,
    HEADER_311.map((_, i) => q(PAYLOADS[i % PAYLOADS.length])).join(','),
  ].join('\r\n') + '\r\n';
}

/** Waits until every report card finished rendering. */
async function reportsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.lens-report').length > 0 && document.querySelectorAll('.lens-report[data-state=loading]').length === 0,
    undefined,
    { timeout: 60_000 },
  );
}

/** Opens the editor on `sql` (share link), runs it and returns the text of its result cells. */
async function editorResult(page: Page, sql: string, firstColumn: string): Promise<string[]> {
  const hash = `#/sql?sql=${Buffer.from(sql, 'utf8').toString('base64url')}`;
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForSelector('[data-testid=sql-editor]');
  await page.waitForFunction((s) => document.querySelector('[data-testid=sql-editor] .cm-content')?.textContent === s, sql);
  await page.click('[data-testid=run]');
  await page.waitForFunction(
    (name) =>
      document.querySelector('[data-testid=results] [role=columnheader] .sql-grid-name')?.textContent === name &&
      document.querySelector('[data-testid=results] [role=gridcell]') !== null,
    firstColumn,
    { timeout: 30_000 },
  );
  return page.$$eval('[data-testid=results] [role=gridcell]', (cells) => cells.map((c) => c.textContent ?? ''));
}

/** Elements that could only exist if a payload had been parsed as markup. */
const injected = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('[onerror],[onload],[onmouseover],iframe,body script:not([src]),#app img[src=x]').length);

describe('security in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const warnings: string[] = [];
  const dialogs: string[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    browser.context.on('request', (r) => void requests.push(r.url()));
    browser.context.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await browser.context.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const opened = await openApp(browser.context, server);
    page = opened.page;
    errors = opened.errors;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('delivers a strict Content-Security-Policy in the page and has no inline script or handler', async () => {
    const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
    expect(csp).toBeTruthy();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v] as const));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('runs the reports and the editor over the sample', async () => {
    await page.evaluate(() => (location.hash = '#/reports'));
    await reportsSettled(page);
    expect(await page.locator('.lens-report[data-state=error]').count()).toBe(0);
    expect(await editorResult(page, 'SELECT 6 * 7 AS answer', 'answer')).toContain('42');
  });

  it('never runs markup from a CSV and shows it as text', async () => {
    const summary = await page.evaluate(
      async ({ text, name }) => {
        const s = await (window as any).lens.ingestFile(new File([text], name, { type: 'text/csv' }));
        return { inserted: s.inserted, rejected: s.rejected, loadId: s.loadId };
      },
      { text: markupCsv(), name: FILE_NAME },
    );
    expect(summary.inserted).toBe(2);
    expect(summary.rejected).toBe(2);

    // The loads page: the file name in the lineage table, the raw rejected rows as text.
    await page.evaluate(() => (location.hash = '#/loads'));
    const row = page.locator(`[data-testid=lineage] tr[data-load-id="${summary.loadId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-key=file_name] .file-name').textContent()).toBe(FILE_NAME);
    // Where the file came from opens under the row: its full SHA-256, its source.
    const source = row.locator('button[aria-controls]');
    const details = page.locator(`#load-${summary.loadId}-details`);
    expect(await details.isVisible()).toBe(false);
    await source.click();
    expect(await source.getAttribute('aria-expanded')).toBe('true');
    expect(await details.locator('dd[data-key=sha256]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await details.locator('dd[data-key=source]').textContent()).toBe('file');
    await row.locator('[data-testid=show-rejects]').click();
    await page.waitForSelector('[data-testid=rejects] td.raw');
    const raws = await page.$$eval('[data-testid=rejects] td.raw', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(raws[0]).toContain(PAYLOADS[0]);
    expect(raws[0]).toContain(PAYLOADS[1]);
    expect(raws.join('\n')).toContain(PAYLOADS[3]);
    // The source row stays open when a later load (the same name, one more line end) draws the table again.
    const again = await page.evaluate(
      async ({ text, name }) => (await (window as any).lens.ingestFile(new File([`${text}\n`], name, { type: 'text/csv' }))).loadId,
      { text: markupCsv(), name: FILE_NAME },
    );
    await page.locator(`[data-testid=lineage] tr[data-load-id="${again}"]`).waitFor();
    expect(await details.isVisible()).toBe(true);
    expect(await source.getAttribute('aria-expanded')).toBe('true');

    // The overview's "last load" line and the load message carry the file name as text.
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForFunction((n) => document.querySelector('#page-overview [data-testid=status]')?.textContent?.includes(n), FILE_NAME);

    // The editor shows stored values literally.
    const cells = await editorResult(
      page,
      `SELECT case_summary, agency, neighborhood FROM service_requests WHERE case_summary LIKE '%__pwned%' ORDER BY created_at`,
      'case_summary',
    );
    expect(cells).toContain(`${PAYLOADS[0]} Case Summary`);
    expect(cells.some((c) => c.includes(PAYLOADS[1]) || c.includes(PAYLOADS[2]))).toBe(true);

    // Reports draw the payload-laden categories (types, agencies) without running them.
    await page.evaluate(() => (location.hash = '#/reports'));
    await reportsSettled(page);

    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await injected(page)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('made no request to any other origin, and broke no CSP rule, during the session', async () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(requests.length).toBeGreaterThan(10);
    expect(foreign).toEqual([]);
    expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
    expect(errors).toEqual([]);
    // DuckDB started from its boot worker (the one Chromium can code-cache), not the fallback.
    expect(warnings.filter((w) => w.startsWith('Starting DuckDB without its code cache'))).toEqual([]);
  });
});

describe('a host whose Content-Security-Policy forbids blob: workers', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    // The host adds its own policy to the page's: the two apply together.
    await browser.context.route(
      (url) => url.pathname === APP_PATH,
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "worker-src 'self'" } });
      },
    );
    await browser.context.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('still starts DuckDB (as published, without the code cache) and loads the sample', async () => {
    const warnings: string[] = [];
    const page = await browser.context.newPage();
    page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await page.goto(`${server.url}${APP_PATH}`);
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    const status = await page.evaluate(() => (window as any).lens.status());
    expect(status.mode).toBe('opfs');
    expect(status.tables.find((t: { table: string }) => t.table === 'service_requests').rows).toBeGreaterThan(1000);
    expect(await page.evaluate(() => (window as any).__csp)).toContainEqual(expect.stringMatching(/^worker-src blob/));
    expect(warnings.some((w) => w.startsWith('Starting DuckDB without its code cache'))).toBe(true);
    await page.close();
  });
});

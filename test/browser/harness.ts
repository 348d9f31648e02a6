/**
 * Browser test harness: the built app served at a sub-path by a plain static server, and
 * Debian's Chromium driven by playwright-core with a fresh profile per launch (nothing downloads
 * a browser).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from './server';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The built app under test: `dist/`, or the build named by LENS_DIST (to test a build made elsewhere). */
export const DIST = process.env.LENS_DIST ? resolve(process.env.LENS_DIST) : join(ROOT, 'dist');
export const SHARED_REAL = resolve(ROOT, '../shared/data/real');
export const APP_PATH = '/some/sub/path/';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function startServer(extra: Record<string, string> = {}): Promise<StaticServer> {
  return serveStatic({ [APP_PATH]: DIST, ...extra });
}

export interface Browser {
  readonly context: BrowserContext;
  readonly profile: string;
  close(keepProfile?: boolean): Promise<void>;
}

/** Launches Chromium with a profile directory (fresh unless given). */
export async function launch(profile?: string, extraArgs: readonly string[] = []): Promise<Browser> {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'lens-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    acceptDownloads: true,
  });
  return {
    context,
    profile: dir,
    async close(keepProfile = false) {
      await context.close();
      if (!keepProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the app and waits for `window.lens.ready`. Collects page errors. */
export async function openApp(context: BrowserContext, server: StaticServer, hash = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${APP_PATH}${hash}`);
  await page.waitForFunction(() => (window as any).lens !== undefined);
  await page.evaluate(() => (window as any).lens.ready);
  return { page, errors };
}

/** Row count of a table through window.lens. */
export async function count(page: Page, table: string): Promise<number> {
  return page.evaluate(async (t) => Number((await (window as any).lens.query(`SELECT count(*) AS n FROM ${t}`))[0].n), table);
}

/** A checksum of every row of the data tables, for "the store did not change" assertions. */
export async function storeChecksum(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const lens = (window as any).lens;
    const parts: string[] = [];
    for (const t of ['service_requests', 'traffic_accidents', 'ingest_log', 'rejected_rows', 'service_requests_history', 'traffic_accidents_history', 'daily_counts']) {
      const [r] = await lens.query(`SELECT count(*) AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM ${t} t`);
      parts.push(`${t}:${r.n}:${r.h}`);
    }
    return parts.join('|');
  });
}

/**
 * For a describe block: starts the static server and a fresh browser before its tests and
 * closes both after. Read `env.server` / `env.browser` inside tests and hooks.
 */
export function useBrowser(): { server: StaticServer; browser: Browser } {
  const env = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * One benchmark run: a fresh Chromium profile, then in order
 *  1. first load of the app (bytes from the access log), then our ingest of the 311 zip with the
 *     renderer's RSS sampled from /proc; 2. the same file again; 3. the newer file;
 *  4. the anchor (`lens.benchAnchor`) in a fresh page; 5. a cold load of `#/reports` on the
 *     populated store until every card has rendered; 6. one filter change.
 * Timings are taken inside the page with performance.now(). A failing step leaves its figures
 * null and adds to `errors`; the run goes on.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { APP_PATH, launch, openApp } from '../../test/browser/harness';
import type { AccessEntry, StaticServer } from '../../test/browser/server';
import { findBrowserPid, sampleRss, type RssPeak } from './rss';
import { ratio, type RunFigures } from './stats';

/** window.lens as the benchmark uses it (benchAnchor is the bench-only hook). */
interface BenchLens {
  ready: Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  ingestUrl(url: string): Promise<{ rowsRead: number; inserted: number; updated: number; unchanged: number; duplicates: number; rejected: number; ms: number; sameAsLoad?: number }>;
  status(): Promise<Record<string, unknown>>;
  reports(): Promise<{ id: string }[]>;
  setFilters(f: Record<string, unknown>): Promise<void>;
  benchAnchor?(url: string): Promise<{ ms: number; rows: number }>;
}

export interface RunPlan {
  readonly server: StaticServer;
  readonly zipUrl: string;
  readonly newerUrl: string;
  /** `from` of the filter step. */
  readonly filterFrom: string;
  /** Access-log prefixes that are data, not the app. */
  readonly dataPrefixes: readonly string[];
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export interface IngestCheck {
  readonly ms: number;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly sameAsLoad: number | null;
  /** The ingest's own figure (summary.ms). */
  readonly summaryMs: number;
  /** count(*) of service_requests afterwards. */
  readonly stored: number;
}

export interface RunResult extends RunFigures {
  browser: string | null;
  first_load: AccessEntry[];
  peak_rss_browser_mb: number | null;
  rss_samples: number | null;
  anchor_peak_rss_mb: number | null;
  anchor_rows: number | null;
  ingests: { first: IngestCheck | null; same: IngestCheck | null; newer: IngestCheck | null };
  report_states: Record<string, number> | null;
  errors: string[];
}

const FINAL_STATES = ['ready', 'empty', 'error'];

/** Runs `fn`, turning a failure into null plus an error line. */
async function step<T>(name: string, result: RunResult, log: (s: string) => void, fn: () => Promise<T>): Promise<T | null> {
  const t0 = performance.now();
  try {
    const value = await fn();
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    result.errors.push(`${name}: ${message}`);
    log(`  ${name}: FAILED: ${message}`);
    return null;
  }
}

function ingestOnce(page: Page, url: string): Promise<IngestCheck> {
  return page.evaluate(async (u) => {
    const lens = (window as unknown as { lens: BenchLens }).lens;
    const t0 = performance.now();
    const s = await lens.ingestUrl(u);
    const [row] = await lens.query('SELECT count(*) AS n FROM service_requests');
    const ms = performance.now() - t0;
    const { rowsRead, inserted, updated, unchanged, duplicates, rejected } = s;
    return { ms, rowsRead, inserted, updated, unchanged, duplicates, rejected, sameAsLoad: s.sameAsLoad ?? null, summaryMs: s.ms, stored: Number(row?.n) };
  }, url);
}

/** Runs `fn` while sampling the browser's RSS (when its process was found). */
async function sampled<T>(pid: number | null, fn: () => Promise<T>): Promise<{ value: T; peak: RssPeak | null }> {
  const sampler = pid === null ? null : sampleRss(pid);
  try {
    const value = await fn();
    return { value, peak: sampler?.stop() ?? null };
  } catch (e) {
    sampler?.stop();
    throw e;
  }
}

/** Records, from navigation on, the last moment every report card reached a final state. */
function watchReports(states: string[]): void {
  const w = window as unknown as { __benchReportsAt: number | null };
  w.__benchReportsAt = null;
  const check = (): void => {
    const cards = [...document.querySelectorAll('[data-testid^="report-"][data-state]')];
    const done = cards.length > 0 && cards.every((c) => states.includes(c.getAttribute('data-state') ?? ''));
    if (!done) w.__benchReportsAt = null;
    else if (w.__benchReportsAt === null) w.__benchReportsAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}

/** Cold load of `#/reports`; resolves to ms from navigation start until all cards rendered. */
async function coldReports(context: BrowserContext, plan: RunPlan, result: RunResult): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.addInitScript(watchReports, FINAL_STATES);
  await page.goto(`${plan.server.url}${APP_PATH}#/reports`);
  await page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.ready);
  const ids = await page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.reports());
  const allFinal = async (): Promise<number> => {
    const handle = await page.waitForFunction(
      (n) => {
        const at = (window as unknown as { __benchReportsAt: number | null }).__benchReportsAt;
        return at !== null && document.querySelectorAll('[data-testid^="report-"][data-state]').length === n ? at : false;
      },
      ids.length,
      { polling: 50 },
    );
    return (await handle.jsonValue()) as number;
  };
  // A render pass may start again right after the first one (e.g. the shell refreshing once the
  // store reports its status): wait until the final state holds for a moment.
  let at = await allFinal();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(400);
    const again = await allFinal();
    if (again === at) break;
    at = again;
  }
  result.report_states = await page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const c of document.querySelectorAll('[data-testid^="report-"][data-state]')) {
      const s = c.getAttribute('data-state') ?? '';
      counts[s] = (counts[s] ?? 0) + 1;
    }
    return counts;
  });
  if (result.report_states.error) result.errors.push(`reports: ${result.report_states.error} report(s) in the error state`);
  return { page, ms: at };
}

export async function benchRun(plan: RunPlan): Promise<RunResult> {
  const { log } = plan;
  const result: RunResult = {
    ingest_ms: null, duckdb_csv_ms: null, ingest_ratio: null, peak_rss_mb: null, reports_ms: null,
    duckdb_instantiate_ms: null, filter_ms: null, reingest_same_ms: null, reingest_newer_ms: null,
    browser: null, first_load: [], peak_rss_browser_mb: null, rss_samples: null, anchor_peak_rss_mb: null,
    anchor_rows: null, ingests: { first: null, same: null, newer: null }, report_states: null, errors: [],
  };
  const browser = await launch();
  browser.context.setDefaultTimeout(plan.timeoutMs);
  browser.context.setDefaultNavigationTimeout(plan.timeoutMs);
  const pid = findBrowserPid(browser.profile);
  if (pid === null) result.errors.push('rss: the browser process was not found in /proc');
  const isData = (path: string) => plan.dataPrefixes.some((p) => path.startsWith(p));
  try {
    // 1–3: first load, ingest, the same file again, the newer file; one page.
    const mark = plan.server.log.length;
    const first = await step('first load', result, log, () => openApp(browser.context, plan.server));
    if (first) {
      result.first_load = plan.server.log.slice(mark).filter((e) => !isData(e.path));
      const ua = await first.page.evaluate(() => navigator.userAgent);
      result.browser = /(?:Headless)?Chrome\/([\d.]+)/.exec(ua)?.[1] ?? ua;
      const ingest = await step('ingest', result, log, () => sampled(pid, () => ingestOnce(first.page, plan.zipUrl)));
      if (ingest) {
        result.ingests.first = ingest.value;
        result.ingest_ms = ingest.value.ms;
        result.peak_rss_mb = ingest.peak?.peakRendererMb ?? null;
        result.peak_rss_browser_mb = ingest.peak?.peakBrowserMb ?? null;
        result.rss_samples = ingest.peak?.samples ?? null;
      }
      result.ingests.same = await step('reingest same', result, log, () => ingestOnce(first.page, plan.zipUrl));
      result.reingest_same_ms = result.ingests.same?.ms ?? null;
      if (result.ingests.same && result.ingests.same.sameAsLoad === null) result.errors.push('reingest same: not recognised as an already loaded file');
      result.ingests.newer = await step('reingest newer', result, log, () => ingestOnce(first.page, plan.newerUrl));
      result.reingest_newer_ms = result.ingests.newer?.ms ?? null;
      await first.page.close();
    }

    // 4: the anchor, in a fresh page (the closed one released the store).
    const anchor = await step('anchor', result, log, async () => {
      const { page } = await openApp(browser.context, plan.server);
      try {
        return await sampled(pid, () =>
          page.evaluate(async (u) => {
            const lens = (window as unknown as { lens: BenchLens }).lens;
            if (typeof lens.benchAnchor !== 'function') throw new Error('window.lens.benchAnchor is missing');
            return lens.benchAnchor(u);
          }, plan.zipUrl),
        );
      } finally {
        await page.close();
      }
    });
    if (anchor) {
      result.duckdb_csv_ms = anchor.value.ms;
      result.anchor_rows = anchor.value.rows;
      result.anchor_peak_rss_mb = anchor.peak?.peakRendererMb ?? null;
    }
    result.ingest_ratio = ratio(result.ingest_ms, result.duckdb_csv_ms);

    // 5–6: cold load of the reports on the populated store, then one filter change.
    const reports = await step('reports', result, log, () => coldReports(browser.context, plan, result));
    if (reports) {
      result.reports_ms = reports.ms;
      const status = await reports.page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.status());
      result.duckdb_instantiate_ms = typeof status.instantiateMs === 'number' ? status.instantiateMs : null;
      result.filter_ms = await step('filter', result, log, () =>
        reports.page.evaluate(async (from) => {
          const lens = (window as unknown as { lens: BenchLens }).lens;
          const t0 = performance.now();
          await lens.setFilters({ from });
          return performance.now() - t0;
        }, plan.filterFrom),
      );
      await reports.page.close();
    }
  } finally {
    await browser.close().catch((e: unknown) => result.errors.push(`close: ${String(e)}`));
  }
  return result;
}

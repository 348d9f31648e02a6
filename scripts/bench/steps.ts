/**
 * One benchmark run: a fresh Chromium profile, then in order
 *  1. first load of the app, until its service worker is active (bytes from the access log), then
 *     our ingest of the 311 zip with the
 *     renderer's RSS sampled from /proc; 2. the same file again; 3. the newer file;
 *  4. the anchor (`lens.benchAnchor`) in a fresh page; 5. a cold load of `#/reports` on the
 *     populated store until every card has rendered; 6. one filter change, then a second one.
 * Timings are taken inside the page with performance.now(). A failing step leaves its figures
 * null and adds to `errors`; the run goes on.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { APP_PATH, launch, openApp } from '../../test/browser/harness';
import type { AccessEntry, StaticServer } from '../../test/browser/server';
import { cpuByGroup, type CpuGroups } from './cpu';
import { findBrowserPid, readThreads, sampleThreads } from './proc';
import { sampleRss, type RssPeak } from './rss';
import { ratio, type RunFigures } from './stats';

/** window.lens as the benchmark uses it (benchAnchor is the bench-only hook). */
interface BenchLens {
  ready: Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  ingestUrl(url: string): Promise<{ rowsRead: number; inserted: number; updated: number; unchanged: number; duplicates: number; rejected: number; ms: number; sameAsLoad?: number; compacted?: { ms: number } }>;
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
  /** `from` of the second filter change, right after the first (a date no earlier step used). */
  readonly filterAgainFrom: string;
  /** V8 flags for Chromium (`--js-flags`), for diagnosis only; empty normally. */
  readonly jsFlags: string;
  /** Data records in the base 311 file (the anchor and our ingest must both read them all). */
  readonly rows: number;
  /** Access-log prefixes that are data, not the app. */
  readonly dataPrefixes: readonly string[];
  /** A step taking longer fails (a hung page must not hang the benchmark). */
  readonly stepTimeoutMs: number;
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
  /** Milliseconds of the load spent rewriting the table in time order (null: not needed). */
  readonly compactMs: number | null;
}

export interface RunResult extends RunFigures {
  browser: string | null;
  first_load: AccessEntry[];
  /** Peak of the largest renderer during an ingest that failed. */
  peak_rss_failed_mb: number | null;
  peak_rss_browser_mb: number | null;
  rss_samples: number | null;
  anchor_peak_rss_mb: number | null;
  anchor_rows: number | null;
  ingests: { first: IngestCheck | null; same: IngestCheck | null; newer: IngestCheck | null };
  report_states: Record<string, number> | null;
  /** CPU of each thread group during our first ingest, the anchor, the filter change and the second one (cpu.ts). */
  ingest_cpu_ms: CpuGroups | null;
  anchor_cpu_ms: CpuGroups | null;
  filter_cpu_ms: CpuGroups | null;
  filter_again_cpu_ms: CpuGroups | null;
  errors: string[];
}

const FINAL_STATES = ['ready', 'empty', 'error'];

/** Runs `fn` with a time limit, turning a failure into null plus an error line. */
async function step<T>(name: string, result: RunResult, plan: RunPlan, fn: () => Promise<T>): Promise<T | null> {
  const { log } = plan;
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${plan.stepTimeoutMs / 1000} s`)), plan.stepTimeoutMs);
  });
  try {
    const value = await Promise.race([fn(), limit]);
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    result.errors.push(`${name}: ${message}`);
    log(`  ${name}: FAILED: ${message}`);
    return null;
  } finally {
    clearTimeout(timer);
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
    return { ms, rowsRead, inserted, updated, unchanged, duplicates, rejected, sameAsLoad: s.sameAsLoad ?? null, summaryMs: s.ms, stored: Number(row?.n), compactMs: s.compacted?.ms ?? null };
  }, url);
}

/**
 * Runs `fn` while sampling the browser's RSS and its threads' CPU (when its process was found).
 * The peak is also handed to `onPeak` when `fn` fails, to show how far memory got.
 */
async function sampled<T>(
  pid: number | null,
  fn: () => Promise<T>,
  onPeak: (p: RssPeak | null) => void,
  onCpu: (cpu: CpuGroups) => void,
): Promise<T> {
  const rss = pid === null ? null : sampleRss(pid);
  const threads = pid === null ? null : sampleThreads(pid);
  try {
    return await fn();
  } finally {
    onPeak(rss?.stop() ?? null);
    if (threads !== null) {
      const { first, last } = threads.stop();
      onCpu(cpuByGroup(first, last));
    }
  }
}

/**
 * Records, from navigation on, the last moment every report card reached a final state. A
 * string, not a function: tsx would wrap inner functions in a helper the page does not have.
 */
const WATCH_REPORTS = `(() => {
  const states = ${JSON.stringify(FINAL_STATES)};
  window.__benchReportsAt = null;
  new MutationObserver(() => {
    const cards = [...document.querySelectorAll('[data-testid^="report-"][data-state]')];
    const done = cards.length > 0 && cards.every((c) => states.includes(c.getAttribute('data-state') || ''));
    if (!done) window.__benchReportsAt = null;
    else if (window.__benchReportsAt === null) window.__benchReportsAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})();`;

/** Cold load of `#/reports`; resolves to ms from navigation start until all cards rendered. */
async function coldReports(context: BrowserContext, plan: RunPlan, result: RunResult): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.addInitScript(WATCH_REPORTS);
  await page.goto(`${plan.server.url}${APP_PATH}#/reports`);
  await page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.ready);
  const ids = await page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.reports());
  const allFinal = async (): Promise<number> => {
    const handle = await page.waitForFunction(
      (n) => {
        const at = (window as unknown as { __benchReportsAt?: number | null }).__benchReportsAt;
        return typeof at === 'number' && document.querySelectorAll('[data-testid^="report-"][data-state]').length === n ? at : false;
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
  const result: RunResult = {
    ingest_ms: null, duckdb_csv_ms: null, ingest_ratio: null, peak_rss_mb: null, reports_ms: null,
    duckdb_instantiate_ms: null, filter_ms: null, filter_again_ms: null, reingest_same_ms: null, reingest_newer_ms: null,
    browser: null, first_load: [], peak_rss_failed_mb: null, peak_rss_browser_mb: null, rss_samples: null, anchor_peak_rss_mb: null,
    anchor_rows: null, ingests: { first: null, same: null, newer: null }, report_states: null, ingest_cpu_ms: null, anchor_cpu_ms: null, filter_cpu_ms: null,
    filter_again_cpu_ms: null, errors: [],
  };
  const browser = await launch(undefined, plan.jsFlags ? [`--js-flags=${plan.jsFlags}`] : []);
  browser.context.setDefaultTimeout(plan.stepTimeoutMs);
  browser.context.setDefaultNavigationTimeout(plan.stepTimeoutMs);
  const pid = findBrowserPid(browser.profile);
  if (pid === null) result.errors.push('rss: the browser process was not found in /proc');
  const isData = (path: string) => plan.dataPrefixes.some((p) => path.startsWith(p));
  try {
    // 1–3: first load, ingest, the same file again, the newer file; one page.
    const mark = plan.server.log.length;
    const first = await step('first load', result, plan, () => openApp(browser.context, plan.server));
    if (first) {
      // The first load ends once the service worker has installed (it registers after boot and
      // precaches the app for offline use): its requests count too.
      await step('service worker', result, plan, () =>
        first.page.evaluate(() => ('serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : false)),
      );
      result.first_load = plan.server.log.slice(mark).filter((e) => !isData(e.path));
      // The user agent string is reduced (156.0.0.0); the DevTools protocol has the full version.
      result.browser = await step('browser version', result, plan, async () => {
        const cdp = await browser.context.newCDPSession(first.page);
        const { product } = await cdp.send('Browser.getVersion');
        await cdp.detach();
        return `Chromium ${/[\d.]+$/.exec(product)?.[0] ?? product} (headless)`;
      });
      const rss: { peak: RssPeak | null } = { peak: null };
      const ingest = await step('ingest', result, plan, () =>
        sampled(
          pid,
          () => ingestOnce(first.page, plan.zipUrl),
          (p) => (rss.peak = p),
          (c) => (result.ingest_cpu_ms = c),
        ),
      );
      const { peak } = rss;
      result.peak_rss_browser_mb = peak?.peakBrowserMb ?? null;
      result.rss_samples = peak?.samples ?? null;
      if (!ingest) result.peak_rss_failed_mb = peak?.peakRendererMb ?? null;
      else {
        result.ingests.first = ingest;
        result.ingest_ms = ingest.ms;
        result.peak_rss_mb = peak?.peakRendererMb ?? null;
        if (ingest.rowsRead !== plan.rows) result.errors.push(`ingest: read ${ingest.rowsRead} rows, the file has ${plan.rows}`);
      }
      result.ingests.same = await step('reingest same', result, plan, () => ingestOnce(first.page, plan.zipUrl));
      result.reingest_same_ms = result.ingests.same?.ms ?? null;
      if (result.ingests.same && result.ingests.same.sameAsLoad === null) result.errors.push('reingest same: not recognised as an already loaded file');
      result.ingests.newer = await step('reingest newer', result, plan, () => ingestOnce(first.page, plan.newerUrl));
      result.reingest_newer_ms = result.ingests.newer?.ms ?? null;
      await first.page.close();
    }

    // 4: the anchor, in a fresh page (the closed one released the store).
    const anchor = await step('anchor', result, plan, async () => {
      const { page } = await openApp(browser.context, plan.server);
      try {
        return await sampled(
          pid,
          () =>
            page.evaluate(async (u) => {
              const lens = (window as unknown as { lens: BenchLens }).lens;
              if (typeof lens.benchAnchor !== 'function') throw new Error('window.lens.benchAnchor is missing');
              return lens.benchAnchor(u);
            }, plan.zipUrl),
          (p) => (result.anchor_peak_rss_mb = p?.peakRendererMb ?? null),
          (c) => (result.anchor_cpu_ms = c),
        );
      } finally {
        await page.close();
      }
    });
    if (anchor) {
      result.duckdb_csv_ms = anchor.ms;
      result.anchor_rows = anchor.rows;
      if (anchor.rows !== plan.rows) result.errors.push(`anchor: ${anchor.rows} rows, the file has ${plan.rows}`);
    }
    result.ingest_ratio = ratio(result.ingest_ms, result.duckdb_csv_ms);

    // 5–6: cold load of the reports on the populated store, then one filter change.
    const reports = await step('reports', result, plan, () => coldReports(browser.context, plan, result));
    if (reports) {
      result.reports_ms = reports.ms;
      const status = await reports.page.evaluate(() => (window as unknown as { lens: BenchLens }).lens.status());
      result.duckdb_instantiate_ms = typeof status.instantiateMs === 'number' ? status.instantiateMs : null;
      // Each change's time, and its CPU by thread read from /proc around it.
      const change = async (from: string, onCpu: (cpu: CpuGroups) => void) => {
        const before = pid === null ? null : readThreads(pid);
        const ms = await reports.page.evaluate(async (f) => {
          const lens = (window as unknown as { lens: BenchLens }).lens;
          const t0 = performance.now();
          await lens.setFilters({ from: f });
          return performance.now() - t0;
        }, from);
        if (before !== null) onCpu(cpuByGroup(before, readThreads(pid!)));
        return ms;
      };
      result.filter_ms = await step('filter', result, plan, () => change(plan.filterFrom, (c) => (result.filter_cpu_ms = c)));
      // Not a target: a second change shows what the first one paid once (see the README).
      if (result.filter_ms !== null)
        result.filter_again_ms = await step('filter again', result, plan, () => change(plan.filterAgainFrom, (c) => (result.filter_again_cpu_ms = c)));
      await reports.page.close();
    }
  } finally {
    await browser.close().catch((e: unknown) => result.errors.push(`close: ${String(e)}`));
  }
  return result;
}

/**
 * Reports in a real browser on the default sample: every report renders real marks, the numbers
 * match independent SQL over the base tables, filters re-render everything (also from a chart
 * click), and "Open in editor" carries the SQL over. The choropleth renders from the real GeoJSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CLOSE_BINS_PER_DECADE } from '../../src/db/closure';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Locator } from '../../src/domain/locate';
import { boundaryAreas, checkBoundaries } from '../../src/reports/boundaries';
import { SHARED_REAL, openApp, useBrowser } from './harness';

const q = (page: Page, sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<any[]>;

async function waitForReports(page: Page): Promise<void> {
  const ids = await page.evaluate(async () => ((await (window as any).lens.reports()) as { id: string }[]).map((r) => r.id));
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => ['ready', 'empty', 'error'].includes((document.querySelector(`[data-testid="report-${id}"]`) as HTMLElement | null)?.dataset.state ?? '')),
    ids,
    { timeout: 120_000 },
  );
}

/**
 * A card out of view skips its layout (`content-visibility: auto`), so reading it returns what it
 * had when last on screen. The layout checks read every card laid out as if on screen: the
 * skipping is switched off while `read` runs and back on after.
 */
async function laidOut<T>(page: Page, read: () => Promise<T>): Promise<T> {
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'test-laid-out';
    style.textContent = '.lens-report { content-visibility: visible !important; }';
    document.head.append(style);
  });
  try {
    return await read();
  } finally {
    await page.evaluate(() => document.getElementById('test-laid-out')?.remove());
  }
}

/** The drawn width of every ready card's chart, by report id. */
function chartWidths(page: Page): Promise<Record<string, number>> {
  return laidOut(page, () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-testid^="report-"][data-state="ready"]')].map((c) => [
          c.dataset.testid!.slice('report-'.length),
          c.querySelector<HTMLElement>('[data-testid=chart]')!.scrollWidth,
        ]),
      ),
    ),
  );
}

/** The card layout once no chart overflows its card (or after 10 s): rows of the first four cards, overflowing charts. */
async function settledLayout(page: Page): Promise<{ tops: number; overflowing: string[]; ready: number }> {
  const measure = () =>
    laidOut(page, () => page.evaluate(() => {
      const cards = [...document.querySelectorAll<HTMLElement>('[data-testid^="report-"][data-state]')];
      return {
        tops: new Set(cards.slice(0, 4).map((c) => Math.round(c.getBoundingClientRect().top))).size,
        overflowing: cards
          .filter((c) => c.dataset.state === 'ready')
          .map((c) => ({ id: c.dataset.testid, body: c.querySelector<HTMLElement>('.lens-report-body')!, chart: c.querySelector<HTMLElement>('[data-testid=chart]')! }))
          .filter(({ body, chart }) => body.scrollWidth > body.clientWidth || chart.scrollWidth > chart.clientWidth + 1)
          .map(({ id, body }) => `${id}: ${body.scrollWidth} > ${body.clientWidth}`),
        ready: cards.filter((c) => c.dataset.state === 'ready').length,
      };
    }));
  const until = Date.now() + 10_000;
  let layout = await measure();
  while (layout.overflowing.length && Date.now() < until) {
    await page.waitForTimeout(100);
    layout = await measure();
  }
  return layout;
}

describe('reports in Chromium', () => {
  const env = useBrowser();
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openApp(env.browser.context, env.server, '#/reports'));
    await waitForReports(page);
  });

  it('renders every report with marks, or a readable empty state', async () => {
    const reports = (await page.evaluate(() => (window as any).lens.reports())) as { id: string; title: string }[];
    expect(reports.length).toBeGreaterThanOrEqual(14);
    for (const r of reports) {
      const card = page.locator(`[data-testid="report-${r.id}"]`);
      const state = await card.getAttribute('data-state');
      expect(state, r.id).not.toBe('error');
      if (state === 'empty') {
        expect(['yoy', 'choropleth']).toContain(r.id);
        expect((await card.textContent())!.length).toBeGreaterThan(40);
        continue;
      }
      if (await card.locator('[data-testid=chart] canvas').count()) {
        // Dense charts draw on canvas: check the canvas and the number of data rows drawn.
        expect(Number(await card.locator('[data-testid=chart]').getAttribute('data-rows')), r.id).toBeGreaterThan(0);
        expect(await card.locator('[data-testid=chart] canvas').evaluate((c: HTMLCanvasElement) => c.width * c.height), r.id).toBeGreaterThan(0);
        continue;
      }
      const marks = await card.locator('[data-testid=chart] svg .mark-rect path, [data-testid=chart] svg .mark-symbol path, [data-testid=chart] svg .mark-line path, [data-testid=chart] svg .mark-area path, [data-testid=chart] svg .mark-rule line, [data-testid=chart] svg .mark-shape path').count();
      expect(marks, r.id).toBeGreaterThan(0);
      const data = await page.evaluate((id) => (window as any).lens.reportData(id), r.id);
      expect(data.rows.length, r.id).toBeGreaterThan(0);
      expect(data.sql, r.id).toMatch(/SELECT/i);
    }
  });

  it('fits every chart in its card, two cards a row on a wide screen and one on a narrow one or a phone, refitting on resize', async () => {
    const wide = await chartWidths(page);
    for (const [width, columns] of [[1920, 2], [900, 1], [600, 1], [360, 1]] as const) {
      await page.setViewportSize({ width, height: 1000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=report-grid]')!.getBoundingClientRect().width > 0);
      // Charts that do not fit are redrawn narrower once the resize settles.
      const layout = await settledLayout(page);
      expect(layout.ready, `${width}px`).toBeGreaterThanOrEqual(10);
      expect(layout.overflowing, `${width}px`).toEqual([]);
      // The first four cards sit in two rows of two, or four rows of one.
      expect(layout.tops, `${width}px`).toBe(4 / columns);
    }
    // At 600 px the widest charts were redrawn narrower (two-panel ones stacked)...
    const narrow = await chartWidths(page);
    expect(narrow['monthly-by-type']).toBeLessThan(wide['monthly-by-type']);
    expect(narrow['density-map']).toBeLessThan(wide['density-map']);
    // ...and back at the usual width they are drawn as they were.
    await page.setViewportSize({ width: 1280, height: 720 });
    // The first card is on screen, so its layout can be read as it is (chartWidths lays out the rest).
    await page.waitForFunction((w) => document.querySelector<HTMLElement>('[data-testid="report-monthly-by-type"] [data-testid=chart]')!.scrollWidth === w, wide['monthly-by-type']);
    expect(await chartWidths(page)).toEqual(wide);
  });

  it('refits the charts resized while the reports page was hidden', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.evaluate(() => (location.hash = '#/sql'));
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=report-grid]')!.getBoundingClientRect().width === 0);
    await page.setViewportSize({ width: 600, height: 1000 });
    await page.waitForTimeout(300);
    await page.evaluate(() => (location.hash = '#/reports'));
    const layout = await settledLayout(page);
    expect(layout.ready).toBeGreaterThanOrEqual(10);
    expect(layout.overflowing).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('counts by neighborhood match an independent count over the base tables', async () => {
    const { rows } = await page.evaluate(() => (window as any).lens.reportData('by-neighborhood'));
    const bars = await page.locator('[data-testid="report-by-neighborhood"] [data-testid=chart] svg .mark-rect path').count();
    expect(bars).toBe(rows.length);
    const truth = await q(page, `SELECT neighborhood_slug AS slug, count(*) AS n FROM traffic_accidents WHERE neighborhood_slug IS NOT NULL GROUP BY 1`);
    const shown = new Map(rows.filter((r: any) => r.dataset === 'traffic_accidents').map((r: any) => [r.slug, r.n]));
    expect(shown.size).toBe(truth.length);
    for (const t of truth) expect(shown.get(t.slug), t.slug).toBe(t.n);
  });

  it('median and p90 resolution hours by type, read from the closure rollups, lie in the exact values\' histogram bins', async () => {
    const { rows } = await page.evaluate(() => (window as any).lens.reportData('resolution-by'));
    const truth = await q(
      page,
      `SELECT type, quantile_cont(epoch(closed_at - created_at) / 3600, 0.5) AS median, quantile_cont(epoch(closed_at - created_at) / 3600, 0.9) AS p90
       FROM service_requests WHERE closed_at > created_at GROUP BY type`,
    );
    const byType = new Map(truth.map((t) => [t.type, t]));
    const groups = rows.filter((r: any) => r.kind === 'group' && typeof r.median_hours === 'number');
    expect(groups.length).toBeGreaterThan(5);
    let compared = 0;
    for (const r of groups) {
      const t = byType.get(r.key);
      if (!t) continue;
      // an estimate lies in the same bin (a factor of 10^(1/20)) as the exact quantile
      expect(Math.abs(Math.log10(r.median_hours / t.median))).toBeLessThanOrEqual(1 / CLOSE_BINS_PER_DECADE);
      expect(Math.abs(Math.log10(r.p90_hours / t.p90))).toBeLessThanOrEqual(1 / CLOSE_BINS_PER_DECADE);
      compared++;
    }
    expect(compared).toBe(groups.length);
  });

  it('re-renders every report after a filter change, and keeps the filter in the URL', async () => {
    const t0 = Date.now();
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: ['Five Points'] }));
    const ms = Date.now() - t0;
    await waitForReports(page);
    expect(await page.evaluate(() => (window as any).lens.filters())).toMatchObject({ neighborhoods: ['five-points'] });
    expect(page.url()).toMatch(/neighborhood=five-points/);
    const { rows } = await page.evaluate(() => (window as any).lens.reportData('by-neighborhood'));
    expect(new Set(rows.map((r: any) => r.slug))).toEqual(new Set(['five-points']));
    expect(ms).toBeLessThan(15_000);
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: [] }));
    await waitForReports(page);
  });

  it('sets the dates from a period preset counted back from the last day with data; typed dates read as a custom range', async () => {
    const [{ last }] = await page.evaluate(() => (window as any).lens.query("SELECT strftime(max(day), '%Y-%m-%d') AS last FROM daily_counts"));
    const period = page.locator('[data-testid=filter-period]');
    expect(await period.inputValue()).toBe('all');
    await period.selectOption('last-3-months');
    await page.waitForFunction(() => location.hash.includes('from='));
    await waitForReports(page);
    // Three months back from the last day: from the day after the same date three months earlier.
    const d = new Date(`${last}T00:00:00Z`);
    const back = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 3, Math.min(d.getUTCDate(), new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 0)).getUTCDate()) + 1));
    const from = back.toISOString().slice(0, 10);
    expect(await page.evaluate(() => (window as any).lens.filters())).toMatchObject({ from, to: last });
    expect(await page.locator('[data-testid=filter-from]').inputValue()).toBe(from);
    expect(await page.locator('[data-testid=filter-to]').inputValue()).toBe(last);
    // The reports follow: no monthly count before the range.
    const { rows } = await page.evaluate(() => (window as any).lens.reportData('monthly-by-type'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => new Date(r.month).toISOString().slice(0, 10) >= from.slice(0, 8) + '01')).toBe(true);
    // A date typed by hand is no preset any more; "All dates" clears both ends.
    await page.locator('[data-testid=filter-from]').fill(`${from.slice(0, 8)}${from.slice(8) === '02' ? '03' : '02'}`);
    await page.waitForFunction((f) => location.hash.includes('from=') && !location.hash.includes(`from=${f}`), from);
    await waitForReports(page);
    expect(await period.inputValue()).toBe('custom');
    await period.selectOption('all');
    await page.waitForFunction(() => !location.hash.includes('from='));
    await waitForReports(page);
    const cleared = await page.evaluate(() => (window as any).lens.filters());
    expect([cleared.from, cleared.to]).toEqual([undefined, undefined]);
    expect(await period.inputValue()).toBe('all');
  });

  it('redraws the cards on screen first after a filter change', async () => {
    // DuckDB answers one query at a time: the cards in view must not wait behind those above them.
    await page.locator('[data-testid="report-backlog"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const offscreen = await page.evaluate(() => document.querySelector('[data-testid="report-monthly-by-type"]')!.getBoundingClientRect().bottom < 0);
    expect(offscreen).toBe(true);
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: ['Capitol Hill'] }));
    const waited = (id: string) => page.evaluate((i) => Number(document.querySelector<HTMLElement>(`[data-testid="report-${i}"]`)!.dataset.msData), id);
    // Time from the change to each card's rows: the card in view got them before the first card.
    expect(await waited('backlog')).toBeLessThan(await waited('monthly-by-type'));
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: [] }));
    await waitForReports(page);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('downloads a chart as SVG and PNG with its title and the filters it was drawn under', async () => {
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: ['Five Points'], from: '2025-01-01' }));
    await waitForReports(page);
    const card = page.locator('[data-testid="report-monthly-by-type"]');
    const title = (await card.locator('h2, h3').first().textContent())!.trim();
    const [svgDl] = await Promise.all([page.waitForEvent('download'), card.locator('[data-testid=download-svg]').click()]);
    expect(svgDl.suggestedFilename()).toBe('monthly-by-type.svg');
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain(`>${title}</text>`);
    expect(svg).toContain('from 2025-01-01 · Neighborhood: Five Points');
    expect(svg).toMatch(/Denver Lens · exported \d{4}-\d{2}-\d{2}/);
    const [pngDl] = await Promise.all([page.waitForEvent('download'), card.locator('[data-testid=download-png]').click()]);
    const png = readFileSync((await pngDl.path())!);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // Twice the chart's size, plus the title lines above it.
    const chartHeight = await card.locator('[data-testid=chart] svg, [data-testid=chart] canvas').first().evaluate((el) => el.getBoundingClientRect().height);
    expect(png.readUInt32BE(20)).toBeGreaterThan(2 * chartHeight + 60);
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: [], from: null }));
    await waitForReports(page);
  });

  it('filters from a click on a neighborhood bar', async () => {
    // A card comes into layout on the frame after it scrolls into view: click once it is drawn.
    const card = page.locator('[data-testid="report-by-neighborhood"]');
    await card.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const bar = card.locator('[data-testid=chart] svg .mark-rect path').first();
    await bar.click({ force: true });
    await page.waitForFunction(() => (window as any).lens && location.hash.includes('neighborhood='));
    const f = await page.evaluate(() => (window as any).lens.filters());
    expect(f.neighborhoods.length).toBe(1);
    await page.evaluate(() => (window as any).lens.setFilters({ neighborhoods: [] }));
    await waitForReports(page);
  });

  it("says when the editor's long query holds the reports up, and cancels it from there", async () => {
    await page.goto(page.url().replace(/#.*$/, '#/sql'));
    await page.waitForSelector('[data-testid=sql-editor] .cm-content');
    const editor = page.locator('[data-testid=sql-editor] .cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('SELECT count(*) FROM range(10000000000) a, range(10) b WHERE a.range % 7 = b.range');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=cancel]') as HTMLButtonElement)?.disabled);
    // Not on the SQL page itself, which shows its own Cancel.
    expect(await page.locator('[data-testid=editor-busy]').isHidden()).toBe(true);
    await page.evaluate(() => (location.hash = '#/reports'));
    const banner = page.locator('[data-testid=editor-busy]');
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/The SQL editor’s query has been running for \d+ s; the reports and other queries wait/);
    await banner.locator('[data-testid=editor-busy-cancel]').click();
    await banner.waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).lens.query('SELECT 42 AS n'))).toEqual([{ n: 42 }]);
    await page.evaluate(() => (location.hash = '#/sql'));
    await page.waitForFunction(() => /cancel/i.test(document.querySelector('[data-testid=error]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.evaluate(() => (location.hash = '#/reports'));
    await waitForReports(page);
  });

  it('opens a report SQL in the editor', async () => {
    const card = page.locator('[data-testid="report-monthly-by-type"]');
    await card.locator('[data-testid=open-in-editor]').click();
    await page.waitForSelector('[data-testid=sql-editor]');
    await page.waitForFunction(() => location.hash.startsWith('#/sql'));
    const text = await page.locator('[data-testid=sql-editor] .cm-content').textContent();
    expect(text).toMatch(/daily_counts|rollup_|service_requests|events/);
    await page.goto(page.url().replace(/#.*$/, '#/reports'));
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    await waitForReports(page);
  });

  const geojson = join(SHARED_REAL, 'denver_statistical_neighborhoods_ssciolist.geojson');
  it.skipIf(!existsSync(geojson))('draws the choropleth from the real neighborhoods GeoJSON, and places the stored records without a neighborhood', async () => {
    const areas = checkBoundaries(readFileSync(geojson, 'utf8'));
    if (!areas.ok) throw new Error(areas.error);
    const locator = new Locator(boundaryAreas(areas.features));
    const unplaced = (await page.evaluate(() =>
      (window as any).lens.query(`SELECT longitude AS lon, latitude AS lat FROM service_requests WHERE neighborhood IS NULL AND neighborhood_slug IS NULL AND longitude IS NOT NULL
        UNION ALL SELECT longitude, latitude FROM traffic_accidents WHERE neighborhood IS NULL AND neighborhood_slug IS NULL AND longitude IS NOT NULL`),
    )) as { lon: number; lat: number }[];
    const placeable = unplaced.filter((p) => locator.locate(p.lon, p.lat)).length;
    // The sample leaves some accidents' neighborhood blank (a flaw of the real files).
    expect(placeable).toBeGreaterThan(0);
    await page.setInputFiles('[data-testid=geojson-input]', { name: 'neighborhoods.geojson', mimeType: 'application/geo+json', buffer: readFileSync(geojson) });
    await page.waitForFunction(() => document.querySelector('[data-testid="report-choropleth"]')?.getAttribute('data-state') === 'ready', undefined, { timeout: 60_000 });
    const shapes = await page.locator('[data-testid="report-choropleth"] [data-testid=chart] svg .mark-shape path').count();
    // One shape per neighborhood, in each dataset's facet.
    expect(shapes).toBeGreaterThanOrEqual(78);
    expect(shapes % 78).toBe(0);
    expect(await page.locator('[data-testid="report-choropleth"] [data-testid=notice]').textContent()).toContain(
      `${placeable.toLocaleString('en-US')} stored records without a neighborhood now have one`,
    );
    // The map, too, fits a narrow card.
    await page.setViewportSize({ width: 600, height: 1000 });
    const layout = await settledLayout(page);
    expect(layout.overflowing).toEqual([]);
    expect(await page.locator('[data-testid="report-choropleth"] [data-testid=chart] svg .mark-shape path').count()).toBe(shapes);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it.skipIf(!existsSync(geojson))('places records without a neighborhood by their coordinates: the stored ones when boundaries come, and each load after', async () => {
    const areas = checkBoundaries(readFileSync(geojson, 'utf8'));
    if (!areas.ok) throw new Error(areas.error);
    const locator = new Locator(boundaryAreas(areas.features));
    const q = (sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<any[]>;
    const unplaced = `SELECT longitude AS lon, latitude AS lat FROM traffic_accidents
      WHERE neighborhood IS NULL AND neighborhood_slug IS NULL AND longitude IS NOT NULL`;
    // The boundaries dropped in the test above placed every stored record whose point they hold.
    for (const p of await q(unplaced)) expect(locator.locate(p.lon, p.lat)).toBeNull();
    const rollup = `SELECT coalesce(neighborhood_slug, '?') AS slug, sum(n) AS n FROM daily_counts WHERE dataset = 'traffic_accidents' GROUP BY 1 ORDER BY 1`;
    const table = `SELECT coalesce(neighborhood_slug, '?') AS slug, count(*) AS n FROM traffic_accidents GROUP BY 1 ORDER BY 1`;
    expect(await q(rollup)).toEqual(await q(table));

    // A load after the boundaries: its record without a neighborhood is placed before the merge.
    const [lon, lat] = [-104.9781, 39.7555];
    const expected = locator.locate(lon, lat);
    expect(expected).not.toBeNull();
    const csv =
      'INCIDENT_ID,OFFENSE_ID,OFFENSE_CODE,OFFENSE_CODE_EXTENSION,OFFENSE_TYPE_ID,OFFENSE_CATEGORY_ID,FIRST_OCCURRENCE_DATE,LAST_OCCURRENCE_DATE,REPORTED_DATE,INCIDENT_ADDRESS,GEO_X,GEO_Y,GEO_LON,GEO_LAT,DISTRICT_ID,PRECINCT_ID,NEIGHBORHOOD_ID,BICYCLE_IND,PEDESTRIAN_IND\n' +
      `9900000042.0,9900000042544100,5441,0,traffic-accident,traffic-accident,2026-01-08 09:00:00,,2026-01-08 09:10:00,WELTON ST / 27TH ST,3143000.0,1694000.0,${lon},${lat},6,611,,,\n`;
    const summary = await page.evaluate((text) => (window as any).lens.ingestFile(new File([text], 'unplaced.csv', { type: 'text/csv' })), csv);
    expect(summary.inserted).toBe(1);
    expect(await q(`SELECT neighborhood, neighborhood_slug FROM traffic_accidents WHERE incident_id = 9900000042`)).toEqual([
      { neighborhood: expected!.name, neighborhood_slug: expected!.slug },
    ]);
    const [log] = await q(`SELECT note FROM ingest_log ORDER BY load_id DESC LIMIT 1`);
    expect(log.note).toContain('1 record without a neighborhood placed in one by its coordinates');
    expect(await q(rollup)).toEqual(await q(table));
    // Boundaries and placements are in the store file: a reload keeps them.
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    expect(await q(`SELECT count(*) AS n FROM boundaries`)).toEqual([{ n: 1 }]);
    for (const p of await q(unplaced)) expect(locator.locate(p.lon, p.lat)).toBeNull();
  });
});

/**
 * The SQL editor in a real browser: keyboard run, completion from the live schema, a 200k-row
 * result that scrolls, a result too large to hold (its first rows, the whole of it exported), cancel, history across reloads, CSV and Parquet export read back, the
 * read-only guard, markup shown as text, the share URL and Format.
 */
import { readFileSync } from 'node:fs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { count, openApp, useBrowser } from './harness';

async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.locator('[data-testid=sql-editor] .cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function runAndWait(page: Page, keys = 'Control+Enter'): Promise<void> {
  // Clear the elapsed time first: two quick queries can take the same time, so "the text
  // changed" alone can miss a run that finished.
  await page.evaluate(() => {
    const e = document.querySelector('[data-testid=elapsed]');
    if (e) e.textContent = '';
  });
  await page.keyboard.press(keys);
  await page.waitForFunction(
    () => {
      const e = document.querySelector('[data-testid=elapsed]')?.textContent ?? '';
      return e !== '' && !/Running/.test(e);
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** The editor's text, line by line as CodeMirror shows it. */
const editorText = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-testid=sql-editor] .cm-line')].map((l) => l.textContent).join('\n'));

async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => (window as any).lens !== undefined);
  await page.evaluate(() => (window as any).lens.ready);
  await page.waitForSelector('[data-testid=sql-editor]');
}

const rowCount = async (page: Page) => Number(await page.getAttribute('[data-testid=row-count]', 'data-count'));

describe('SQL editor in Chromium', () => {
  const env = useBrowser();
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openApp(env.browser.context, env.server, '#/sql'));
    await page.waitForSelector('[data-testid=sql-editor]');
  });

  it('runs the statement under the cursor with Ctrl+Enter and shows rows and count', async () => {
    await typeSql(page, `SELECT neighborhood, count(*) AS n FROM traffic_accidents GROUP BY 1 ORDER BY n DESC`);
    await runAndWait(page);
    const expected = Number((await page.evaluate(() => (window as any).lens.query('SELECT count(DISTINCT neighborhood) + count(*) FILTER (WHERE neighborhood IS NULL) > 0 AS any, count(DISTINCT coalesce(neighborhood, \'∅\')) AS n FROM traffic_accidents')))[0].n);
    expect(await rowCount(page)).toBe(expected);
    expect(await page.locator('[data-testid=results]').textContent()).toMatch(/neighborhood/);
  });

  it('completes column names of service_requests from the live schema', async () => {
    await typeSql(page, 'SELECT case_st FROM service_requests');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT case_st'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Space');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect(await page.locator('.cm-tooltip-autocomplete').textContent()).toMatch(/case_status/);
    await page.keyboard.press('Escape');
  });

  it('scrolls a 200k-row result without rendering every row', async () => {
    await typeSql(page, 'SELECT range AS i, md5(range::VARCHAR) AS h FROM range(200000)');
    await runAndWait(page);
    expect(await rowCount(page)).toBe(200_000);
    const grid = page.locator('[data-testid=results]');
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForTimeout(300);
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1000);
    const rendered = await grid.locator('[role=row]').count();
    expect(rendered).toBeLessThan(500);
    expect(await grid.textContent()).toMatch(/1\d{5}|9\d{4}/);
  });

  it('exports the 200k-row result as CSV in pieces, saying how far it is, with the page responsive meanwhile', async () => {
    expect(await rowCount(page)).toBe(200_000);
    const progress: string[] = [];
    const watch = setInterval(() => {
      void page
        .evaluate(() => document.querySelector('[data-testid=notice]')?.textContent ?? '')
        .then((t) => progress.push(t))
        .catch(() => undefined);
    }, 100);
    const [csvDl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-csv]')]);
    clearInterval(watch);
    // Regression: the whole file was built in one task (23 s for 426k rows), with no word of it.
    expect(progress.some((t) => /Exporting CSV… \d+%/.test(t)), progress.join(' | ')).toBe(true);
    const text = readFileSync((await csvDl.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('i,h');
    expect(lines.length).toBe(200_002);
    expect(lines[200_000]).toMatch(/^199999,[0-9a-f]{32}$/);
  });

  it('exports the 200k-row result as Parquet in a worker, saying how far it is, in row groups of 100k', async () => {
    expect(await rowCount(page)).toBe(200_000);
    const workers: string[] = [];
    const onWorker = (w: { url(): string }) => workers.push(w.url());
    page.on('worker', onWorker);
    // Every text the notice shows, as it changes (a poll could miss a worker's quick steps).
    await page.evaluate(() => {
      const w = window as any;
      w.noticeTexts = [];
      const notice = document.querySelector('[data-testid=notice]')!;
      w.noticeWatch = new MutationObserver(() => w.noticeTexts.push(notice.textContent ?? ''));
      w.noticeWatch.observe(notice, { childList: true, characterData: true, subtree: true });
    });
    const [pqDl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-parquet]')]);
    page.off('worker', onWorker);
    const said = (await page.evaluate(() => {
      const w = window as any;
      w.noticeWatch.disconnect();
      return w.noticeTexts;
    })) as string[];
    // Regression: the file was encoded on the page in one task (14 s for 426k rows), with no word of it.
    expect(workers.some((u) => /parquet\.worker/.test(u)), workers.join(' ')).toBe(true);
    const shares = said.map((t) => /Exporting PARQUET… (\d+)%/.exec(t)?.[1]).filter((x) => x !== undefined).map(Number);
    expect(shares.some((x) => x > 0 && x < 100), said.join(' | ')).toBe(true);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const bytes = readFileSync((await pqDl.path())!);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(parquetMetadata(file).row_groups.map((g) => Number(g.num_rows))).toEqual([100_000, 100_000]);
    const rows = (await parquetReadObjects({ file, rowStart: 199_998, rowEnd: 200_000 })) as any[];
    expect(rows).toEqual([
      { i: 199_998n, h: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { i: 199_999n, h: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
  });

  it("shows a cell's whole value in a dialog, on a double click or Enter", async () => {
    await typeSql(page, "SELECT repeat('ab', 3000) AS long_text, NULL AS nothing");
    await runAndWait(page);
    const grid = page.locator('[data-testid=results]');
    await grid.locator('[role=gridcell][data-col="0"]').first().dblclick();
    const viewer = page.locator('[data-testid=cell-viewer]');
    await viewer.waitFor({ state: 'visible' });
    // The grid cell shows one line and its tooltip 2,000 characters; the dialog all 6,000.
    expect((await viewer.locator('[data-testid=cell-value]').textContent())!.length).toBe(6000);
    expect(await viewer.locator('h2').textContent()).toBe('long_text · VARCHAR · row 1');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    await grid.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await viewer.waitFor({ state: 'visible' });
    expect(await viewer.locator('[data-testid=cell-value]').textContent()).toBe('NULL');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'hidden' });
  });

  it('cancels a long query', async () => {
    await typeSql(page, 'SELECT count(*) FROM range(10000000000) a, range(10) b WHERE a.range % 7 = b.range');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=cancel]') as HTMLButtonElement)?.disabled);
    await page.waitForTimeout(500);
    await page.click('[data-testid=cancel]');
    await page.waitForFunction(() => /cancel/i.test(document.querySelector('[data-testid=error]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.locator('[data-testid=history-item]').first().locator('.sql-history-meta').textContent()).toMatch(/ · cancelled · /);
    expect(await page.evaluate(() => (window as any).lens.query('SELECT 41 + 1 AS x'))).toEqual([{ x: 42 }]);
  });

  it('cancels a running query with Escape in the editor', async () => {
    await typeSql(page, 'SELECT count(*) FROM range(10000000000) a, range(10) b WHERE a.range % 7 = b.range');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => !(document.querySelector('[data-testid=cancel]') as HTMLButtonElement)?.disabled);
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => /cancel/i.test(document.querySelector('[data-testid=error]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.locator('[data-testid=cancel]').isDisabled()).toBe(true);
  });

  it('indents with Tab, and Escape then Tab leaves the editor', async () => {
    await typeSql(page, 'SELECT 1');
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await editorText(page)).toMatch(/^\s+SELECT 1$/);
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=sql-editor]'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=sql-editor]'))).toBe(false);
    expect(await editorText(page)).toMatch(/^\s+SELECT 1$/);
  });

  it('reaches the column headers with Tab and sorts with Enter and Space', async () => {
    await typeSql(page, `SELECT * FROM (VALUES (2, 'b'), (3, 'c'), (1, 'a')) t(n, s)`);
    await runAndWait(page);
    await page.focus('[data-testid=results]');
    await page.keyboard.press('Tab');
    const focusedCol = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-col'));
    expect(await focusedCol()).toBe('0');
    const header = page.locator('[data-testid=results] [role=columnheader][data-col="0"]');
    const firstCell = () => page.locator('[data-testid=results] [role=row][data-row="0"] [role=gridcell]').first().textContent();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstCell()).toBe('1');
    expect(await focusedCol()).toBe('0');
    await page.keyboard.press(' ');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await firstCell()).toBe('3');
  });

  it('runs the statement under the cursor with Ctrl+Enter, and the whole script with Run (no selection) and Run all', async () => {
    await typeSql(page, 'SELECT 1 AS first_one;\nSELECT 2 AS second_one');
    await page.keyboard.press('Control+Home');
    const firstHeader = () => page.locator('[data-testid=results] [role=columnheader] .sql-grid-name').first().textContent();
    const ran = async (act: () => Promise<void>) => {
      await page.evaluate(() => (document.querySelector('[data-testid=elapsed]')!.textContent = ''));
      await act();
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=elapsed]')?.textContent ?? '') && !/Running/.test(document.querySelector('[data-testid=elapsed]')?.textContent ?? ''));
      return firstHeader();
    };
    expect(await ran(() => page.keyboard.press('Control+Enter'))).toBe('first_one');
    expect(await page.locator('[data-testid=run]').getAttribute('title')).toMatch(/selection, or the whole script/);
    expect(await ran(() => page.click('[data-testid=run]'))).toBe('second_one');
    expect(await ran(() => page.click('[data-testid=run-all]'))).toBe('second_one');
  });

  it('refuses DROP TABLE by default and keeps the table', async () => {
    const n = await count(page, 'service_requests');
    await typeSql(page, 'DROP TABLE service_requests');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => (document.querySelector('[data-testid=error]')?.textContent ?? '').length > 0);
    expect(await page.locator('[data-testid=error]').textContent()).toMatch(/allow writes|read-only|refused/i);
    expect(await page.locator('[data-testid=history-item]').first().locator('.sql-history-meta').textContent()).toMatch(/ · refused · /);
    expect(await count(page, 'service_requests')).toBe(n);
  });

  it('renders markup in a cell as text', async () => {
    await typeSql(page, `SELECT '<img src=x onerror=alert(1)>' AS html`);
    await runAndWait(page);
    const grid = page.locator('[data-testid=results]');
    expect(await grid.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await grid.locator('img').count()).toBe(0);
  });

  it('sizes each column to show its widest sampled value whole', async () => {
    await typeSql(page, `SELECT * FROM (VALUES (120845, 'Central Park', 3.25), (7, 'CBD', 1234567.125), (98765432, 'Five Points', -0.5)) t(n, neighborhood, x)`);
    await runAndWait(page);
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid=results] [role=gridcell]')].filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent),
    );
    expect(cut).toEqual([]);
  });

  it('resizes a column by dragging its header edge, fits it with a double click and steps it with Alt+Arrow, without sorting', async () => {
    const sql = `SELECT * FROM (VALUES (3, 'cc', repeat('wide value ', 9)), (1, 'aa', 'x'), (2, 'bb', 'y')) t(n, s, wide)`;
    await typeSql(page, sql);
    await runAndWait(page);
    const grid = page.locator('[data-testid=results]');
    await grid.scrollIntoViewIfNeeded();
    const header = (col: number) => grid.locator(`[role=columnheader][data-col="${col}"]`);
    // Widths of the header cells and of the first row's cells, and what the grid shows.
    const state = () =>
      page.evaluate(() => {
        const g = document.querySelector('[data-testid=results]')!;
        const widths = (sel: string) => [...g.querySelectorAll<HTMLElement>(sel)].map((e) => e.getBoundingClientRect().width);
        return {
          head: widths('[role=columnheader][data-col]'),
          row: widths('[role=row][data-row="0"] [role=gridcell]'),
          sort: [...g.querySelectorAll('[role=columnheader][data-col]')].map((e) => e.getAttribute('aria-sort')),
          firstRow: [...g.querySelectorAll('[role=row][data-row="0"] [role=gridcell]')].map((e) => e.textContent),
        };
      });
    async function dragEdge(col: number, dx: number): Promise<void> {
      const box = (await header(col).locator('[data-testid=column-resize]').boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y, { steps: 6 });
      await page.mouse.up();
    }
    const before = await state();
    expect(before.sort).toEqual(['none', 'none', 'none']);
    // A resize draws no rows: the row elements stay the same.
    await grid.locator('[role=row][data-row="0"]').evaluate((r) => r.setAttribute('data-probe', 'kept'));

    // Drag the edge of `s` 90 px right: the header cell and the row's cell follow, nothing else moves.
    await dragEdge(1, 90);
    const dragged = await state();
    expect(Math.abs(dragged.head[1] - (before.head[1] + 90))).toBeLessThanOrEqual(1);
    expect(Math.abs(dragged.row[1] - dragged.head[1])).toBeLessThanOrEqual(1);
    for (const c of [0, 2]) {
      expect(dragged.head[c]).toBe(before.head[c]);
      expect(dragged.row[c]).toBe(before.row[c]);
    }
    expect(dragged.sort).toEqual(before.sort);
    expect(dragged.firstRow).toEqual(before.firstRow);
    expect(await grid.locator('[role=row][data-probe=kept]').count()).toBe(1);

    // Past the minimum, so the drag ends over the header of `n`: 40 px, and no sort.
    await dragEdge(1, -(dragged.head[1] - 40) - 30);
    const narrowed = await state();
    expect(Math.abs(narrowed.head[1] - 40)).toBeLessThanOrEqual(1);
    expect(Math.abs(narrowed.row[1] - 40)).toBeLessThanOrEqual(1);
    expect(narrowed.head[0]).toBe(before.head[0]);
    expect(narrowed.sort).toEqual(before.sort);
    expect(narrowed.firstRow).toEqual(before.firstRow);

    // The wide value starts cut (columns start at most 360 px); a double click on the edge fits it.
    const wideCell = grid.locator('[role=row][data-row="0"] [role=gridcell][data-col="2"]');
    const cut = () => wideCell.evaluate((c) => c.scrollWidth > c.clientWidth);
    expect(await cut()).toBe(true);
    await header(2).locator('[data-testid=column-resize]').dblclick();
    expect(await cut()).toBe(false);
    const fitted = await state();
    expect(fitted.head[2]).toBeGreaterThan(before.head[2]);
    expect(Math.abs(fitted.row[2] - fitted.head[2])).toBeLessThanOrEqual(1);
    expect(fitted.sort).toEqual(before.sort);
    expect(await grid.locator('[role=row][data-probe=kept]').count()).toBe(1);

    // Clicking a header elsewhere still sorts, and the widths stay.
    await header(0).click({ position: { x: 10, y: 10 } });
    const sorted = await state();
    expect(sorted.sort).toEqual(['ascending', 'none', 'none']);
    expect(sorted.firstRow[0]).toBe('1');
    expect(sorted.head).toEqual(fitted.head);
    expect(Math.abs(sorted.row[1] - 40)).toBeLessThanOrEqual(1);

    // Alt+ArrowRight / Alt+ArrowLeft on a focused header widen and narrow it by 16 px, without sorting.
    await header(1).focus();
    expect(await header(1).getAttribute('title')).toMatch(/Alt\+←\/→, to resize/);
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    let keyed = await state();
    expect(Math.abs(keyed.head[1] - (sorted.head[1] + 32))).toBeLessThanOrEqual(1);
    expect(Math.abs(keyed.row[1] - keyed.head[1])).toBeLessThanOrEqual(1);
    await page.keyboard.press('Alt+ArrowLeft');
    keyed = await state();
    expect(Math.abs(keyed.head[1] - (sorted.head[1] + 16))).toBeLessThanOrEqual(1);
    expect(keyed.sort).toEqual(sorted.sort);
    expect(keyed.firstRow).toEqual(sorted.firstRow);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-col'))).toBe('1');

    // The same query again keeps the widths; another result starts afresh.
    await typeSql(page, sql);
    await runAndWait(page);
    expect((await state()).head).toEqual(keyed.head);
    await typeSql(page, `SELECT * FROM (VALUES (3, 'cc', 'short')) t(n, s, other)`);
    await runAndWait(page);
    expect((await state()).head.slice(0, 2)).toEqual(before.head.slice(0, 2));
  });

  it('says a column\'s new width once a keyboard resize, a fit or a drag rests, and describes the keys on each header', async () => {
    await typeSql(page, `SELECT * FROM (VALUES (1, TIMESTAMP '2024-05-06 07:08:09', repeat('wide value ', 9))) t(n, created_at, wide)`);
    await runAndWait(page);
    const grid = page.locator('[data-testid=results]');
    await grid.scrollIntoViewIfNeeded();
    const header = (col: number) => grid.locator(`[role=columnheader][data-col="${col}"]`);
    const headWidth = (col: number) => header(col).evaluate((e) => e.getBoundingClientRect().width);
    const status = page.locator('[data-testid=column-width-status]');
    // Every text the live region shows, in order, so a held key's steps would show up here.
    await status.evaluate((s) => {
      const said: string[] = ((window as any).__widthSaid = []);
      new MutationObserver(() => s.textContent && said.push(s.textContent)).observe(s, { childList: true, characterData: true, subtree: true });
    });
    const said = () => page.evaluate(() => [...(window as any).__widthSaid] as string[]);
    const announced = async (name: string) => {
      await page.waitForFunction((n) => (document.querySelector('[data-testid=column-width-status]')?.textContent ?? '').startsWith(`${n}: `), name);
      const m = /^(\w+): (\d+) pixels wide$/.exec((await status.textContent()) ?? '');
      expect(m?.[1]).toBe(name);
      return Number(m?.[2]);
    };

    // A screen reader finds the keys in the header's description, and the region is polite and unseen.
    const description = await header(1).evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    );
    expect(description).toBe('Alt+Left or Alt+Right arrow resizes the column; Enter sorts');
    expect(await header(1).getAttribute('aria-keyshortcuts')).toBe('Alt+ArrowLeft Alt+ArrowRight');
    expect(await header(1).locator('[data-testid=column-resize]').getAttribute('aria-hidden')).toBe('true');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.evaluate((s) => s.getBoundingClientRect().width <= 1 && s.closest('[role=grid]') === null)).toBe(true);
    expect(await status.textContent()).toBe('');

    // Three quick presses: one announcement, of the final width, which is the header's.
    const start = await headWidth(1);
    await header(1).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowRight');
    const keyed = await announced('created_at');
    const keyedWidth = await headWidth(1);
    expect(Math.abs(keyedWidth - (start + 48))).toBeLessThanOrEqual(1);
    expect(Math.abs(keyed - keyedWidth)).toBeLessThanOrEqual(1);
    expect(await said()).toEqual([`created_at: ${keyed} pixels wide`]);

    // A double click on an edge fits the column and says its new width.
    const cutWidth = await headWidth(2);
    await header(2).locator('[data-testid=column-resize]').dblclick();
    const fitted = await announced('wide');
    expect(fitted).toBeGreaterThan(cutWidth);
    expect(Math.abs(fitted - (await headWidth(2)))).toBeLessThanOrEqual(1);

    // A drag says only where it ended.
    const box = (await header(0).locator('[data-testid=column-resize]').boundingBox())!;
    const before = (await said()).length;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    const dragged = await announced('n');
    expect(Math.abs(dragged - (await headWidth(0)))).toBeLessThanOrEqual(1);
    expect((await said()).slice(before)).toEqual([`n: ${dragged} pixels wide`]);
  });

  it('shows a parser error as DuckDB text, not the JSON the streaming path sends, and underlines it', async () => {
    await typeSql(page, 'SELECT 1,\n 2 +\nFROM service_requests');
    await runAndWait(page);
    const error = (await page.locator('[data-testid=error]').textContent()) ?? '';
    expect(error).toMatch(/Parser Error: syntax error at or near "FROM"/);
    expect(error).not.toContain('{"exception_type"');
    expect(await page.locator('[data-testid=sql-editor] .cm-sql-error').allTextContents()).toEqual(['FROM']);
  });

  it('shows ENUM values, intervals, times and exact decimals as DuckDB prints them (the streaming path lost the ENUMs)', async () => {
    await typeSql(page, `SELECT x::ENUM('a', 'b') AS e, INTERVAL 1 DAY + INTERVAL '02:16:23' AS iv, TIME '13:45:07.5' AS t,
  12345678901234567.89::DECIMAL(38,2) AS d, 170141183460469231731687303715884105727::HUGEINT AS h
FROM (VALUES ('a'), ('b')) v(x) ORDER BY x`);
    await runAndWait(page);
    const grid = await page.evaluate(() => ({
      head: [...document.querySelectorAll('[data-testid=results] [role=columnheader]')].map((e) => e.textContent),
      rows: [...document.querySelectorAll('[data-testid=results] [role=row][data-row]')].map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent)),
    }));
    expect(grid.head.slice(1)).toEqual(['eENUM', 'ivINTERVAL', 'tTIME', 'dDECIMAL(38,2)', 'hHUGEINT']);
    expect(grid.rows).toEqual([
      ['a', '1 day 02:16:23', '13:45:07.5', '12345678901234567.89', '170141183460469231731687303715884105727'],
      ['b', '1 day 02:16:23', '13:45:07.5', '12345678901234567.89', '170141183460469231731687303715884105727'],
    ]);
    // An interval cannot travel to the Parquet worker (apache-arrow 17 cannot read it): the page
    // writes such a result itself, ENUM and all.
    const [pqDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-parquet]')]);
    const bytes = readFileSync((await pqDl.path())!);
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as any[];
    expect(rows.map((r) => [r.e, r.iv, r.t])).toEqual([
      ['a', '1 day 02:16:23', '13:45:07.5'],
      ['b', '1 day 02:16:23', '13:45:07.5'],
    ]);
  });

  it('exports CSV and Parquet that read back, Parquet in the grid\'s order without running the query again', async () => {
    await typeSql(page, `SELECT range AS id, 'row, "' || range || '"' AS label FROM range(500)`);
    await runAndWait(page);
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csv = readFileSync((await csvDl.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('id,label');
    expect(csv).toContain('"row, ""499"""');
    // Parquet writes the result shown, in the grid's order: sorted by id, descending.
    const idHeader = page.locator('[data-testid=results] [role=columnheader][data-col="0"]');
    await idHeader.click();
    if ((await idHeader.getAttribute('aria-sort')) !== 'descending') await idHeader.click();
    expect(await idHeader.getAttribute('aria-sort')).toBe('descending');
    const [pqDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-parquet]')]);
    const bytes = readFileSync((await pqDl.path())!);
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as any[];
    expect(rows.length).toBe(500);
    expect(rows[0]).toMatchObject({ id: 499n, label: 'row, "499"' });
    expect(rows[499]).toMatchObject({ id: 0n, label: 'row, "0"' });
  });

  it('holds the first rows of a result too large to hold, says so, and exports the whole result by running it again', async () => {
    // A 2 MB cap (256 MB by default) over ~7 MB of rows.
    await page.evaluate(() => localStorage.setItem('denver-lens.sql.result-mb', '2'));
    try {
      await typeSql(page, `SELECT range AS n, 'row ' || range AS label, range % 7 = 0 AS seventh FROM range(300000) ORDER BY n`);
      await runAndWait(page);
      const held = Number(await page.getAttribute('[data-testid=row-count]', 'data-count'));
      expect(held).toBeGreaterThan(10_000);
      expect(held).toBeLessThan(300_000);
      expect(await page.textContent('[data-testid=row-count]')).toMatch(/^first [\d,]+ rows \(more not held\)$/);
      expect(await page.textContent('[data-testid=notice]')).toMatch(/holds the first [\d,]+ rows \(2 MB\): the query returns more.*runs the query again/);
      const [csvDl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-csv]')]);
      const lines = readFileSync((await csvDl.path())!, 'utf8').split('\r\n');
      expect(lines[0]).toBe('n,label,seventh');
      expect(lines.length).toBe(300_002);
      expect(lines.filter((l) => l === 'n,label,seventh').length).toBe(1);
      expect(lines[300_000]).toBe('299999,row 299999,true');
      const [jsonDl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-json]')]);
      const json = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8')) as { n: number; label: string; seventh: boolean }[];
      expect(json.length).toBe(300_000);
      expect(json[299_999]).toEqual({ n: 299_999, label: 'row 299999', seventh: true });
      const [pqDl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-parquet]')]);
      const bytes = readFileSync((await pqDl.path())!);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      expect(Number(parquetMetadata(file).num_rows)).toBe(300_000);
      expect(((await parquetReadObjects({ file, rowStart: 299_999, rowEnd: 300_000 })) as any[])[0]).toMatchObject({ n: 299_999n, label: 'row 299999', seventh: true });
      // The grid still holds what it held.
      expect(Number(await page.getAttribute('[data-testid=row-count]', 'data-count'))).toBe(held);

      // Chromium's own picker takes the options (headless, it then reports the request aborted).
      await page.check('[data-testid=export-to-file]');
      await page.click('[data-testid=export-csv]');
      await page.waitForFunction(() => /^Not exported: no file was chosen\.$/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''), undefined, { timeout: 30_000 });
      expect(await page.isVisible('[data-testid=error]')).toBe(false);

      // To a file the user picks (the picker stubbed with a file of the origin's private file
      // system): written as it goes, no download.
      await page.evaluate(() => {
        (window as any).showSaveFilePicker = async (options: { suggestedName: string }) => {
          (window as any).__suggested = options.suggestedName;
          return (await navigator.storage.getDirectory()).getFileHandle('picked-export.csv', { create: true });
        };
      });
      let toDownloads = false;
      const onDownload = () => (toDownloads = true);
      page.on('download', onDownload);
      await page.click('[data-testid=export-csv]');
      await page.waitForFunction(() => /to the file you chose/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''), undefined, { timeout: 120_000 });
      const picked = await page.evaluate(async () => {
        const text = await (await (await (await navigator.storage.getDirectory()).getFileHandle('picked-export.csv')).getFile()).text();
        const lines = text.split('\r\n');
        return { suggested: (window as any).__suggested as string, count: lines.length, first: lines[0], last: lines[300_000] };
      });
      expect(picked).toEqual({ suggested: expect.stringMatching(/^denver-lens-query-\d{8}-\d{6}\.csv$/), count: 300_002, first: 'n,label,seventh', last: '299999,row 299999,true' });
      await page.uncheck('[data-testid=export-to-file]');
      page.off('download', onDownload);
      expect(toDownloads).toBe(false);

      // A streamed export is a run: Run waits, and Cancel stops it (no download; DuckDB free again).
      await typeSql(page, `SELECT range AS n, range * 2 AS twice FROM range(100000000)`);
      await runAndWait(page);
      let downloaded = false;
      page.once('download', () => (downloaded = true));
      await page.click('[data-testid=export-csv]');
      await page.waitForFunction(() => /rows \(the query runs again\)/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''), undefined, { timeout: 60_000 });
      expect(await page.isDisabled('[data-testid=run]')).toBe(true);
      await page.click('[data-testid=cancel]');
      await page.waitForFunction(() => document.querySelector('[data-testid=notice]')?.textContent === 'Export cancelled.', undefined, { timeout: 60_000 });
      expect(await page.isEnabled('[data-testid=run]')).toBe(true);
      expect(await page.isDisabled('[data-testid=cancel]')).toBe(true);
      await typeSql(page, `SELECT 42 AS answer`);
      await runAndWait(page);
      expect(await page.getAttribute('[data-testid=row-count]', 'data-count')).toBe('1');
      expect(downloaded).toBe(false);
    } finally {
      await page.evaluate(() => localStorage.removeItem('denver-lens.sql.result-mb'));
    }
  });

  it('keeps history across a reload', async () => {
    const marker = `SELECT 'history-${Date.now()}' AS marker`;
    await typeSql(page, marker);
    await runAndWait(page);
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    await page.waitForSelector('[data-testid=history]');
    expect(await page.locator('[data-testid=history]').textContent()).toContain(marker.slice(8, 30));
  });

  it('opening a history item keeps the replaced text one Ctrl+Z away, and says so', async () => {
    await typeSql(page, 'SELECT 7 AS seven');
    await runAndWait(page);
    const mine = `SELECT 'unsaved-${Date.now()}' AS mine`;
    await typeSql(page, mine);
    await page.locator('[data-testid=history-item]', { hasText: 'AS seven' }).first().click();
    await page.waitForFunction(() => /Replaced the editor/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''));
    expect(await editorText(page)).not.toBe(mine);
    await page.focus('[data-testid=sql-editor] .cm-content');
    await page.keyboard.press('Control+z');
    expect(await editorText(page)).toBe(mine);
  });

  it('asks before a save replaces another query under the same name', async () => {
    const savedSql = () => page.locator('[data-testid=saved-item]', { hasText: 'weekly-check' }).getAttribute('title');
    await typeSql(page, 'SELECT 1 AS first_version');
    await page.fill('[data-testid=save-name]', 'weekly-check');
    await page.click('[data-testid=save-query]');
    expect(await savedSql()).toBe('SELECT 1 AS first_version');
    await typeSql(page, 'SELECT 2 AS second_version');
    await page.fill('[data-testid=save-name]', 'weekly-check');
    await page.click('[data-testid=save-query]');
    expect(await page.locator('.sql-side-section[aria-label="Saved queries"] [role=status]').textContent()).toMatch(/already named “weekly-check”/);
    expect(await savedSql()).toBe('SELECT 1 AS first_version');
    await page.click('[data-testid=save-query]');
    expect(await savedSql()).toBe('SELECT 2 AS second_version');
  });

  // It reloads, so the shared query below opens on a page with no result shown.
  it('formats the text with the Format button as one undoable change, and a selection only with Shift+Alt+F', async () => {
    const sql =
      'with n as (select neighborhood, count(*) as c from traffic_accidents group by 1) select neighborhood, c from n where c > (select avg(c) from n) order by c desc';
    await typeSql(page, sql);
    await runAndWait(page);
    const rows = await rowCount(page);
    expect(rows).toBeGreaterThan(0);

    await page.click('[data-testid=format]');
    expect(await editorText(page)).toBe(
      [
        'WITH',
        '  n AS (',
        '    SELECT',
        '      neighborhood,',
        '      count(*) AS c',
        '    FROM traffic_accidents',
        '    GROUP BY',
        '      1',
        '  )',
        'SELECT',
        '  neighborhood,',
        '  c',
        'FROM n',
        'WHERE c > (',
        '  SELECT',
        '    avg(c)',
        '  FROM n',
        ')',
        'ORDER BY',
        '  c DESC',
      ].join('\n'),
    );
    await runAndWait(page);
    expect(await rowCount(page)).toBe(rows);
    await page.keyboard.press('Control+Z');
    expect(await editorText(page)).toBe(sql);

    await typeSql(page, 'select 1 as a, 2 as b;\nselect 3 as c, 4 as d');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Shift+Alt+F');
    expect(await editorText(page)).toBe('select 1 as a, 2 as b;\nSELECT\n  3 AS c,\n  4 AS d');
  });

  it('keeps the unsaved editor text across a reload', async () => {
    const draft = `SELECT 'draft-${Date.now()}' AS d,\n  2 AS two`;
    await typeSql(page, draft);
    await reloadApp(page);
    await page.waitForFunction((s) => [...document.querySelectorAll('[data-testid=sql-editor] .cm-line')].map((l) => l.textContent).join('\n') === s, draft, { timeout: 10_000 });
    expect(await editorText(page)).toBe(draft);
  });

  it('opens a shared query with quotes, newlines and unicode without running it', async () => {
    const sql = `SELECT 'it''s "quoted"' AS a,\n  'Café – 東京 🚲' AS b`;
    const { shareHash } = await import('../../src/editor/share');
    const url = page.url().replace(/#.*$/, '') + shareHash(sql);
    // A link opened afresh (a new document, as from another app), not a hash change inside this
    // page: whatever an earlier test left in the grid must not count.
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    await page.waitForSelector('[data-testid=sql-editor]');
    await page.waitForFunction((s) => {
      const lines = [...document.querySelectorAll('[data-testid=sql-editor] .cm-line')].map((l) => l.textContent).join('\n');
      return lines === s;
    }, sql);
    expect(await page.getAttribute('[data-testid=row-count]', 'data-count')).toBeNull();
  });

  // Last: it changes the store. The reports read rollups, which a load keeps up to date; a write
  // made here must leave them equal to the tables too.
  it('recomputes the rollups after a write to a dataset table, so the reports show it', async () => {
    const q = (sql: string) => page.evaluate((s) => (window as any).lens.query(s), sql) as Promise<Record<string, unknown>[]>;
    const [top] = await q(`SELECT neighborhood_slug AS slug, count(*)::INTEGER AS n FROM traffic_accidents
      WHERE neighborhood_slug IS NOT NULL GROUP BY 1 ORDER BY n DESC, slug LIMIT 1`);
    const slug = String(top.slug);
    const rollupSum = async (table: string) =>
      Number((await q(`SELECT coalesce(sum(n), 0)::INTEGER AS n FROM ${table} WHERE dataset = 'traffic_accidents' AND neighborhood_slug = '${slug}'`))[0].n);
    expect(Number(top.n)).toBeGreaterThan(0);
    expect(await rollupSum('daily_counts')).toBe(Number(top.n));
    const reportCount = async () => {
      const { rows } = await page.evaluate(() => (window as any).lens.reportData('by-neighborhood'));
      return (rows as { dataset: string; slug: string; n: number }[]).filter((r) => r.dataset === 'traffic_accidents' && r.slug === slug).reduce((s, r) => s + Number(r.n), 0);
    };
    expect(await reportCount()).toBe(Number(top.n));

    await page.check('[data-testid=allow-writes]');
    await typeSql(page, `DELETE FROM traffic_accidents WHERE neighborhood_slug = '${slug}'`);
    await runAndWait(page);
    await page.waitForFunction(
      () => /Rollups recomputed/.test(document.querySelector('[data-testid=sql-page] [data-testid=notice]')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    await page.uncheck('[data-testid=allow-writes]');

    expect(await count(page, `traffic_accidents WHERE neighborhood_slug = '${slug}'`)).toBe(0);
    for (const table of ['daily_counts', 'rollup_day_hood', 'rollup_month_hood_type']) expect(await rollupSum(table), table).toBe(0);
    // Every rollup still sums to its dataset's rows.
    const [totals] = await q(`SELECT (SELECT count(*) FROM traffic_accidents)::INTEGER AS t,
      (SELECT sum(n) FROM daily_counts WHERE dataset = 'traffic_accidents')::INTEGER AS d,
      (SELECT sum(n) FROM rollup_month_cell WHERE dataset = 'traffic_accidents')::INTEGER AS c`);
    expect(totals.d).toBe(totals.t);
    expect(totals.c).toBe(totals.t);
    await expect.poll(reportCount, { timeout: 30_000 }).toBe(0);
  });

  it('keeps what the editor wrote across a reload, a table of its own as well as a dataset change', async () => {
    await page.check('[data-testid=allow-writes]');
    await typeSql(page, `CREATE OR REPLACE TABLE analyst_notes AS SELECT 42 AS answer`);
    await runAndWait(page);
    await page.uncheck('[data-testid=allow-writes]');
    // The schema browser re-reads the store once the write went through to the store file.
    await page.waitForFunction(() => /analyst_notes/.test(document.querySelector('[data-testid=schema-browser]')?.textContent ?? ''));
    const before = await count(page, 'traffic_accidents');
    await page.reload();
    await page.waitForFunction(() => (window as any).lens !== undefined);
    await page.evaluate(() => (window as any).lens.ready);
    expect(await page.evaluate(() => (window as any).lens.query('SELECT answer FROM analyst_notes'))).toEqual([{ answer: 42 }]);
    expect(await count(page, 'traffic_accidents')).toBe(before);
  });
});

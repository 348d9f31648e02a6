/**
 * Accessibility in Chromium: axe-core (injected through the DevTools protocol, so the page's CSP
 * stays as it is) finds no serious or critical violation on the overview, reports, SQL and
 * loads pages, in the light and the dark theme; the keyboard alone reaches the navigation
 * links, the Load button, the URL field and the drop zone; the multi-select filters say how to
 * pick several; and no page scrolls sideways on a phone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe on the page; returns the serious and critical violations. */
async function axe(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: String(v.impact),
      help: v.help as string,
      nodes: (v.nodes as any[]).slice(0, 5).map((n) => `${(n.target as string[]).join(' ')} — ${String(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`),
    }));
  });
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

async function show(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  if (hash === '#/reports') {
    await page.waitForFunction(
      () => document.querySelectorAll('.lens-report').length > 0 && document.querySelectorAll('.lens-report[data-state=loading]').length === 0,
      undefined,
      { timeout: 60_000 },
    );
  }
  if (hash === '#/sql') {
    // With highlighted SQL and a result showing, so the token colors (in both schemes), the grid's
    // headers, cells, resize hint and live region are checked too.
    await page.waitForSelector('[data-testid=sql-editor]');
    await page.locator('[data-testid=sql-editor] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // Every kind of token the editor colors (a comment, keywords, a type, a string, numbers, NULL).
    await page.keyboard.insertText("-- the largest types\nSELECT type, count(*) AS n, 'x' AS s, 1.5 AS f, NULL AS z\nFROM service_requests WHERE created_at >= DATE '2025-01-01'\nGROUP BY ALL ORDER BY n DESC LIMIT 20");
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=row-count]')?.dataset.count) > 0, undefined, { timeout: 60_000 });
    await page.locator('[data-testid=results] [role=columnheader]').first().focus();
    await page.keyboard.press('Alt+ArrowRight');
  }
  if (hash === '#/loads') {
    await page.click('[data-testid=lineage] [data-testid=show-rejects]');
    // A load's source details open too, so they are checked with the rest.
    await page.click('[data-testid=lineage] button[aria-controls]');
    await page.waitForSelector('[data-testid=rejects] h3');
  }
  await page.waitForTimeout(300);
}

/** Presses Tab until `done` or `max` presses; returns a label per focused element. */
async function tabThrough(page: Page, max: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'body';
        return el.dataset.testid ?? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`;
      }),
    );
  }
  return seen;
}

describe('accessibility in Chromium', () => {
  const env = useBrowser();
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openApp(env.browser.context, env.server));
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const hash of ['#/', '#/reports', '#/sql', '#/loads']) {
      it(`${hash} has no serious or critical axe violations (${scheme})`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await show(page, hash);
        expect(await axe(page)).toEqual([]);
      });
    }
  }

  it('reaches the navigation, the Load button, the URL field and the drop zone with Tab', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await show(page, '#/');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.click(1, 1);
    const seen = await tabThrough(page, 14);
    for (const id of ['nav-overview', 'nav-reports', 'nav-sql', 'nav-loads', 'load-default', 'url-input', 'load-url', 'drop-zone']) {
      expect(seen, `Tab order: ${seen.join(' → ')}`).toContain(id);
    }
    // Enter on a focused nav link follows it.
    await page.focus('[data-testid=nav-loads]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/loads');
    // The page switches on the hashchange event, which may come a moment after the hash.
    await page.waitForSelector('#page-loads', { state: 'visible', timeout: 5000 });
    expect(await page.isVisible('#page-loads')).toBe(true);
  });

  it('says under each multi-select filter how to pick several, as its description', async () => {
    await show(page, '#/reports');
    const lists = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLSelectElement>('[data-testid=filter-bar] select[multiple]')].map((el) => {
        const hint = document.getElementById(el.getAttribute('aria-describedby') ?? '');
        return { list: el.dataset.testid, hint: hint?.textContent ?? null, shown: !!hint && hint.getClientRects().length > 0 };
      }),
    );
    expect(lists.map((l) => l.list)).toEqual(['filter-neighborhoods', 'filter-datasets', 'filter-types', 'filter-sources']);
    for (const l of lists) expect(l, l.list).toMatchObject({ hint: 'Ctrl/⌘-click for several', shown: true });
  });

  it('lets no page scroll sideways on a 390 px phone (wide tables scroll inside their panel)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const hash of ['#/', '#/reports', '#/sql', '#/loads']) {
        await show(page, hash);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), hash).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });
});

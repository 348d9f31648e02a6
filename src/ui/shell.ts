/**
 * The page shell: header, notices, navigation and the hash router. Reports and the editor are
 * loaded on first use, so the first page load fetches neither vega nor CodeMirror.
 */
import type { App, SampleState } from '../app/app';
import { EditorActivity } from '../app/editor-activity';
import type { EditorHandle } from './editor/index';
import type { ReportsHandle } from './reports/index';
import { fmtInt, h, replace } from './dom';
import { loadPanel } from './home/load-panel';
import { statusPanel } from './home/status-panel';
import { lineagePage } from './loads/lineage';

export type Route = 'overview' | 'reports' | 'sql' | 'loads';

export function routeOf(hash: string): Route {
  if (/^#\/?sql\b|^#sql=/.test(hash)) return 'sql';
  if (/^#\/reports\b/.test(hash)) return 'reports';
  if (/^#\/loads\b/.test(hash)) return 'loads';
  return 'overview';
}

export interface Shell {
  readonly refresh: () => Promise<void>;
  /** Re-reads the status and lineage panels only (a page mounted at boot has just read the store). */
  readonly refreshPanels: () => Promise<void>;
  reports(): Promise<ReportsHandle>;
  editor(): Promise<EditorHandle>;
  /** Shows what the store holds: the synthetic sample alone, or mixed with loaded files (with a way out). */
  setSampleState(state: SampleState): void;
}

export function mountShell(root: HTMLElement, app: App): Shell {
  const status = statusPanel(app);
  const lineage = lineagePage(app);
  const pages: Record<Route, HTMLElement> = {
    overview: h('main', { id: 'page-overview', class: 'page' }, status.el, loadPanel(app)),
    reports: h('main', { id: 'page-reports', class: 'page', 'data-testid': 'reports-page' }),
    sql: h('main', { id: 'page-sql', class: 'page', 'data-testid': 'sql-page' }),
    loads: h('main', { id: 'page-loads', class: 'page' }, lineage.el),
  };
  const links = (['overview', 'reports', 'sql', 'loads'] as Route[]).map((r) =>
    h('a', { href: r === 'overview' ? '#/' : `#/${r}`, 'data-route': r, 'data-testid': `nav-${r}` }, { overview: 'Overview', reports: 'Reports', sql: 'SQL', loads: 'Loads' }[r]),
  );
  const synthetic = h('div', { class: 'banner synthetic', role: 'note', hidden: true, 'data-testid': 'synthetic-banner' });
  const removeSample = h('button', { type: 'button', class: 'secondary', 'data-testid': 'remove-sample' }, 'Remove the synthetic sample');
  removeSample.disabled = !app.writable;
  removeSample.addEventListener('click', async () => {
    if (!confirm('Remove the synthetic sample’s records from the store? The files you loaded stay.')) return;
    removeSample.disabled = true;
    try {
      const n = await app.removeSample();
      replace(synthetic, `Removed the synthetic sample (${fmtInt(n)} records). The store now holds only the files you loaded.`);
    } catch (e) {
      synthetic.append(` Removing it failed: ${(e as Error).message}`);
    } finally {
      removeSample.disabled = !app.writable;
    }
  });
  const setSampleState = (state: SampleState) => {
    if (state === 'sample') {
      replace(synthetic, 'You are looking at a synthetic sample generated to resemble Denver’s files, not real city data. Load the real files (see the project’s README) for real answers.');
    } else if (state === 'mixed') {
      replace(synthetic, 'This store holds the synthetic sample and files you loaded, and the reports blend the two. ', removeSample);
    }
    synthetic.hidden = state !== 'sample' && state !== 'mixed';
    synthetic.dataset.state = state;
  };
  const notice = h('div', { class: 'banner notice', role: 'alert', hidden: !app.notice, 'data-testid': 'store-notice' }, app.notice ?? '');
  const activity = new EditorActivity();
  const editorBusy = editorBusyBanner(activity);
  replace(
    root,
    h('header', { class: 'top' }, h('h1', {}, 'Denver Lens'), h('nav', { 'aria-label': 'Main' }, links)),
    notice,
    synthetic,
    editorBusy.el,
    ...Object.values(pages),
  );

  let reportsHandle: Promise<ReportsHandle> | null = null;
  let editorHandle: Promise<EditorHandle> | null = null;
  const editor = () =>
    (editorHandle ??= import('./editor/index').then((m) => m.mountEditor(pages.sql, { db: activity.wrap(app.db), onWrite: (datasets) => app.afterEditorWrite(datasets) })));
  const reports = () =>
    (reportsHandle ??= import('./reports/index').then((m) =>
      m.mountReports(pages.reports, {
        db: app.db,
        storeBoundaries: (name, geojson) => app.storeBoundaries(name, geojson),
        openInEditor: (sql) => {
          location.hash = '#/sql';
          void editor().then((e) => e.setSql(sql));
        },
      }),
    ));

  const refreshPanels = async () => {
    await Promise.all([status.refresh(), lineage.refresh()]);
  };
  const refresh = async () => {
    await refreshPanels();
    if (reportsHandle) await (await reportsHandle).refresh();
    if (editorHandle) await (await editorHandle).refreshSchema();
  };

  const show = async () => {
    const route = routeOf(location.hash);
    for (const [r, el] of Object.entries(pages)) el.hidden = r !== route;
    editorBusy.setRoute(route);
    for (const a of links) a.setAttribute('aria-current', a.dataset.route === route ? 'page' : 'false');
    if (route === 'reports') await reports();
    if (route === 'sql') {
      const e = await editor();
      const { parseShareHash } = await import('../editor/share');
      const shared = parseShareHash(location.hash);
      if (shared !== null) e.setSql(shared);
    }
  };
  window.addEventListener('hashchange', () => void show());
  void show();
  app.onChange(() => void refresh());

  return {
    refresh,
    refreshPanels,
    reports,
    editor,
    setSampleState,
  };
}

/** An editor query running this long (ms) is announced on the other pages. */
const BUSY_AFTER_MS = 1000;

/**
 * Off the SQL page, says when the editor's query has held DuckDB for more than a second (the
 * reports and every other query wait for it), for how long, with a button that cancels it.
 */
function editorBusyBanner(activity: EditorActivity): { el: HTMLElement; setRoute(route: Route): void } {
  const text = h('span', {});
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'editor-busy-cancel' }, 'Cancel the editor’s query');
  const el = h('div', { class: 'banner notice', role: 'status', hidden: true, 'data-testid': 'editor-busy' }, text, ' ', cancel);
  let route: Route = 'overview';
  let timer: ReturnType<typeof setInterval> | undefined;
  const draw = () => {
    const run = activity.current;
    const ms = run ? Date.now() - run.since : 0;
    el.hidden = !run || route === 'sql' || ms < BUSY_AFTER_MS;
    if (!el.hidden) text.textContent = `The SQL editor’s query has been running for ${fmtInt(Math.floor(ms / 1000))} s; the reports and other queries wait until it ends.`;
  };
  cancel.addEventListener('click', () => activity.current?.cancel());
  activity.subscribe((run) => {
    clearInterval(timer);
    timer = run ? setInterval(draw, 500) : undefined;
    draw();
  });
  return {
    el,
    setRoute(r) {
      route = r;
      draw();
    },
  };
}

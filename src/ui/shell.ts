/**
 * The page shell: header, notices, navigation and the hash router. Reports and the editor are
 * loaded on first use, so the first page load fetches neither vega nor CodeMirror.
 */
import type { App } from '../app/app';
import type { EditorHandle } from './editor/index';
import type { ReportsHandle } from './reports/index';
import { h, replace } from './dom';
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
  setSyntheticBanner(show: boolean): void;
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
  const synthetic = h(
    'div',
    { class: 'banner synthetic', role: 'note', hidden: true, 'data-testid': 'synthetic-banner' },
    'You are looking at a synthetic sample generated to resemble Denver’s files, not real city data. Load the real files (see README) for real answers.',
  );
  const notice = h('div', { class: 'banner notice', role: 'alert', hidden: !app.notice, 'data-testid': 'store-notice' }, app.notice ?? '');
  replace(
    root,
    h('header', { class: 'top' }, h('h1', {}, 'Denver Lens'), h('nav', { 'aria-label': 'Main' }, links)),
    notice,
    synthetic,
    ...Object.values(pages),
  );

  let reportsHandle: Promise<ReportsHandle> | null = null;
  let editorHandle: Promise<EditorHandle> | null = null;
  const editor = () =>
    (editorHandle ??= import('./editor/index').then((m) => m.mountEditor(pages.sql, { db: app.db, onWrite: (datasets) => app.afterEditorWrite(datasets) })));
  const reports = () =>
    (reportsHandle ??= import('./reports/index').then((m) =>
      m.mountReports(pages.reports, {
        db: app.db,
        onBoundaries: () => app.placeByBoundaries(),
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
    setSyntheticBanner: (on) => (synthetic.hidden = !on),
  };
}

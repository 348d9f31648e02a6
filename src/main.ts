/**
 * Boot: open the store, mount the page, load the bundled sample on a first visit, and expose
 * `window.lens`.
 */
import './ui/styles.css';
import { App, DEFAULT_FILES, DEFAULT_SOURCE_LABEL, sampleState } from './app/app';
import type { Lens } from './app/lens';
import { openDatabase, type Database } from './db/duckdb';
import { migrate, openStore } from './db/store';
import { attachRemote, remoteFromSearch, type RemoteRequest, type RemoteSummary } from './app/remote';
import { h, replace } from './ui/dom';
import { mountShell, type Shell } from './ui/shell';
import { registerPwa } from './pwa/register';

const root = document.getElementById('app')!;
replace(root, h('p', { class: 'boot', role: 'status' }, 'Starting DuckDB…'));

async function openRemote(req: RemoteRequest): Promise<{ db: Database; notice: string }> {
  const db = await openDatabase('memory');
  await migrate(db);
  const r = await attachRemote(db, req);
  remote = r;
  const months = req.from || req.to ? ` for ${req.from ?? 'the start'} to ${req.to ?? 'the end'}` : '';
  return {
    db,
    notice: `Read-only remote data set ${r.base}${months}: ${r.files} of ${r.filesInLayout} partition files, ${r.rows.toLocaleString('en-US')} rows. Your local store is untouched; remove ?remote=… from the address to return to it.`,
  };
}

let remote: RemoteSummary | null = null;

async function boot(): Promise<{ app: App; shell: Shell }> {
  const remoteReq = remoteFromSearch(location.search);
  const store = remoteReq ? { ...(await openRemote(remoteReq)), writable: false } : await openStore();
  const app = new App(store.db, store.writable, store.notice);
  const shell = mountShell(root, app);
  await shell.refreshPanels();
  const status = await app.status();
  if (app.writable && !remoteReq && status.loads.length === 0) {
    for (const url of DEFAULT_FILES) {
      await app
        .load({ source: { kind: 'url', url }, label: url.split('/').pop()!, sourceLabel: DEFAULT_SOURCE_LABEL })
        .catch(() => undefined);
    }
  }
  const after = await app.status();
  shell.setSampleState(sampleState(after.loads));
  app.onChange(() => void app.status().then((s) => shell.setSampleState(sampleState(s.loads))));
  return { app, shell };
}

const booted = boot();
// The service worker registers once the page has its DuckDB bundle: its precache of the same
// (content-hashed) files is then answered from the HTTP cache instead of downloading them twice.
void booted.catch(() => undefined).then(() => registerPwa());
booted.catch((e: unknown) => {
  replace(root, h('div', { class: 'banner notice', role: 'alert', 'data-testid': 'boot-error' }, `Denver Lens could not start: ${(e as Error)?.message ?? e}`));
});

const lens: Lens = {
  ready: booted.then(() => undefined),
  async query(sql) {
    return (await booted).app.db.query(sql);
  },
  async ingestUrl(url, entry) {
    const { app } = await booted;
    return app.load({ source: { kind: 'url', url }, label: url, entry });
  },
  async ingestFile(file, entry) {
    const { app } = await booted;
    return app.load({ source: { kind: 'file', file }, label: file.name, entry });
  },
  async status() {
    const { app } = await booted;
    return { ...(await app.status()), mode: app.db.mode, writable: app.writable, notice: app.notice, remote, instantiateMs: app.db.instantiateMs };
  },
  async reports() {
    return (await (await booted).shell.reports()).reports();
  },
  async reportData(id) {
    return (await (await booted).shell.reports()).reportData(id);
  },
  async setFilters(f) {
    return (await (await booted).shell.reports()).setFilters(f as never);
  },
  async filters() {
    return { ...(await (await booted).shell.reports()).filters() };
  },
  async compact(dataset, force) {
    return (await booted).app.compact(dataset, force);
  },
  async benchAnchor(url) {
    const { app } = await booted;
    const { anchorCsvLoad } = await import('./bench/anchor');
    return anchorCsvLoad(app.db, new URL(url, document.baseURI).href);
  },
};
window.lens = lens;

/**
 * Boot: open the store, mount the page, load the bundled sample on a first visit, and expose
 * `window.lens`.
 */
import './ui/styles.css';
import { App, DEFAULT_FILES, DEFAULT_SOURCE_LABEL } from './app/app';
import type { Lens } from './app/lens';
import { openStore } from './db/store';
import { h, replace } from './ui/dom';
import { mountShell, type Shell } from './ui/shell';
import { registerPwa } from './pwa/register';

registerPwa();

const root = document.getElementById('app')!;
replace(root, h('p', { class: 'boot', role: 'status' }, 'Starting DuckDB…'));

async function boot(): Promise<{ app: App; shell: Shell }> {
  const store = await openStore();
  const app = new App(store.db, store.writable, store.notice);
  const shell = mountShell(root, app);
  await shell.refresh();
  const status = await app.status();
  if (app.writable && status.loads.length === 0) {
    for (const url of DEFAULT_FILES) {
      await app
        .load({ source: { kind: 'url', url }, label: url.split('/').pop()!, sourceLabel: DEFAULT_SOURCE_LABEL })
        .catch(() => undefined);
    }
  }
  const after = await app.status();
  shell.setSyntheticBanner(after.loads.some((l) => l.source === DEFAULT_SOURCE_LABEL));
  app.onChange(() => void app.status().then((s) => shell.setSyntheticBanner(s.loads.some((l) => l.source === DEFAULT_SOURCE_LABEL))));
  return { app, shell };
}

const booted = boot();
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
    return { ...(await app.status()), mode: app.db.mode, writable: app.writable, notice: app.notice };
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
};
window.lens = lens;

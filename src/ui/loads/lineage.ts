/**
 * Lineage: every load with its file, size, sha-256, source, variant, counts, duration, time and
 * note (stale records not applied, extra columns kept, records with stray quotes);
 * the rejected rows of a load (line, reason, raw text) with a CSV download.
 */
import type { App } from '../../app/app';
import { exportBackup } from '../../app/backup';
import { exportPartitioned } from '../../app/partitioned-export';
import type { BlobSink } from '../../app/blob-sink';
import { formulaSafeSql } from '../../domain/csv-field';
import { int } from '../../sql/quote';
import { download, fmtBytes, fmtInt, fmtLocalTime, h, replace } from '../dom';
import { canPickFile, chooseTarget, writeTo, type SaveAs } from '../save-file';

/**
 * The log's columns: what a load did (its rejected rows one click from their count), its note,
 * when it finished and how long it took. Where the file came from (size, SHA-256, source,
 * variant, encoding) opens in a row under the load's (Source, under the file's name), so the
 * table fits a laptop's width without scrolling sideways.
 */
const LOG_COLUMNS: [string, string][] = [
  ['load_id', '#'],
  ['dataset', 'Dataset'],
  ['file_name', 'File'],
  ['rows_read', 'Read'],
  ['inserted', 'New'],
  ['updated', 'Changed'],
  ['unchanged', 'Unchanged'],
  ['duplicates', 'Duplicates'],
  ['rejected', 'Rejected'],
  ['note', 'Note'],
  ['finished_at', 'Finished'],
];
const SOURCE_COLUMNS: [string, string][] = [
  ['bytes', 'Size'],
  ['sha256', 'SHA-256'],
  ['source', 'Source'],
  ['variant', 'Variant'],
  ['encoding', 'Encoding'],
];

/** Columns shown right-aligned, as numbers. */
const NUMERIC = new Set(['load_id', 'rows_read', 'inserted', 'updated', 'unchanged', 'duplicates', 'rejected', 'ms', 'bytes']);
const header = ([key, label]: [string, string]) => h('th', { class: NUMERIC.has(key) ? 'num' : null }, label);

function cellText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (key) {
    case 'bytes':
      return fmtBytes(Number(v));
    case 'ms':
      return `${(Number(v) / 1000).toFixed(1)} s`;
    case 'finished_at':
      return fmtLocalTime(Number(v));
    default:
      return typeof v === 'number' ? fmtInt(v) : String(v);
  }
}

const rejectsSql = (loadId: number, raw = 'raw') =>
  `SELECT line, reason, ${raw} AS raw FROM rejected_rows WHERE load_id = ${int(loadId)} ORDER BY line`;

export function lineagePage(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const table = h('div', { class: 'table-scroll', 'data-testid': 'lineage' });
  const rejects = h('div', { class: 'table-scroll', 'data-testid': 'rejects' });
  const el = h(
    'div',
    {},
    h('section', { class: 'panel', 'aria-labelledby': 'loads-title' }, h('h2', { id: 'loads-title' }, 'Loads'), table, rejects),
    backupPanel(app),
  );

  async function showRejects(loadId: number): Promise<void> {
    const rows = await app.db.query(`${rejectsSql(loadId)} LIMIT 1000`);
    const dl = h('button', { type: 'button', class: 'secondary', 'data-testid': 'download-rejects' }, 'Download all as CSV');
    dl.addEventListener('click', async () => {
      const bytes = await app.db.copyTo(rejectsSql(loadId, formulaSafeSql('raw')), 'csv');
      download(`load-${loadId}-rejected.csv`, bytes, 'text/csv');
    });
    replace(
      rejects,
      h('h3', {}, `Rejected rows of load #${loadId}`),
      rows.length ? dl : h('p', {}, 'None: every row of this load was stored.'),
      rows.length
        ? h(
            'table',
            { class: 'grid' },
            h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Line'), h('th', {}, 'Reason'), h('th', {}, 'Raw text'))),
            h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'num' }, fmtInt(Number(r.line))), h('td', {}, String(r.reason)), h('td', { class: 'raw' }, String(r.raw ?? ''))))),
          )
        : null,
    );
  }

  /**
   * Loads whose source row is open (by number and file hash: a reset store numbers its loads
   * from 1 again), so they stay open when the table is drawn again after a load.
   */
  const opened = new Set<string>();

  async function refresh(): Promise<void> {
    const { loads } = await app.status();
    if (!loads.length) {
      replace(table, h('p', {}, 'No loads yet.'));
      return;
    }
    replace(
      table,
      h(
        'table',
        { class: 'grid lineage' },
        h('thead', {}, h('tr', {}, LOG_COLUMNS.map(header))),
        h('tbody', {}, loads.flatMap((l) => loadRows(l, showRejects, opened))),
      ),
    );
  }
  return { el, refresh };
}

/** A load's row, and the row under it with where its file came from (open when `opened` has the load). */
function loadRows(l: Record<string, unknown>, showRejects: (loadId: number) => Promise<void>, opened: Set<string>): HTMLElement[] {
  const id = Number(l.load_id);
  const openKey = `${id} ${String(l.sha256)}`;
  const cell = (key: string, ...extra: (Node | string)[]) =>
    h('td', { class: NUMERIC.has(key) ? 'num' : null, 'data-key': key }, cellText(key, l[key]), ...extra);
  const show = h(
    'button',
    { type: 'button', class: 'link', 'data-testid': 'show-rejects', 'aria-label': `Show rejected rows of load #${id}` },
    'Show',
  );
  show.addEventListener('click', () => void showRejects(id));
  const detailsId = `load-${id}-details`;
  const toggle = h(
    'button',
    { type: 'button', class: 'link', 'aria-expanded': String(opened.has(openKey)), 'aria-controls': detailsId, 'aria-label': `Source of load #${id}: where its file came from` },
    'Source',
  );
  const details = h(
    'tr',
    { id: detailsId, class: 'lineage-details', hidden: !opened.has(openKey) },
    h(
      'td',
      { colspan: String(LOG_COLUMNS.length) },
      h('dl', {}, SOURCE_COLUMNS.flatMap(([key, label]) => [h('dt', {}, label), h('dd', { 'data-key': key }, cellText(key, l[key]))])),
    ),
  );
  toggle.addEventListener('click', () => {
    const open = details.hidden;
    details.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) opened.add(openKey);
    else opened.delete(openKey);
  });
  const took = h('span', { class: 'muted', 'data-key': 'ms' }, `took ${cellText('ms', l.ms)}`);
  const name = h('span', { class: 'file-name' }, cellText('file_name', l.file_name));
  const cells = LOG_COLUMNS.map(([key]) => {
    if (key === 'file_name') return h('td', { 'data-key': key }, name, h('br'), toggle);
    if (key === 'rejected') return cell(key, h('br'), show);
    return key === 'finished_at' ? cell(key, h('br'), took) : cell(key);
  });
  return [h('tr', { 'data-load-id': id }, cells), details];
}

/** Backup (Parquet files in a zip), restore from such a zip, and reset, with a confirmation. */
function backupPanel(app: App): HTMLElement {
  const message = h('p', { class: 'backup-message', 'data-testid': 'backup-message', role: 'status', 'aria-live': 'polite' });
  const say = (text: string) => replace(message, text);
  /** Runs one of the panel's long tasks with its buttons disabled, so it is not started twice. */
  const busy = async (task: () => Promise<void>) => {
    const controls = [exportBtn, importInput, resetBtn, partBtn, toFile];
    for (const c of controls) c.disabled = true;
    message.setAttribute('aria-busy', 'true');
    try {
      await task();
    } finally {
      message.removeAttribute('aria-busy');
      for (const c of controls) c.disabled = c === partBtn || c === toFile ? false : !app.writable;
    }
  };
  // Where the exports go: a download, or (where the browser can) a file the user picks, written
  // as the export goes, for stores too large to hold whole in the browser's blob storage.
  const toFile = h('input', { type: 'checkbox', 'data-testid': 'save-to-file' });
  const toFileLabel = h('label', { class: 'save-to-file' }, toFile, ' Save backups and partitioned exports to a file I choose (written as they go: for very large stores)');
  /** Writes an export where the user wants it; the zip's size, or null when no file was picked. */
  const save = async (as: SaveAs, write: (sink: BlobSink) => Promise<number>): Promise<{ size: number; where: string } | null> => {
    const picked = toFile.checked;
    const target = await chooseTarget(picked, as);
    if (!target) return null;
    return { size: await writeTo(target, write), where: picked ? 'saved to the file you chose' : 'downloaded' };
  };
  const zipped = (name: string): SaveAs => ({ name, type: 'application/zip', description: 'Zip archive' });
  const exportBtn = h('button', { type: 'button', 'data-testid': 'backup-export' }, 'Export backup (Parquet zip)');
  exportBtn.addEventListener('click', () =>
    busy(async () => {
      say('Writing the backup… (every table as Parquet; several seconds for a year of data)');
      try {
        const as = zipped(`denver-lens-backup-${new Date().toISOString().slice(0, 10)}.zip`);
        const saved = await save(as, (sink) => exportBackup(app.db, sink, (table, done, total) => say(`Writing the backup… ${table}: ${fmtInt(done)} of ${fmtInt(total)} rows`)));
        say(saved ? `Backup written (${fmtBytes(saved.size)}), ${saved.where}.` : 'No backup written: no file was chosen.');
      } catch (e) {
        say(`The backup failed: ${(e as Error).message}`);
      }
    }),
  );
  const importInput = h('input', { type: 'file', accept: '.zip', 'data-testid': 'backup-import', 'aria-label': 'Import a backup zip' });
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    if (!confirm(`Replace everything in the store with the backup ${file.name}?`)) return;
    await busy(async () => {
      say(`Restoring ${file.name}… (the rollups are recomputed after the tables)`);
      try {
        const counts = await app.restore(file, (table, done, total) => say(`Restoring ${file.name}… ${table}: ${fmtInt(done)} of ${fmtInt(total)} rows`));
        say(`Restored: ${Object.entries(counts).map(([t, n]) => `${t} ${fmtInt(n)}`).join(', ')}.`);
      } catch (e) {
        say((e as Error).message);
      }
    });
    importInput.value = '';
  });
  const resetBtn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'reset-store' }, 'Reset store…');
  resetBtn.addEventListener('click', async () => {
    if (!confirm('Delete every record, load and rejected row from the store? This cannot be undone (export a backup first).')) return;
    try {
      await app.reset();
      say('The store is empty.');
    } catch (e) {
      say(`The reset failed: ${(e as Error).message}`);
    }
  });
  for (const b of [exportBtn, importInput, resetBtn]) b.disabled = !app.writable;
  const partBtn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'export-partitioned' }, 'Export partitioned Parquet (Hive layout)');
  partBtn.addEventListener('click', () =>
    busy(async () => {
      say('Writing partitions…');
      try {
        let n = 0;
        const saved = await save(zipped('denver-lens-partitioned.zip'), (sink) => exportPartitioned(app.db, sink, (f) => say(`Writing partitions… ${++n}: ${f.path}`)));
        say(
          saved
            ? `Wrote ${n} partition files (${fmtBytes(saved.size)}), ${saved.where}. Unzip them on any static host and attach the folder below.`
            : 'No partitions written: no file was chosen.',
        );
      } catch (e) {
        say(`The export failed: ${(e as Error).message}`);
      }
    }),
  );
  const base = h('input', { type: 'url', placeholder: 'https://…/denver-lens-partitioned/', 'data-testid': 'remote-url' });
  const from = h('input', { type: 'month', 'data-testid': 'remote-from' });
  const to = h('input', { type: 'month', 'data-testid': 'remote-to' });
  const attach = h(
    'form',
    { class: 'remote-form' },
    h('label', { class: 'remote-url' }, 'Base URL of the data set', base),
    h('label', {}, 'First month (optional)', from),
    h('label', {}, 'Last month (optional)', to),
    h('button', { type: 'submit', 'data-testid': 'remote-attach' }, 'Attach read-only'),
  );
  attach.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ remote: base.value.trim() });
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    location.assign(`${location.pathname}?${q.toString()}#/reports`);
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title' }, 'Backup, restore and export'),
    h('div', { class: 'load-row' }, exportBtn, h('label', {}, 'Import a backup: ', importInput), resetBtn),
    h('div', { class: 'load-row' }, partBtn),
    canPickFile() ? toFileLabel : null,
    // Said next to the buttons that started it, not under the remote data set.
    message,
    h('h3', {}, 'A remote data set'),
    h('p', {}, 'Attach a partitioned layout on any static host by its base URL, read-only; only the months you choose are fetched, with HTTP range requests.'),
    attach,
  );
}

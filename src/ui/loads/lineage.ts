/**
 * Lineage: every load with its file, size, sha-256, source, variant, counts, duration and time;
 * the rejected rows of a load (line, reason, raw text) with a CSV download.
 */
import type { App } from '../../app/app';
import { int } from '../../sql/quote';
import { download, fmtBytes, fmtInt, h, replace } from '../dom';

const LOG_COLUMNS: [string, string][] = [
  ['load_id', '#'],
  ['dataset', 'Dataset'],
  ['file_name', 'File'],
  ['bytes', 'Size'],
  ['sha256', 'SHA-256'],
  ['source', 'Source'],
  ['variant', 'Variant'],
  ['encoding', 'Encoding'],
  ['rows_read', 'Read'],
  ['inserted', 'New'],
  ['updated', 'Changed'],
  ['unchanged', 'Unchanged'],
  ['duplicates', 'Duplicates'],
  ['rejected', 'Rejected'],
  ['ms', 'Duration'],
  ['finished_at', 'Finished'],
];

function cellText(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  switch (key) {
    case 'bytes':
      return fmtBytes(Number(v));
    case 'ms':
      return `${(Number(v) / 1000).toFixed(1)} s`;
    case 'finished_at':
      return new Date(Number(v)).toLocaleString();
    case 'sha256':
      return String(v).slice(0, 12) + '…';
    default:
      return typeof v === 'number' ? fmtInt(v) : String(v);
  }
}

const rejectsSql = (loadId: number) =>
  `SELECT line, reason, raw FROM rejected_rows WHERE load_id = ${int(loadId)} ORDER BY line`;

export function lineagePage(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const table = h('div', { 'data-testid': 'lineage' });
  const rejects = h('div', { 'data-testid': 'rejects' });
  const el = h('section', { class: 'panel', 'aria-labelledby': 'loads-title' }, h('h2', { id: 'loads-title' }, 'Loads'), table, rejects);

  async function showRejects(loadId: number): Promise<void> {
    const rows = await app.db.query(`${rejectsSql(loadId)} LIMIT 1000`);
    const dl = h('button', { type: 'button', class: 'secondary', 'data-testid': 'download-rejects' }, 'Download all as CSV');
    dl.addEventListener('click', async () => {
      const bytes = await app.db.copyTo(rejectsSql(loadId), 'csv');
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
        { class: 'grid' },
        h('thead', {}, h('tr', {}, LOG_COLUMNS.map(([, label]) => h('th', {}, label)), h('th', {}, ''))),
        h(
          'tbody',
          {},
          loads.map((l) => {
            const show = h('button', { type: 'button', class: 'link', 'data-testid': 'show-rejects' }, 'Rejected rows');
            show.addEventListener('click', () => void showRejects(Number(l.load_id)));
            return h(
              'tr',
              { 'data-load-id': Number(l.load_id) },
              LOG_COLUMNS.map(([key]) => h('td', { title: key === 'sha256' ? String(l.sha256) : null, 'data-key': key }, cellText(key, l[key]))),
              h('td', {}, show),
            );
          }),
        ),
      ),
    );
  }
  return { el, refresh };
}

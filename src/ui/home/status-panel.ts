/**
 * The status panel: each table's row count and date range, the last load, rejected rows, and
 * a small table of counts by month that proves the data is queryable.
 */
import type { App } from '../../app/app';
import { fmtInt, fmtWallClock, h, replace } from '../dom';

const MONTHLY_SQL = `SELECT strftime(date_trunc('month', day), '%Y-%m') AS month,
  sum(n) FILTER (WHERE dataset = 'service_requests') AS service_requests,
  sum(n) FILTER (WHERE dataset = 'traffic_accidents') AS traffic_accidents
FROM daily_counts GROUP BY 1 ORDER BY 1`;

export function statusPanel(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const body = h('div', { 'data-testid': 'status' }, 'Opening the store…');
  const monthly = h('div', { 'data-testid': 'monthly-counts' });
  const el = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'status-title' },
    h('h2', { id: 'status-title' }, 'The store'),
    body,
    h('h3', {}, 'Records by month'),
    monthly,
  );

  async function refresh(): Promise<void> {
    const s = await app.status();
    const last = s.loads[0];
    replace(
      body,
      h(
        'table',
        { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Table'), h('th', { class: 'num' }, 'Rows'), h('th', {}, 'From'), h('th', {}, 'To'))),
        h(
          'tbody',
          {},
          s.tables.map((t) =>
            h(
              'tr',
              {},
              h('td', {}, t.table),
              h('td', { class: 'num', 'data-testid': `count-${t.table}`, 'data-count': t.rows }, fmtInt(t.rows)),
              h('td', {}, fmtWallClock(t.minAt, false)),
              h('td', {}, fmtWallClock(t.maxAt, false)),
            ),
          ),
        ),
      ),
      h(
        'p',
        {},
        `Loads: ${s.loads.length}. Rejected rows kept for review: `,
        h('a', { href: '#/loads', 'data-testid': 'rejected-count', 'data-count': s.rejected }, fmtInt(s.rejected)),
        '.',
        last ? ` Last load: ${String(last.file_name)} (${fmtWallClock(Number(last.finished_at))}).` : ' Nothing loaded yet.',
      ),
    );
    const rows = await app.db.query(MONTHLY_SQL);
    replace(
      monthly,
      rows.length === 0
        ? h('p', {}, 'No data yet.')
        : h(
            'table',
            { class: 'grid compact' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Month'), h('th', { class: 'num' }, '311 requests'), h('th', { class: 'num' }, 'Accidents'))),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h('tr', {}, h('td', {}, String(r.month)), h('td', { class: 'num' }, fmtInt(Number(r.service_requests ?? 0))), h('td', { class: 'num' }, fmtInt(Number(r.traffic_accidents ?? 0)))),
              ),
            ),
          ),
    );
  }
  return { el, refresh };
}

/** Text alternatives for charts: the rows as an HTML table, and a report's extra table. */
import { h } from '../dom';
import { csvColumns } from '../../reports/csv';
import type { ReportTable, Row } from '../../reports/types';

/** Rows shown in the data table; the CSV download has them all. */
export const TABLE_LIMIT = 500;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(v);
}

/** The rows (at most TABLE_LIMIT) as a table with a caption saying how many there are. */
export function rowsTable(rows: readonly Row[], title: string): HTMLElement {
  const cols = csvColumns(rows);
  const shown = rows.slice(0, TABLE_LIMIT);
  const caption =
    rows.length > shown.length ? `${title}: first ${shown.length} of ${rows.length} rows (Download CSV has all)` : `${title}: ${rows.length} rows`;
  return h(
    'div',
    { class: 'lens-table-wrap' },
    h(
      'table',
      { class: 'lens-table', 'data-testid': 'rows-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, shown.map((r) => h('tr', {}, cols.map((c) => h('td', {}, text(r[c])))))),
    ),
  );
}

/** A report's own table (backtest scores, test statistics). */
export function reportTable(t: ReportTable): HTMLElement {
  // Wider than a phone's card (the backtest's five columns): it scrolls inside the card.
  return h(
    'div',
    { class: 'lens-report-table-wrap' },
    h(
      'table',
      { class: 'lens-table lens-report-table', 'data-testid': 'report-table' },
      h('caption', {}, t.caption),
      h('thead', {}, h('tr', {}, t.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, t.rows.map((r) => h('tr', {}, r.map((v) => h('td', {}, text(v)))))),
    ),
  );
}

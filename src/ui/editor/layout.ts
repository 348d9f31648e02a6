/** The editor page's static DOM: toolbar, editor host, message lines, result tabs and side panels. */
import { h } from '../dom';
import { canPickFile } from '../save-file';

/** The page's elements, by role. */
export interface Layout {
  readonly root: HTMLElement;
  readonly side: HTMLElement;
  readonly editorHost: HTMLElement;
  readonly run: HTMLButtonElement;
  readonly runAll: HTMLButtonElement;
  readonly cancel: HTMLButtonElement;
  readonly allowWrites: HTMLInputElement;
  readonly share: HTMLButtonElement;
  readonly format: HTMLButtonElement;
  readonly rowCount: HTMLElement;
  readonly elapsed: HTMLElement;
  readonly error: HTMLElement;
  readonly notice: HTMLElement;
  /** The line that lists the editor's keys (the editor's aria-describedby). */
  readonly keys: HTMLElement;
  readonly resultsTab: HTMLButtonElement;
  readonly chartTab: HTMLButtonElement;
  readonly resultsPane: HTMLElement;
  readonly chartPane: HTMLElement;
  readonly exportCsv: HTMLButtonElement;
  readonly exportParquet: HTMLButtonElement;
  /** Exports go to a file the user picks (unticked, and absent from the page, where the browser cannot). */
  readonly exportToFile: HTMLInputElement;
  readonly exportJson: HTMLButtonElement;
  readonly copyCell: HTMLButtonElement;
  readonly copyRow: HTMLButtonElement;
}

/** Id of the keys line. */
export const KEYS_ID = 'sql-keys';

const button = (testid: string, text: string, title: string, cls = 'secondary') =>
  h('button', { type: 'button', class: cls, 'data-testid': testid, title }, text);

/** Builds the page skeleton (no behavior). */
export function buildLayout(): Layout {
  const run = button('run', 'Run', 'Run the selection, or the whole script (Ctrl/Cmd+Enter runs the statement under the cursor)', '');
  const runAll = button('run-all', 'Run all', 'Run every statement of the script (Shift+Ctrl/Cmd+Enter)');
  const cancel = button('cancel', 'Cancel', 'Cancel the running query');
  cancel.disabled = true;
  const allowWrites = h('input', { type: 'checkbox', 'data-testid': 'allow-writes', id: 'sql-allow-writes' });
  const share = button('share', 'Share', 'Copy a link that opens this SQL in the editor');
  const format = button('format', 'Format', 'Lay out the SQL one clause a line: the selected lines, or all (Shift+Alt+F)');
  const rowCount = h('span', { class: 'sql-row-count', 'data-testid': 'row-count', 'aria-live': 'polite' });
  const elapsed = h('span', { class: 'sql-elapsed', 'data-testid': 'elapsed' });
  const error = h('pre', { class: 'sql-error', role: 'alert', 'data-testid': 'error', hidden: true });
  const notice = h('p', { class: 'sql-notice', role: 'status', 'data-testid': 'notice' });
  const editorHost = h('div', { class: 'sql-editor-host' });
  const keys = h(
    'p',
    { class: 'sql-keys', id: KEYS_ID },
    'Ctrl/⌘+Enter runs the statement at the cursor (or the selection) · Shift+Ctrl/⌘+Enter runs all · ',
    'Esc cancels a running query · Shift+Alt+F formats · Tab indents; Esc then Tab leaves the editor',
  );

  const resultsTab = h('button', { type: 'button', role: 'tab', class: 'sql-tab', 'aria-selected': 'true', 'data-testid': 'results-tab' }, 'Results');
  const chartTab = h('button', { type: 'button', role: 'tab', class: 'sql-tab', 'aria-selected': 'false', 'data-testid': 'chart-tab' }, 'Chart');
  const exportCsv = button('export-csv', 'CSV', 'Export the result as CSV');
  const exportParquet = button('export-parquet', 'Parquet', 'Export the result as Parquet, in the order shown');
  const exportJson = button('export-json', 'JSON', 'Export the result as JSON');
  const copyCell = button('copy-cell', 'Copy cell', 'Copy the selected cell (Ctrl/Cmd+C in the grid)');
  const copyRow = button('copy-row', 'Copy row', 'Copy the selected row as tab-separated text (Shift+Ctrl/Cmd+C)');
  for (const b of [exportCsv, exportParquet, exportJson, copyCell, copyRow]) b.disabled = true;
  const exportToFile = h('input', { type: 'checkbox', 'data-testid': 'export-to-file' });
  // Where the browser can write to a file the user picks (../save-file), exports may go there as
  // they are written instead of to the downloads.
  const toFileLabel = canPickFile() ? h('label', { class: 'sql-export-to-file', title: 'Ask where to save, and write the file as it goes (for very large results)' }, exportToFile, ' to a file I choose') : null;

  const resultsPane = h('div', { class: 'sql-results-pane', role: 'tabpanel' });
  const chartPane = h('div', { class: 'sql-chart-pane', role: 'tabpanel' });
  const side = h('aside', { class: 'sql-side' });

  const toolbar = h(
    'div',
    { class: 'sql-toolbar', role: 'toolbar', 'aria-label': 'Query' },
    run,
    runAll,
    cancel,
    h('label', { class: 'sql-allow-writes', for: 'sql-allow-writes' }, allowWrites, ' Allow writes'),
    share,
    format,
    h('span', { class: 'sql-status' }, rowCount, elapsed),
  );
  const resultBar = h(
    'div',
    { class: 'sql-result-bar' },
    h('div', { role: 'tablist', class: 'sql-tabs' }, resultsTab, chartTab),
    h('div', { class: 'sql-result-actions' }, copyCell, copyRow, h('span', { class: 'sql-export-label' }, 'Export'), exportCsv, exportParquet, exportJson, toFileLabel),
  );
  const main = h('div', { class: 'sql-main' }, toolbar, editorHost, keys, error, notice, resultBar, resultsPane, chartPane);
  const root = h('div', { class: 'sql-page' }, side, main);
  return {
    root, side, editorHost, run, runAll, cancel, allowWrites, share, format, rowCount, elapsed, error, notice, keys,
    resultsTab, chartTab, resultsPane, chartPane, exportCsv, exportParquet, exportJson, exportToFile, copyCell, copyRow,
  };
}

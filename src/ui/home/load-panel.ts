/**
 * Load controls: the default sample, any URL, and a drop zone / file picker for .csv and .zip.
 * Messages after each load say what happened in words, including the entries of a zip that
 * holds several CSVs, each offered as a button.
 */
import { DEFAULT_FILES, DEFAULT_SOURCE_LABEL, type App, type LoadRequest } from '../../app/app';
import type { IngestSummary } from '../../app/ingest-runner';
import type { IngestError } from '../../ingest/protocol';
import { fmtInt, h, replace } from '../dom';
import { progressView } from './progress-bar';

export function summaryText(s: IngestSummary): string {
  if (s.sameAsLoad !== undefined) {
    return `${s.fileName || 'This file'} was already loaded (load #${s.sameAsLoad}): 0 new, 0 changed. Nothing was written.`;
  }
  const parts = [
    `${fmtInt(s.rowsRead)} rows read`,
    `${fmtInt(s.inserted)} new`,
    `${fmtInt(s.updated)} changed`,
    `${fmtInt(s.unchanged)} unchanged`,
    `${fmtInt(s.duplicates)} exact duplicates`,
    `${fmtInt(s.rejected)} rejected`,
  ];
  if (s.stale) parts.push(`${fmtInt(s.stale)} older than stored versions (kept the newer)`);
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  const c = s.compacted;
  const sorted = c
    ? ` The table was then rewritten in time order (${(c.ms / 1000).toFixed(1)} s of it): a narrow date filter now reads ${pct(c.after)} of it instead of ${pct(c.before)}.`
    : '';
  return `${s.fileName} → ${s.dataset}: ${parts.join(', ')} in ${(s.ms / 1000).toFixed(1)} s.${sorted}`;
}

export function loadPanel(app: App): HTMLElement {
  const progress = progressView();
  const message = h('div', { class: 'load-message', 'data-testid': 'load-message', role: 'status', 'aria-live': 'polite' });
  const run = (req: LoadRequest) => app.load(req).catch(() => undefined);

  app.events.push({
    onStart: (req, cancel) => progress.start(req.label, cancel),
    onProgress: (_req, p) => progress.update(p),
    onDone: (_req, s) => {
      progress.finish('done');
      message.dataset.kind = 'ok';
      replace(message, summaryText(s));
    },
    onError: (req, e) => {
      progress.finish(e.code === 'cancelled' ? 'cancelled' : 'failed');
      showError(req, e);
    },
  });

  function showError(req: LoadRequest, e: IngestError): void {
    message.dataset.kind = e.code === 'cancelled' ? 'info' : 'error';
    replace(message, h('p', { 'data-testid': 'load-error', 'data-code': e.code }, `${req.label}: ${e.message}`));
    if (e.code === 'zip-several-csv' && e.entries) {
      message.append(
        h('p', {}, 'Load one of them:'),
        ...e.entries.map((entry) => {
          const b = h('button', { type: 'button', class: 'secondary', 'data-testid': 'zip-entry' }, entry);
          b.addEventListener('click', () => void run({ ...req, entry, label: `${req.label} › ${entry}` }));
          return b;
        }),
      );
    }
  }

  const loadDefault = h('button', { type: 'button', 'data-testid': 'load-default' }, 'Load the default sample');
  loadDefault.addEventListener('click', () => {
    for (const url of DEFAULT_FILES) void run({ source: { kind: 'url', url }, label: url.split('/').pop()!, sourceLabel: DEFAULT_SOURCE_LABEL });
  });

  const urlInput = h('input', { type: 'url', placeholder: 'https://…/traffic_accidents.csv.zip', 'data-testid': 'url-input', 'aria-label': 'URL of a CSV or zip file' });
  const urlForm = h('form', { class: 'url-form' }, urlInput, h('button', { type: 'submit', 'data-testid': 'load-url' }, 'Load URL'));
  urlForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const url = urlInput.value.trim();
    if (url) void run({ source: { kind: 'url', url }, label: url });
  });

  const fileInput = h('input', { type: 'file', accept: '.csv,.zip,.txt', multiple: true, 'data-testid': 'file-input', 'aria-label': 'Choose CSV or zip files' });
  const loadFiles = (files: FileList | File[]) => {
    for (const file of Array.from(files)) void run({ source: { kind: 'file', file }, label: file.name });
  };
  fileInput.addEventListener('change', () => fileInput.files && loadFiles(fileInput.files));
  const drop = h(
    'div',
    // A focusable group, not a button: it holds the file picker, and controls must not nest.
    { class: 'drop-zone', 'data-testid': 'drop-zone', tabindex: 0, role: 'group', 'aria-label': 'Drop 311 or traffic-accident files here (.csv or .zip), or press Enter to choose files' },
    h('strong', {}, 'Drop 311 or traffic-accident files here'),
    h('span', {}, ' (.csv or .zip), or '),
    h('label', {}, 'choose files ', fileInput),
  );
  drop.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      fileInput.click();
    }
  });
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    if (ev.dataTransfer?.files?.length) loadFiles(ev.dataTransfer.files);
  });

  const disabled = !app.writable;
  for (const el of [loadDefault, urlInput, fileInput]) el.disabled = disabled;
  return h(
    'section',
    { class: 'panel load-panel', 'aria-labelledby': 'load-title' },
    h('h2', { id: 'load-title' }, 'Load data'),
    h('div', { class: 'load-row' }, loadDefault, urlForm),
    drop,
    progress.el,
    message,
  );
}

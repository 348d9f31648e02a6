/**
 * The SQL editor page: CodeMirror editor, schema browser, history and saved queries, a
 * virtualized results grid with a Chart tab, exports, cancel, share links and the read-only
 * guard. Mounted by the shell at `#/sql`; see EditorHandle for what the rest of the app may call.
 */
import './editor.css';
import { QueryCancelled, type Connector, type ResultSet } from '../../db/types';
import type { Verdict } from '../../editor/classify';
import { mayChangeDatasets } from '../../editor/data-writes';
import { rowsLabel } from '../../editor/format';
import { QueryHistory } from '../../editor/history';
import { MSG, exportedMessage, exportingMessage, rollupsFailed, rollupsUpdated, savedMessage, streamingMessage, truncatedMessage } from '../../editor/messages';
import { duckdbParser } from '../../editor/parser-probe';
import { runScript, type RunOutcome } from '../../editor/run-script';
import { EditorDraft, SavedQueries } from '../../editor/saved';
import { loadFunctions, loadSchema } from '../../editor/schema-load';
import { previewSql, summarizeSql } from '../../editor/schema-model';
import { shareHash } from '../../editor/share';
import { splitStatements, statementsToRun, type Statement } from '../../editor/split';
import { browserStore, readJson } from '../../editor/storage';
import { chartPanel } from './chart-panel';
import { copyText } from './clipboard';
import { createCodeEditor } from './code-editor';
import { exportResult, exportSaveAs, exportStreamed, type ExportFormat } from './exporter';
import { chooseTarget, writeTo } from '../save-file';
import { historyPanel, savedPanel } from './history-panel';
import { buildLayout } from './layout';
import { resultsGrid } from './results-grid';
import { schemaBrowser } from './schema-browser';

/** What the editor needs from the app. */
export interface EditorContext {
  db: Connector;
  /**
   * Called after a script that may have written to the store ("Allow writes"), with whether a
   * dataset table may have changed; resolves once the app has caught up (rollups recomputed,
   * reports and schema read again). Without it, the editor only re-reads its schema.
   */
  onWrite?(datasets: boolean): Promise<void>;
}

/** What the app may do with a mounted editor. */
export interface EditorHandle {
  /**
   * Replaces the editor's text (reports' "Open in editor", share links) as one undoable change,
   * with a notice when it replaced other text. Does not run it.
   */
  setSql(sql: string): void;
  getSql(): string;
  /** Runs the whole script; resolves when it finished, failed or was cancelled. */
  run(): Promise<void>;
  /** Re-reads tables, columns and row counts (after an ingest). */
  refreshSchema(): Promise<void>;
  destroy(): void;
}

/**
 * The most Arrow data, in MB, a result held by the grid may take (a query returning more keeps its
 * first rows; the store key overrides it, as the browser tests do).
 */
export const RESULT_MB = 256;
export const RESULT_MB_KEY = 'denver-lens.sql.result-mb';

function fmtMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Mounts the editor page into `container` (replacing its content). */
export function mountEditor(container: HTMLElement, ctx: EditorContext): EditorHandle {
  const store = browserStore();
  const queryHistory = new QueryHistory(store);
  const saved = new SavedQueries(store);
  const draft = new EditorDraft(store);
  const parser = duckdbParser(ctx.db);
  const ui = buildLayout();

  let noticeTimer = 0;
  /** Shows `message` for a few seconds, or until the next notice when `keep`. */
  const notify = (message: string, keep = false) => {
    ui.notice.textContent = message;
    clearTimeout(noticeTimer);
    if (!keep) noticeTimer = window.setTimeout(() => (ui.notice.textContent = ''), 4000);
  };
  const grid = resultsGrid(notify);
  const chart = chartPanel(() => grid.order());
  ui.resultsPane.append(grid.el);
  ui.chartPane.append(chart.el);
  ui.chartPane.hidden = true;

  // The text of the last visit comes back; a share link or "Open in editor" then replaces it.
  const code = createCodeEditor(ui.editorHost, {
    doc: draft.load() ?? '',
    onRunCurrent: () => void runCurrent(),
    onRunAll: () => void runAll(),
    onChange: (doc) => draft.schedule(doc),
    describedBy: ui.keys.id,
  });
  const saveDraft = () => void draft.flush();
  const saveDraftWhenHidden = () => {
    if (document.visibilityState === 'hidden') draft.flush();
  };
  window.addEventListener('pagehide', saveDraft);
  document.addEventListener('visibilitychange', saveDraftWhenHidden);
  /**
   * Puts `sql` in the editor as one undoable change, saying so when it replaced other text;
   * `focus` (history and saved queries) leaves the cursor in the editor, where Ctrl/Cmd+Z works.
   */
  const setSql = (sql: string, focus = false) => {
    const before = code.getDoc();
    if (before !== sql) code.setDoc(sql);
    showError(null);
    if (before.trim() && before !== sql) notify(MSG.replaced);
    if (focus) code.focus();
  };
  const openSql = (sql: string) => setSql(sql, true);
  const browser = schemaBrowser({
    insert: (text) => code.insert(text),
    preview: (t) => void execute(adHoc(previewSql(t)), false),
    summarize: (t) => void execute(adHoc(summarizeSql(t)), false),
  });
  const historyUi = historyPanel(queryHistory, openSql);
  ui.side.append(browser.el, savedPanel(saved, () => code.getDoc(), openSql).el, historyUi.el);
  container.replaceChildren(ui.root);

  /** The cap on a held result, MB (RESULT_MB unless the store says otherwise). */
  const resultMb = () => readJson(store, RESULT_MB_KEY, RESULT_MB, (v): v is number => typeof v === 'number' && v > 0);

  let running: AbortController | null = null;
  let last: ResultSet | null = null;
  /** The SQL of the statement that made `last`, when running it again only reads. */
  let lastRerun: string | null = null;

  function showError(message: string | null, kind = 'error'): void {
    ui.error.textContent = message ?? '';
    ui.error.hidden = message === null;
    ui.error.dataset.kind = kind;
    if (message === null) code.markError(null);
  }

  function setBusy(busy: boolean): void {
    ui.run.disabled = busy;
    ui.runAll.disabled = busy;
    ui.cancel.disabled = !busy;
    grid.el.setAttribute('aria-busy', String(busy));
  }

  function showResult(rs: ResultSet | null): void {
    last = rs;
    grid.show(rs);
    chart.show(rs);
    if (rs) {
      ui.rowCount.textContent = rs.truncated ? `first ${rowsLabel(rs.rowCount)} (more not held)` : rowsLabel(rs.rowCount);
      ui.rowCount.dataset.truncated = String(!!rs.truncated);
      ui.rowCount.dataset.count = String(rs.rowCount);
    } else {
      ui.rowCount.textContent = '';
      delete ui.rowCount.dataset.count;
      delete ui.rowCount.dataset.truncated;
    }
    for (const b of [ui.exportCsv, ui.exportJson, ui.exportParquet, ui.copyCell, ui.copyRow]) b.disabled = !rs;
  }

  /** A statement that is not in the editor (schema browser actions). */
  function adHoc(sql: string): Statement[] {
    return [{ text: sql, from: -1, to: -1 }];
  }

  async function execute(statements: Statement[], inDoc: boolean): Promise<void> {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    setBusy(true);
    showError(null);
    const t0 = performance.now();
    ui.elapsed.textContent = MSG.running;
    const tick = window.setInterval(() => (ui.elapsed.textContent = `${MSG.running} ${fmtMs(performance.now() - t0)}`), 100);
    let outcome: RunOutcome;
    try {
      outcome = await runScript(ctx.db, statements, {
        allowWrites: ui.allowWrites.checked,
        parser,
        signal: controller.signal,
        maxBytes: resultMb() * 2 ** 20,
        ...(inDoc ? { script: code.getDoc() } : {}),
      });
    } catch (e) {
      outcome = { kind: 'error', message: (e as Error)?.message ?? String(e), verdicts: [], statement: null, range: null, ms: performance.now() - t0 };
    } finally {
      clearInterval(tick);
      running = null;
      setBusy(false);
    }
    ui.elapsed.textContent = fmtMs(outcome.ms);
    queryHistory.add({
      sql: statements.map((s) => s.text).join(';\n'),
      at: Date.now(),
      ok: outcome.kind === 'ok',
      outcome: outcome.kind,
      ...(outcome.kind === 'ok' ? { rows: outcome.result.rowCount } : {}),
      ...(outcome.kind === 'error' && outcome.failedAt ? { failedAt: outcome.failedAt.index, statements: outcome.failedAt.count } : {}),
      ms: outcome.ms,
    });
    historyUi.refresh();
    if (outcome.kind === 'ok') {
      lastRerun = outcome.verdicts[outcome.verdicts.length - 1] === 'read' ? outcome.statement.text : null;
      showResult(outcome.result);
      if (outcome.result.truncated) notify(truncatedMessage(outcome.result.rowCount, resultMb(), lastRerun !== null && !!ctx.db.streamIpc), true);
    } else {
      showResult(null);
      showError(outcome.message, outcome.kind);
      if (inDoc && outcome.range) code.markError(outcome.range, outcome.message);
    }
    // A failed or cancelled script may have written before it stopped; a refused one ran nothing.
    if (outcome.kind !== 'refused') await afterRun(statements, outcome.verdicts);
  }

  /** What the statements that ran may have changed: the schema, and the reports with their rollups. */
  async function afterRun(statements: readonly Statement[], verdicts: readonly Verdict[]): Promise<void> {
    if (verdicts.every((v) => v === 'read')) return;
    const wrote = verdicts.some((v) => v === 'write' || v === 'unknown');
    if (!wrote || !ctx.onWrite) {
      await refreshSchema();
      return;
    }
    const datasets = mayChangeDatasets(statements.map((s) => s.text), verdicts);
    if (datasets) notify(MSG.rollupsUpdating, true);
    const t0 = performance.now();
    try {
      await ctx.onWrite(datasets);
      if (datasets) notify(rollupsUpdated(fmtMs(performance.now() - t0)));
    } catch (e) {
      notify(rollupsFailed((e as Error)?.message ?? String(e)), true);
    }
  }

  function runCurrent(): Promise<void> {
    const { from, to } = code.selection();
    return execute(statementsToRun(code.getDoc(), from, to), true);
  }

  function runAll(): Promise<void> {
    return execute(splitStatements(code.getDoc()), true);
  }

  let exporting = false;
  async function doExport(format: ExportFormat): Promise<void> {
    const rs = last;
    if (!rs || exporting || running) return;
    exporting = true;
    const buttons = [ui.exportCsv, ui.exportJson, ui.exportParquet];
    for (const b of buttons) b.disabled = true;
    // A streamed export runs the query again: it is a run, stopped by Cancel or Escape as one is
    // (and from the other pages' notice), and Run waits for it.
    const rerun = rs.truncated && ctx.db.streamIpc ? lastRerun : null;
    const streamed = rerun !== null;
    const controller = new AbortController();
    if (streamed) {
      running = controller;
      setBusy(true);
    }
    try {
      // The picker first, while the click's activation lasts.
      const toFile = ui.exportToFile.checked;
      const target = await chooseTarget(toFile, exportSaveAs(format));
      if (!target) {
        notify(MSG.exportNotSaved);
        return;
      }
      await writeTo(target, (sink) =>
        rerun !== null
          ? exportStreamed(format, ctx.db, rerun, sink, (rows) => notify(streamingMessage(format, rows), true), controller.signal)
          : exportResult(format, { rs, order: grid.order() }, sink, (share) => notify(exportingMessage(format, share), true)),
      );
      notify(toFile ? savedMessage(format) : exportedMessage(format));
    } catch (e) {
      if (e instanceof QueryCancelled) notify(MSG.exportCancelled);
      else {
        notify('');
        showError(`${MSG.exportFailed}: ${(e as Error)?.message ?? String(e)}`);
      }
    } finally {
      exporting = false;
      if (streamed) {
        running = null;
        setBusy(false);
      }
      for (const b of buttons) b.disabled = !last;
    }
  }

  async function refreshSchema(): Promise<void> {
    try {
      const model = await loadSchema(ctx.db);
      browser.show(model);
      code.setSchema(model);
    } catch (e) {
      browser.showError(`${MSG.schemaFailed}: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function selectTab(chartOn: boolean): void {
    ui.resultsTab.setAttribute('aria-selected', String(!chartOn));
    ui.chartTab.setAttribute('aria-selected', String(chartOn));
    ui.resultsPane.hidden = chartOn;
    ui.chartPane.hidden = !chartOn;
    chart.setVisible(chartOn);
  }

  // Run keeps what the automation contract's `run` has always done: the selection, or the whole
  // script (Ctrl/Cmd+Enter runs the statement under the cursor; the button's title says so).
  ui.run.addEventListener('click', () => {
    const { from, to } = code.selection();
    void (from !== to ? runCurrent() : runAll());
  });
  ui.runAll.addEventListener('click', () => void runAll());
  ui.cancel.addEventListener('click', () => running?.abort());
  // Escape in the editor or the results cancels a running query, as Cancel does. Capture phase,
  // without preventDefault: CodeMirror still sees the key (closing completion, tab focus mode).
  ui.root.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape' || !running) return;
      const target = e.target as Node;
      if ([ui.editorHost, ui.resultsPane, ui.chartPane].some((el) => el.contains(target))) running.abort();
    },
    true,
  );
  ui.allowWrites.addEventListener('change', () => ui.root.classList.toggle('writes-allowed', ui.allowWrites.checked));
  ui.resultsTab.addEventListener('click', () => selectTab(false));
  ui.chartTab.addEventListener('click', () => selectTab(true));
  ui.exportCsv.addEventListener('click', () => void doExport('csv'));
  ui.exportJson.addEventListener('click', () => void doExport('json'));
  ui.exportParquet.addEventListener('click', () => void doExport('parquet'));
  ui.copyCell.addEventListener('click', () => void grid.copyCell());
  ui.copyRow.addEventListener('click', () => void grid.copyRow());
  ui.format.addEventListener('click', () => {
    code.format();
    code.focus();
  });
  ui.share.addEventListener('click', async () => {
    const url = `${location.href.split('#')[0]}${shareHash(code.getDoc())}`;
    history.replaceState(history.state, '', url);
    notify((await copyText(url)) ? MSG.linkCopied : url);
  });

  showResult(null);
  void refreshSchema();
  void loadFunctions(ctx.db)
    .then((fns) => code.setFunctions(fns))
    .catch(() => undefined);

  return {
    setSql: (sql) => setSql(sql),
    getSql: () => code.getDoc(),
    run: runAll,
    refreshSchema,
    destroy() {
      draft.flush();
      window.removeEventListener('pagehide', saveDraft);
      document.removeEventListener('visibilitychange', saveDraftWhenHidden);
      running?.abort();
      clearTimeout(noticeTimer);
      grid.destroy();
      chart.destroy();
      code.destroy();
      container.replaceChildren();
    },
  };
}

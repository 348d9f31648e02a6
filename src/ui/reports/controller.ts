/**
 * Runs the reports page: the filter state, each card's render (SQL through the query cache,
 * derived rows, empty state, chart), cross-filter clicks, downloads, and the GeoJSON drop.
 * Every card render is tracked so callers can wait until the page has settled.
 */
import type { Connector, Row } from '../../db/types';
import { MSG } from '../../reports/messages';
import { REPORTS, getReport } from '../../reports/registry';
import { mergeFilters, sameFilters, type FilterInput, type Filters } from '../../reports/filters';
import { chartRows, datasetExclusion, emptyMessage, reportSql } from '../../reports/run';
import { withDefaults, type Frame, type Params, type ReportDef } from '../../reports/types';
import { checkBoundaries } from '../../reports/boundaries';
import { rowsToCsv } from '../../reports/csv';
import { filtersCaption, paramsCaption, titledSpec } from '../../reports/caption';
import { download } from '../dom';
import { exportImage } from '../vega';
import { createCard, type Card } from './card';
import { ChartSlot } from './chart-slot';
import { DerivedCache, QueryCache } from './query-cache';

/** Horizontal padding of the chart inside its area (`.lens-chart`). */
const CHART_CHROME_PX = 12;
/** Frame widths are whole multiples of this. */
const FRAME_STEP_PX = 8;
/** How many times a chart drawn wider than its frame is redrawn narrower. */
const MAX_FIT_REDRAWS = 2;
/** A resize redraws once no further resize came for this long. */
const RESIZE_SETTLE_MS = 150;

/** The card's message for a failed render. */
function failure(err: unknown): string {
  return `This report failed: ${err instanceof Error ? err.message : String(err)} (see Show SQL).`;
}

interface Entry {
  def: ReportDef;
  card: Card;
  slot: ChartSlot;
  params: Params;
  /** Incremented per render; a render that is no longer the latest does not touch the DOM. */
  gen: number;
  /** What the card shows: the chart rows (or none), the params, the empty-state message, the frame width it was fitted to. */
  shown?: { rows: Row[]; params: Params; empty: string | null; width: number | undefined };
  /**
   * How many pixels narrower than the frame this card's chart is specified, because drawn to the
   * frame it came out wider (text measured wider than the spec's reserve allowed, e.g. another
   * font): kept for that frame width, so later draws are fitted at once.
   */
  trim?: { width: number; px: number };
}

/** What the controller needs from the page. */
export interface ControllerOptions {
  db: Connector;
  openInEditor(sql: string): void;
  /** Stores dropped boundaries and places the records without a neighborhood; resolves with how many. */
  storeBoundaries(name: string, geojson: string): Promise<number>;
  /** Called after the filters changed (URL, filter bar). */
  onFilters(f: Filters): void;
}

/** State and rendering of the reports page. */
export class ReportsController {
  private filters: Filters;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly queries: QueryCache;
  private readonly derived = new DerivedCache();
  /** The room every chart has (all cards are as wide); unknown until the grid is laid out. */
  private frame: Frame | undefined;
  private resizeObserver: ResizeObserver | undefined;
  /** Ids of the cards in (or near) the viewport: a re-render asks for their rows first. */
  private readonly inView = new Set<string>();
  private viewObserver: IntersectionObserver | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly opts: ControllerOptions,
    initial: Filters,
  ) {
    this.filters = initial;
    this.queries = new QueryCache(opts.db);
  }

  /** Builds every card; returns their elements in registry order. */
  createCards(): HTMLElement[] {
    const cards = REPORTS.map((def) => {
      const params = withDefaults(def);
      const entry = { def, params, gen: 0 } as Entry;
      entry.card = createCard(def, params, {
        onParam: (key, value) => {
          entry.params = withDefaults(def, { ...entry.params, [key]: value });
          void this.track(this.renderEntry(entry));
        },
        onOpenInEditor: () => this.opts.openInEditor(reportSql(def, this.filters, entry.params)),
        onDownload: (kind) => void this.download(entry, kind),
        onGeoJsonFile: def.acceptsGeoJson ? (file) => void this.track(this.storeGeoJson(entry, file)) : undefined,
      });
      entry.slot = new ChartSlot(entry.card.chartEl, def.renderer ?? 'svg', def.clicks?.length ? (d) => this.click(def, d) : undefined);
      this.entries.set(def.id, entry);
      return entry.card.el;
    });
    this.watchWidth();
    this.watchView();
    return cards;
  }

  /**
   * Keeps `inView` current. DuckDB-WASM answers one query at a time, in the order asked, so the
   * order cards start rendering in is the order they are redrawn in: the ones on screen go first.
   */
  private watchView(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    const ids = new Map<Element, string>([...this.entries.values()].map((e) => [e.card.el, e.def.id]));
    this.viewObserver = new IntersectionObserver(
      (records) => {
        for (const r of records) {
          const id = ids.get(r.target);
          if (!id) continue;
          if (r.isIntersecting) this.inView.add(id);
          else this.inView.delete(id);
        }
      },
      { rootMargin: '100px 0px' },
    );
    for (const el of ids.keys()) this.viewObserver.observe(el);
  }

  /**
   * Refits the charts when the cards change width (window resize, grid reflow, the page shown
   * after being hidden). The first width known applies at once; later ones once resizing has
   * settled. Sizes come from a ResizeObserver, so rendering never forces a layout to read them.
   */
  private watchWidth(): void {
    const first = this.entries.values().next().value;
    if (!first || typeof ResizeObserver === 'undefined') return;
    this.resizeObserver = new ResizeObserver((records) => {
      const box = records.at(-1)?.contentRect.width ?? 0;
      // Hidden (the page not shown): keep the last width.
      if (!(box > 0)) return;
      // Whole steps, so that a resize by a pixel or two does not redraw every chart.
      const width = Math.floor((box - CHART_CHROME_PX) / FRAME_STEP_PX) * FRAME_STEP_PX;
      clearTimeout(this.resizeTimer);
      const apply = () => {
        if (this.frame?.width === width) return;
        this.frame = { width };
        for (const e of this.entries.values()) void this.track(this.refit(e));
      };
      if (this.frame) this.resizeTimer = setTimeout(apply, RESIZE_SETTLE_MS);
      else apply();
    });
    this.resizeObserver.observe(first.card.bodyEl);
  }

  /**
   * Redraws a shown chart fitted to the current frame, from the rows it shows. A card being
   * rendered is left alone: its render reads the new frame.
   */
  private async refit(e: Entry): Promise<void> {
    const shown = e.shown;
    const frame = this.frame;
    if (!shown || shown.empty !== null || !frame || shown.width === frame.width) return;
    shown.width = frame.width;
    const gen = e.gen;
    try {
      await this.drawFitted(e, gen, shown.rows, shown.params, frame);
    } catch (err) {
      if (gen === e.gen) e.card.setState('error', failure(err));
    }
  }

  current(): Filters {
    return this.filters;
  }

  /** Applies `input` over the current filters and re-renders every report when they changed. */
  setFilters(input: FilterInput): Promise<void> {
    const next = mergeFilters(this.filters, input);
    if (!sameFilters(next, this.filters)) {
      this.filters = next;
      this.opts.onFilters(next);
      this.renderAll();
    }
    return this.rendered();
  }

  /** Re-renders every card (after an ingest: forget cached results first). */
  renderAll(forget = false): Promise<void> {
    if (forget) {
      this.queries.clear();
      this.derived.clear();
    }
    for (const e of viewFirst([...this.entries.values()], this.inView)) void this.track(this.renderEntry(e));
    return this.rendered();
  }

  /** Resolves when no card render is in flight. */
  async rendered(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** The SQL and the exact rows the chart of `id` is drawn from, under the current state. */
  async data(id: string): Promise<{ sql: string; rows: Row[] }> {
    const e = this.entries.get(id);
    const def = e?.def ?? getReport(id);
    if (!def) throw new Error(`unknown report: ${id}`);
    const params = e?.params ?? withDefaults(def);
    const sql = reportSql(def, this.filters, params);
    return { sql, rows: await this.rows(def, sql, params) };
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
    this.viewObserver?.disconnect();
    clearTimeout(this.resizeTimer);
    for (const e of this.entries.values()) {
      e.gen++;
      void e.slot.clear();
    }
    this.entries.clear();
  }

  private async rows(def: ReportDef, sql: string, params: Params): Promise<Row[]> {
    if (datasetExclusion(def, this.filters)) return [];
    const raw = await this.queries.rows(sql);
    return this.derived.get(def.id, raw, JSON.stringify(params), () => chartRows(def, raw, params));
  }

  private track(p: Promise<void>): Promise<void> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }

  private async renderEntry(e: Entry): Promise<void> {
    const gen = ++e.gen;
    const { def, card, slot, params } = e;
    const filters = this.filters;
    const t0 = performance.now();
    card.setState('loading');
    const sql = reportSql(def, filters, params);
    card.setSql(sql);
    try {
      const rows = await this.rows(def, sql, params);
      if (gen !== e.gen) return;
      card.el.dataset.msData = String(Math.round(performance.now() - t0));
      const empty = emptyMessage(def, filters, rows, params);
      const frame = this.frame;
      const width = frame?.width;
      const shown = e.shown;
      if (shown && shown.rows === rows && shown.params === params && shown.empty === empty && (empty !== null || shown.width === width)) {
        // The same rows as on screen (the caches return the same arrays when the SQL did not
        // change, e.g. under a filter this report ignores): nothing to redraw.
        card.setState(empty ? 'empty' : 'ready', empty ?? undefined);
        return;
      }
      e.shown = undefined;
      if (empty) {
        await slot.clear();
        if (gen !== e.gen) return;
        card.setResult('', rows, null);
        card.setState('empty', empty);
        e.shown = { rows, params, empty, width };
      } else {
        const tDraw = performance.now();
        await this.drawFitted(e, gen, rows, params, frame);
        if (gen !== e.gen) return;
        card.el.dataset.msDraw = String(Math.round(performance.now() - tDraw));
        card.setResult(def.summarize?.(rows, params) ?? '', rows, def.table?.(rows, params) ?? null);
        card.setState('ready');
        card.chartEl.dataset.rows = String(rows.length);
        e.shown = { rows, params, empty, width };
      }
    } catch (err) {
      if (gen !== e.gen) return;
      await slot.clear().catch(() => undefined);
      card.setState('error', failure(err));
    } finally {
      if (gen === e.gen) card.el.dataset.ms = String(Math.round(performance.now() - t0));
    }
  }

  /**
   * Draws the chart fitted to `frame`. The spec builders size charts from reserves measured for
   * their labels and legends; when the chart still comes out wider than the frame, it is drawn
   * again narrower by the excess (at most twice: some parts do not shrink with the plot, and
   * charts at their minimum width cannot), and the card remembers the trim for this frame width.
   * A render superseded meanwhile (`gen`) draws no more.
   */
  private async drawFitted(e: Entry, gen: number, rows: Row[], params: Params, frame: Frame | undefined): Promise<void> {
    let trim = frame && e.trim?.width === frame.width ? e.trim.px : 0;
    await e.slot.show(e.def.spec(rows, params, fitted(e, frame)));
    for (let redraws = 0; frame && redraws < MAX_FIT_REDRAWS; redraws++) {
      const drawn = e.slot.drawnWidth();
      if (gen !== e.gen || drawn === undefined || drawn <= frame.width) return;
      trim += Math.ceil(drawn - frame.width);
      e.trim = { width: frame.width, px: trim };
      await e.slot.show(e.def.spec(rows, params, { width: frame.width - trim }));
    }
  }

  private click(def: ReportDef, datum: Record<string, unknown>): void {
    for (const c of def.clicks ?? []) {
      const v = datum[c.field];
      if (typeof v !== 'string' || v === '' || c.ignore?.includes(v)) continue;
      const list = this.filters[c.filter];
      void this.setFilters({ [c.filter]: list.includes(v) ? list.filter((x) => x !== v) : [...list, v] });
      return;
    }
  }

  private async download(e: Entry, kind: 'png' | 'svg' | 'csv'): Promise<void> {
    if (kind === 'csv') {
      const { rows } = await this.data(e.def.id);
      download(`${e.def.id}.csv`, rowsToCsv(rows), 'text/csv;charset=utf-8');
      return;
    }
    const shown = e.shown;
    if (!shown || shown.empty !== null) return;
    const spec = e.def.spec(shown.rows, shown.params, fitted(e, this.frame));
    const subtitle = [filtersCaption(this.filters), paramsCaption(e.def.params ?? [], shown.params), `Denver Lens · exported ${new Date().toLocaleDateString('en-CA')}`];
    const url = await exportImage(titledSpec(spec, e.def.title, subtitle), kind);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${e.def.id}.${kind}`;
    document.body.append(a);
    a.click();
    a.remove();
    if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async storeGeoJson(e: Entry, file: File): Promise<void> {
    const text = await file.text();
    const check = checkBoundaries(text);
    if (!check.ok) {
      e.card.setNotice(MSG.badGeoJson(check.error));
      return;
    }
    let placed: number;
    try {
      placed = await this.opts.storeBoundaries(file.name, text);
    } catch (err) {
      e.card.setNotice(`Could not store the boundaries: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    e.card.setNotice(MSG.storedBoundaries(file.name, check.matched, check.features.length, check.unmatched) + (placed ? ` ${MSG.placedByBoundaries(placed)}` : ''));
    this.queries.clear();
    this.derived.clear();
    await this.renderEntry(e);
  }
}

/** `entries` with those whose card is in view first, each part in page order. */
function viewFirst(entries: Entry[], inView: ReadonlySet<string>): Entry[] {
  return [...entries.filter((e) => inView.has(e.def.id)), ...entries.filter((e) => !inView.has(e.def.id))];
}

/** The room a card's chart is drawn in: the frame, less the trim the card remembers for its width. */
function fitted(e: Entry, frame: Frame | undefined): Frame | undefined {
  return frame && e.trim?.width === frame.width && e.trim.px ? { width: frame.width - e.trim.px } : frame;
}

/**
 * The reports page: the filter bar over a grid of report cards. Filters live in the URL
 * (`#/reports?from=…&neighborhood=…`), so a view can be bookmarked and shared; changing a
 * filter, here or by clicking a chart, re-renders every report without reloading the page.
 */
import './reports.css';
import type { Connector, Row } from '../../db/types';
import { h, replace } from '../dom';
import { REPORTS } from '../../reports/registry';
import { copyFilters, emptyFilters, filtersFromHash, filtersToHash, sameFilters, REPORTS_ROUTE, type FilterInput, type Filters } from '../../reports/filters';
import { dataSpanSql, filterOptionsSql, toFilterOptions } from '../../reports/options';
import { ReportsController } from './controller';
import { createFilterBar } from './filter-bar';

export type { Filters };

/** What the app shell gives the reports page. */
export interface ReportsContext {
  db: Connector;
  openInEditor(sql: string): void;
  /** Stores dropped boundaries and places the records without a neighborhood; resolves with how many. */
  storeBoundaries(name: string, geojson: string): Promise<number>;
}

/** The reports page as the shell and window.lens use it. */
export interface ReportsHandle {
  /** Re-renders all reports (after an ingest), re-reading the filter choices. */
  refresh(): Promise<void>;
  reports(): { id: string; title: string }[];
  /** The exact rows the chart is drawn from, under the current filters. */
  reportData(id: string): Promise<{ sql: string; rows: Record<string, unknown>[] }>;
  /** Neighborhoods may be names or slugs; resolves when every report re-rendered. */
  setFilters(f: Partial<{ from: string; to: string; neighborhoods: string[]; types: string[]; datasets: string[]; sources: string[] }>): Promise<void>;
  filters(): Filters;
  /** Resolves when the current render pass finished. */
  rendered(): Promise<void>;
  destroy(): void;
}

/** True when the location shows the reports page (only then is the hash rewritten). */
function onReportsRoute(): boolean {
  return filtersFromHash(location.hash) !== undefined;
}

/** Mounts the reports page into `container`. */
export function mountReports(container: HTMLElement, ctx: ReportsContext): ReportsHandle {
  const initial = filtersFromHash(location.hash) ?? emptyFilters();
  const bar = createFilterBar(
    (input) => void controller.setFilters(input),
    () => void controller.setFilters({ ...emptyFilters(), from: null, to: null }),
  );
  const controller = new ReportsController(
    {
      db: ctx.db,
      openInEditor: ctx.openInEditor,
      storeBoundaries: ctx.storeBoundaries,
      onFilters(f) {
        bar.render(f);
        if (onReportsRoute()) {
          const hash = filtersToHash(f);
          if (location.hash !== hash) history.replaceState(history.state, '', hash);
        }
      },
    },
    initial,
  );
  replace(
    container,
    h('div', { class: 'lens-reports' }, bar.el, h('div', { class: 'lens-report-grid', 'data-testid': 'report-grid' }, controller.createCards())),
  );
  bar.render(initial);

  const loadOptions = async () => {
    try {
      const [options, span] = await Promise.all([ctx.db.query(filterOptionsSql()), ctx.db.query(dataSpanSql())]);
      bar.setOptions(toFilterOptions(options, span[0]));
    } catch {
      // The filter bar still works with typed-in values; the reports show their own errors.
    }
  };

  const onHash = () => {
    const f = filtersFromHash(location.hash);
    if (!f || sameFilters(f, controller.current())) return;
    // Back on the page through a bare link: keep the filters and put them back in the URL.
    if (location.hash === REPORTS_ROUTE) history.replaceState(history.state, '', filtersToHash(controller.current()));
    else void controller.setFilters({ ...f, from: f.from ?? null, to: f.to ?? null });
  };
  window.addEventListener('hashchange', onHash);

  void loadOptions();
  void controller.renderAll();

  return {
    async refresh() {
      await Promise.all([loadOptions(), controller.renderAll(true)]);
    },
    reports: () => REPORTS.map((r) => ({ id: r.id, title: r.title })),
    reportData: (id) => controller.data(id) as Promise<{ sql: string; rows: Row[] }>,
    setFilters: (f) => controller.setFilters(f as FilterInput),
    filters: () => copyFilters(controller.current()),
    rendered: () => controller.rendered(),
    destroy() {
      window.removeEventListener('hashchange', onHash);
      controller.destroy();
      container.replaceChildren();
    },
  };
}

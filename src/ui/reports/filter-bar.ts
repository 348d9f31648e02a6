/**
 * The filter bar: a period preset and the date range, neighborhoods, datasets, types and
 * sources, a reset button, and chips listing the active filters (each removable). It reports user changes as partial
 * filter inputs; the controller owns the state and calls render() with the result.
 */
import { h, replace } from '../dom';
import { NEIGHBORHOODS } from '../../domain/neighborhoods';
import { DATASETS } from '../../domain/columns';
import { DATASET_LABELS } from '../../reports/messages';
import type { FilterInput, Filters } from '../../reports/filters';
import type { FilterOptions } from '../../reports/options';
import { PERIODS, periodOf, periodRange, type PeriodId } from '../../reports/periods';

/** The filter bar as the page drives it. */
export interface FilterBar {
  readonly el: HTMLElement;
  /** Shows `f` in the controls and chips. */
  render(f: Filters): void;
  /** Fills the type and source lists and the date bounds. */
  setOptions(o: FilterOptions): void;
}

type ListKey = 'neighborhoods' | 'types' | 'datasets' | 'sources';

const NAMES = new Map(NEIGHBORHOODS.map((n) => [n.slug, n.name]));

/** Said under each list: a plain click selects one item only. */
const MULTI_HINT = 'Ctrl/⌘-click for several';

function selected(select: HTMLSelectElement): string[] {
  return [...select.selectedOptions].map((o) => o.value);
}

/** Selects exactly `values`, adding options for values the list does not have yet. */
function select(el: HTMLSelectElement, values: readonly string[]): void {
  const want = new Set(values);
  // Only options whose state changes are touched: setting `selected` restyles the list.
  for (const o of el.options) if (o.selected !== want.has(o.value)) o.selected = !o.selected;
  for (const v of want) {
    if (![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v, selected: true }, v));
  }
}

/** Builds the filter bar; `onChange` gets each user change, `onReset` the reset button. */
export function createFilterBar(onChange: (input: FilterInput) => void, onReset: () => void): FilterBar {
  // Presets count back from the store's last day (setOptions); "Custom range" shows a range
  // that is none of them and cannot be chosen.
  const period = h(
    'select',
    { 'data-testid': 'filter-period', 'aria-label': 'Period' },
    PERIODS.map((p) => h('option', { value: p.id }, p.label)),
    h('option', { value: 'custom', disabled: true }, 'Custom range'),
  );
  let lastDay: string | undefined;
  const from = h('input', { type: 'date', 'data-testid': 'filter-from', 'aria-label': 'From date' });
  const to = h('input', { type: 'date', 'data-testid': 'filter-to', 'aria-label': 'To date' });
  const multi = (testid: string, label: string, size: number) =>
    h('select', { multiple: true, size, 'data-testid': testid, 'aria-label': label, 'aria-describedby': `${testid}-hint` });
  const lists: Record<ListKey, HTMLSelectElement> = {
    neighborhoods: multi('filter-neighborhoods', 'Neighborhoods', 6),
    datasets: multi('filter-datasets', 'Datasets', 2),
    types: multi('filter-types', 'Types', 6),
    sources: multi('filter-sources', '311 sources', 6),
  };
  replace(lists.neighborhoods, [...NEIGHBORHOODS].sort((a, b) => a.name.localeCompare(b.name)).map((n) => h('option', { value: n.slug }, n.name)));
  replace(lists.datasets, DATASETS.map((d) => h('option', { value: d }, DATASET_LABELS[d])));
  const chips = h('div', { class: 'lens-chips', 'data-testid': 'filter-chips', 'aria-live': 'polite' });
  const reset = h('button', { type: 'button', 'data-testid': 'filter-reset' }, 'Reset filters');
  let current: Filters | undefined;

  period.addEventListener('change', () => {
    const range = periodRange(period.value as PeriodId, lastDay);
    if (range) onChange(range);
  });
  from.addEventListener('change', () => onChange({ from: from.value || null }));
  to.addEventListener('change', () => onChange({ to: to.value || null }));
  for (const [key, el] of Object.entries(lists) as [ListKey, HTMLSelectElement][]) {
    el.addEventListener('change', () => onChange({ [key]: selected(el) }));
  }
  reset.addEventListener('click', onReset);

  const field = (label: string, control: HTMLElement) => h('label', { class: 'lens-filter' }, h('span', {}, label), control);
  const listField = (label: string, list: HTMLSelectElement) =>
    h('label', { class: 'lens-filter' }, h('span', {}, label), list, h('small', { id: list.getAttribute('aria-describedby'), class: 'lens-filter-hint' }, MULTI_HINT));
  const el = h(
    'form',
    { class: 'lens-filters', role: 'search', 'aria-label': 'Report filters', 'data-testid': 'filter-bar' },
    // The period above the two dates it sets: the bar keeps its width.
    h('div', { class: 'lens-filter-dates' }, field('Period', period), h('div', { class: 'lens-filter-dates-row' }, field('From', from), field('To', to))),
    listField('Neighborhoods', lists.neighborhoods),
    listField('Datasets', lists.datasets),
    listField('Types', lists.types),
    listField('311 sources', lists.sources),
    h('div', { class: 'lens-filter-actions' }, reset),
    chips,
  );
  el.addEventListener('submit', (e) => e.preventDefault());

  const chip = (label: string, remove: FilterInput) => {
    const b = h('button', { type: 'button', class: 'lens-chip', 'aria-label': `Remove filter ${label}` }, `${label} ×`);
    b.addEventListener('click', () => onChange(remove));
    return b;
  };

  return {
    el,
    render(f) {
      current = f;
      period.value = periodOf(f, lastDay);
      from.value = f.from ?? '';
      to.value = f.to ?? '';
      for (const key of Object.keys(lists) as ListKey[]) select(lists[key], f[key]);
      const without = (key: ListKey, v: string) => ({ [key]: (f[key] as string[]).filter((x) => x !== v) });
      replace(
        chips,
        f.from ? chip(`from ${f.from}`, { from: null }) : null,
        f.to ? chip(`to ${f.to}`, { to: null }) : null,
        f.neighborhoods.map((s) => chip(NAMES.get(s) ?? s, without('neighborhoods', s))),
        f.datasets.map((d) => chip(DATASET_LABELS[d], without('datasets', d))),
        f.types.map((t) => chip(`type: ${t}`, without('types', t))),
        f.sources.map((s) => chip(`source: ${s}`, without('sources', s))),
      );
    },
    setOptions(o) {
      const groups = DATASETS.map((d) =>
        h('optgroup', { label: DATASET_LABELS[d] }, o.types.filter((t) => t.dataset === d).map((t) => h('option', { value: t.value }, t.value))),
      );
      replace(lists.types, groups);
      replace(lists.sources, o.sources.map((s) => h('option', { value: s.value }, s.value)));
      lastDay = o.lastDay;
      // Without data there is no last day to count back from: only "All dates" is offered.
      for (const opt of period.options) if (opt.value !== 'custom') opt.disabled = !periodRange(opt.value as PeriodId, lastDay);
      for (const input of [from, to]) {
        input.min = o.firstDay ?? '';
        input.max = o.lastDay ?? '';
      }
      if (current) this.render(current);
    },
  };
}

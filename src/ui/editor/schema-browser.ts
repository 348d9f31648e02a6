/**
 * The schema browser: tables, views and temp tables with their columns, types and row counts.
 * Clicking a name inserts it into the editor; each table offers Preview and Summarize.
 */
import { sqlName, type SchemaModel, type SchemaTable } from '../../editor/schema-model';
import { rowsLabel } from '../../editor/format';
import { h, replace } from '../dom';

/** What clicks in the schema browser do. */
export interface SchemaBrowserActions {
  insert(text: string): void;
  preview(table: SchemaTable): void;
  summarize(table: SchemaTable): void;
}

/** The schema browser as the page uses it. */
export interface SchemaBrowser {
  readonly el: HTMLElement;
  show(model: SchemaModel): void;
  showError(message: string): void;
}

const KIND_LABEL: Record<SchemaTable['kind'], string> = { table: 'table', view: 'view', temp: 'temp table' };

function tableItem(t: SchemaTable, actions: SchemaBrowserActions, open: boolean): HTMLElement {
  const name = h('button', { type: 'button', class: 'link sql-schema-name', title: `Insert ${t.ref}`, 'aria-label': `Insert ${t.name}`, 'data-testid': 'schema-table' }, 'Insert');
  name.addEventListener('click', (e) => {
    e.preventDefault();
    actions.insert(t.ref);
  });
  const meta = t.rows === null ? KIND_LABEL[t.kind] : `${KIND_LABEL[t.kind]} · ${rowsLabel(t.rows)}`;
  const preview = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'schema-preview', title: `SELECT * FROM ${t.ref} LIMIT 100` }, 'Preview');
  const summarize = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'schema-summarize', title: `SUMMARIZE ${t.ref}` }, 'Summarize');
  const act = (fn: () => void) => (e: Event) => {
    e.preventDefault();
    fn();
  };
  preview.addEventListener('click', act(() => actions.preview(t)));
  summarize.addEventListener('click', act(() => actions.summarize(t)));
  const columns = t.columns.map((c) => {
    const b = h('button', { type: 'button', class: 'link sql-schema-col', title: `Insert ${c.name}` }, c.name);
    b.addEventListener('click', () => actions.insert(sqlName(c.name)));
    return h('li', {}, b, h('span', { class: 'sql-schema-type' }, c.type));
  });
  const details = h(
    'details',
    { class: 'sql-schema-table', 'data-table': t.name, open },
    // No controls inside <summary> (nested interactive elements): the actions open with the columns.
    h('summary', {}, h('span', { class: 'sql-schema-title' }, t.name), ' ', h('span', { class: 'sql-schema-meta' }, meta)),
    h('div', { class: 'sql-schema-actions' }, name, preview, summarize),
    h('ul', { class: 'sql-schema-cols' }, columns),
  );
  return details;
}

/** Creates the browser; `actions` are what clicks do. */
export function schemaBrowser(actions: SchemaBrowserActions): SchemaBrowser {
  const list = h('div', { class: 'sql-schema-list' }, h('p', { class: 'muted' }, 'Loading schema…'));
  const el = h('section', { class: 'sql-side-section', 'data-testid': 'schema-browser', 'aria-label': 'Schema' }, h('h3', {}, 'Schema'), list);
  return {
    el,
    show(model) {
      const open = new Set([...list.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.table));
      if (!model.tables.length) {
        replace(list, h('p', { class: 'muted' }, 'No tables yet.'));
        return;
      }
      replace(list, model.tables.map((t) => tableItem(t, actions, open.has(t.name))));
    },
    showError(message) {
      replace(list, h('p', { class: 'sql-inline-error' }, message));
    },
  };
}

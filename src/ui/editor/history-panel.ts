/** The history panel (searchable, click to restore) and the saved-queries panel. */
import { outcomeLabel, outcomeOf, type HistoryOutcome, type QueryHistory } from '../../editor/history';
import { MSG, replaceQuestion } from '../../editor/messages';
import type { SavedQueries } from '../../editor/saved';
import { h, replace } from '../dom';

/** The first line of SQL, shortened for a list. */
function summary(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > 90 ? `${one.slice(0, 89)}…` : one;
}

function when(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The class a history item adds for how its run ended (editor.css colours them). */
const ITEM_CLASS: Record<HistoryOutcome, string> = { ok: '', error: ' failed', cancelled: ' cancelled', refused: ' refused' };

/** History list with a search box; `restore` puts an entry's SQL in the editor. */
export function historyPanel(history: QueryHistory, restore: (sql: string) => void): { el: HTMLElement; refresh(): void } {
  const search = h('input', { type: 'search', placeholder: 'Search history', 'aria-label': 'Search history', 'data-testid': 'history-search' });
  const list = h('ol', { class: 'sql-history', 'data-testid': 'history' });
  const refresh = () => {
    const entries = history.search(search.value);
    const items = entries.slice(0, 100).map((e) => {
      const b = h(
        'button',
        { type: 'button', class: `sql-history-item${ITEM_CLASS[outcomeOf(e)]}`, title: e.sql, 'data-testid': 'history-item' },
        h('span', { class: 'sql-history-sql' }, summary(e.sql)),
        h('span', { class: 'sql-history-meta' }, `${when(e.at)} · ${outcomeLabel(e)}${e.ms !== undefined ? ` · ${Math.round(e.ms)} ms` : ''}`),
      );
      b.addEventListener('click', () => restore(e.sql));
      return h('li', {}, b);
    });
    replace(list, items.length ? items : h('li', { class: 'muted' }, search.value ? 'No match.' : 'No queries yet.'));
  };
  search.addEventListener('input', refresh);
  refresh();
  const el = h('section', { class: 'sql-side-section', 'aria-label': 'History' }, h('h3', {}, 'History'), search, list);
  return { el, refresh };
}

/** Saved queries: a name box that saves the editor's SQL, and the list (click to open, × to delete). */
export function savedPanel(saved: SavedQueries, current: () => string, open: (sql: string) => void): { el: HTMLElement } {
  const name = h('input', { type: 'text', placeholder: 'Name', 'aria-label': 'Saved query name', 'data-testid': 'save-name' });
  const save = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'save-query' }, 'Save');
  const note = h('p', { class: 'sql-inline-error', role: 'status', hidden: true });
  const list = h('ul', { class: 'sql-saved', 'data-testid': 'saved-queries' });
  const refresh = () => {
    const items = saved.list().map((q) => {
      const load = h('button', { type: 'button', class: 'link', title: q.sql, 'data-testid': 'saved-item' }, q.name);
      load.addEventListener('click', () => open(q.sql));
      const del = h('button', { type: 'button', class: 'link sql-saved-delete', 'aria-label': `Delete ${q.name}`, title: 'Delete' }, '×');
      del.addEventListener('click', () => {
        saved.remove(q.name);
        refresh();
      });
      return h('li', {}, load, del);
    });
    replace(list, items.length ? items : h('li', { class: 'muted' }, 'None yet.'));
  };
  // A save that would replace another query under the same name asks first: the button turns
  // into "Replace" for that name until it is pressed again or the name changes.
  let confirming: string | null = null;
  const setConfirming = (n: string | null) => {
    confirming = n;
    save.textContent = n === null ? 'Save' : 'Replace';
  };
  const say = (text: string | null) => {
    note.textContent = text ?? '';
    note.hidden = text === null;
  };
  const doSave = () => {
    const n = name.value.trim();
    const result = saved.save(n, current(), Date.now(), confirming === n && n !== '');
    setConfirming(null);
    if (result === 'exists') {
      setConfirming(n);
      say(replaceQuestion(n));
      return;
    }
    if (result !== 'saved') {
      say(result === 'blank' ? MSG.saveNeedsName : MSG.saveFull);
      return;
    }
    say(null);
    name.value = '';
    refresh();
  };
  save.addEventListener('click', doSave);
  name.addEventListener('input', () => {
    if (confirming === null) return;
    setConfirming(null);
    say(null);
  });
  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') doSave();
  });
  refresh();
  const el = h('section', { class: 'sql-side-section', 'aria-label': 'Saved queries' }, h('h3', {}, 'Saved queries'), h('div', { class: 'sql-save-row' }, name, save), note, list);
  return { el };
}

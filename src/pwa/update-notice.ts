/**
 * The "a new version is available" notice: a polite status banner with a Reload button. Built
 * with the text-only element helper, like every other piece of the page.
 */
import { h } from '../ui/dom';
import type { ApplyUpdate } from './register';

export const UPDATE_TEXT = 'A new version of Denver Lens is available.';

/** Shows the notice once (at the top of `parent`); Reload applies the update. */
export function showUpdateNotice(apply: ApplyUpdate, parent: HTMLElement = document.body): HTMLElement {
  const existing = parent.querySelector<HTMLElement>('[data-testid=update-notice]');
  if (existing) return existing;
  const reload = h('button', { type: 'button', 'data-testid': 'update-reload' }, 'Reload');
  const later = h('button', { type: 'button', class: 'secondary', 'data-testid': 'update-dismiss' }, 'Not now');
  const notice = h(
    'div',
    { class: 'banner update-notice', role: 'status', 'aria-live': 'polite', 'data-testid': 'update-notice' },
    h('span', {}, `${UPDATE_TEXT} `),
    reload,
    ' ',
    later,
  );
  reload.addEventListener('click', () => {
    reload.disabled = true;
    reload.textContent = 'Reloading…';
    void apply().catch(() => location.reload());
  });
  later.addEventListener('click', () => notice.remove());
  parent.prepend(notice);
  return notice;
}

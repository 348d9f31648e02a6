/**
 * The load progress bar: bytes, rows, rows/s and the current stage, with a Cancel button.
 */
import type { Progress } from '../../ingest/protocol';
import { fmtBytes, fmtInt, h, replace } from '../dom';

const STAGE_LABEL: Record<Progress['stage'], string> = {
  fetch: 'Downloading',
  unzip: 'Unzipping',
  parse: 'Parsing and normalizing',
  stage: 'Staging',
  merge: 'Merging into the store',
  done: 'Done',
};

export interface ProgressView {
  readonly el: HTMLElement;
  start(label: string, onCancel: () => void): void;
  update(p: Progress): void;
  /** Ends the load: the label says how it ended (the load message beside it gives the details). */
  finish(end: LoadEnd): void;
}

/** How a load ended. */
export type LoadEnd = 'done' | 'failed' | 'cancelled';

const END_LABEL: Record<LoadEnd, string> = { done: 'done', failed: 'failed', cancelled: 'cancelled, nothing was written' };

export function progressView(): ProgressView {
  const bar = h('progress', { max: 1, value: 0, 'data-testid': 'progress-bar', 'aria-label': 'Load progress' });
  const label = h('div', { class: 'progress-label', 'data-testid': 'progress-label', role: 'status', 'aria-live': 'polite' });
  const detail = h('div', { class: 'progress-detail', 'data-testid': 'progress-detail' });
  const cancel = h('button', { type: 'button', 'data-testid': 'cancel-load', class: 'secondary' }, 'Cancel');
  const el = h('section', { class: 'progress', hidden: true, 'data-testid': 'progress', 'aria-label': 'Load progress' }, label, bar, detail, cancel);
  let t0 = 0;
  let title = '';
  let onCancel = () => undefined as void;
  cancel.addEventListener('click', () => onCancel());
  return {
    el,
    start(text, cancelFn) {
      title = text;
      t0 = performance.now();
      onCancel = cancelFn;
      el.hidden = false;
      el.dataset.state = 'running';
      cancel.disabled = false;
      cancel.hidden = false;
      bar.removeAttribute('value');
      replace(label, `${title}: starting…`);
      replace(detail, '');
    },
    update(p) {
      if (p.bytesTotal) bar.value = Math.min(1, p.bytesRead / p.bytesTotal);
      else bar.removeAttribute('value');
      if (p.stage === 'merge') bar.removeAttribute('value');
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 0 ? p.rows / secs : 0;
      replace(label, `${title}: ${STAGE_LABEL[p.stage]}`);
      replace(
        detail,
        `${fmtBytes(p.bytesRead)}${p.bytesTotal ? ` of ${fmtBytes(p.bytesTotal)}` : ''} · ${fmtInt(p.rows)} rows · ${fmtInt(rate)} rows/s` +
          (p.rejected ? ` · ${fmtInt(p.rejected)} rejected` : ''),
      );
    },
    finish(end) {
      el.dataset.state = end;
      cancel.disabled = true;
      cancel.hidden = true;
      if (end === 'done') bar.value = 1;
      else if (!bar.hasAttribute('value')) bar.value = 0;
      replace(label, `${title}: ${END_LABEL[end]}`);
    },
  };
}

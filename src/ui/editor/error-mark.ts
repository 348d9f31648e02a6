/** The underline at the position of DuckDB's last error, cleared when the text changes. */
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** Sets (or, with null, clears) the error range. */
export const setErrorMark = StateEffect.define<{ from: number; to: number; message: string } | null>();

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks;
    for (const e of tr.effects) {
      if (!e.is(setErrorMark)) continue;
      if (!e.value) {
        next = Decoration.none;
        continue;
      }
      const len = tr.state.doc.length;
      const from = Math.max(0, Math.min(e.value.from, len));
      const to = Math.max(from, Math.min(e.value.to, len));
      const line = tr.state.doc.lineAt(from);
      const ranges = [Decoration.line({ class: 'cm-sql-error-line' }).range(line.from)];
      if (to > from) {
        ranges.push(
          Decoration.mark({ class: 'cm-sql-error', attributes: { title: e.value.message } }).range(from, to),
        );
      }
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The extension that draws the error underline. */
export function errorMarks(): Extension {
  return [
    field,
    EditorView.baseTheme({
      '.cm-sql-error': {
        textDecoration: 'underline wavy #d32f2f',
        textUnderlineOffset: '3px',
        backgroundColor: 'rgba(211, 47, 47, 0.12)',
      },
      '.cm-sql-error-line': { backgroundColor: 'rgba(211, 47, 47, 0.06)' },
    }),
  ];
}

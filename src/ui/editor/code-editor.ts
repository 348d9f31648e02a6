/**
 * The CodeMirror 6 editor: DuckDB dialect, schema-aware completion, bracket matching,
 * Ctrl/Cmd+Enter (statement under the cursor or the selection) and Shift+Ctrl/Cmd+Enter (whole
 * script), Shift+Alt+F (Format); Tab indents, and Escape then Tab leaves the editor
 * (CodeMirror's tab focus mode). The `.cm-editor` element carries data-testid="sql-editor".
 */
import { closeCompletion } from '@codemirror/autocomplete';
import { indentWithTab, isolateHistory } from '@codemirror/commands';
import { schemaCompletionSource, sql } from '@codemirror/lang-sql';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import type { FunctionInfo } from '../../editor/schema-load';
import { formatRange } from '../../editor/sql-format';
import type { SchemaModel } from '../../editor/schema-model';
import { columnSource, cteColumnSource, cteSource, functionSource, outsideStrings, schemaNamespace } from './completion';
import { DuckDB } from './dialect';
import { errorMarks, setErrorMark } from './error-mark';

/**
 * Token colors from CSS variables (styles.css), so one style reads in the light and the dark
 * scheme: CodeMirror's default style is made for light backgrounds (its purple keywords read at
 * 1.3:1 on the dark panel).
 */
const HIGHLIGHT = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--sql-keyword)' },
  { tag: [t.atom, t.bool, t.null], color: 'var(--sql-atom)' },
  { tag: [t.number, t.literal], color: 'var(--sql-number)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--sql-string)' },
  { tag: [t.typeName, t.standard(t.name)], color: 'var(--sql-type)' },
  { tag: t.comment, color: 'var(--sql-comment)', fontStyle: 'italic' },
  { tag: t.invalid, color: 'var(--err-fg)' },
]);

/** Tells CodeMirror's own themes (gutters, active line, selection, tooltips) the page's scheme. */
const DARK = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
const schemeTheme = () => EditorView.darkTheme.of(!!DARK?.matches);

/** What the editor's keys do. */
export interface CodeEditorOptions {
  readonly doc?: string;
  /** Ctrl/Cmd+Enter. */
  readonly onRunCurrent: () => void;
  /** Shift+Ctrl/Cmd+Enter. */
  readonly onRunAll: () => void;
  /** After every change of the text, with the new text. */
  readonly onChange?: (doc: string) => void;
  /** Id of the element that lists the editor's keys (aria-describedby). */
  readonly describedBy?: string;
}

/** The editor as the page uses it. */
export interface CodeEditor {
  readonly view: EditorView;
  getDoc(): string;
  /** Replaces the text and puts the cursor at its end, as one step of its own that Ctrl/Cmd+Z undoes. */
  setDoc(text: string): void;
  /** The main selection's range (from === to when nothing is selected). */
  selection(): { from: number; to: number };
  /** Formats the lines of the selection, or the whole text, as one step Ctrl/Cmd+Z undoes. */
  format(): void;
  /** Inserts text at the cursor (replacing the selection). */
  insert(text: string): void;
  setSchema(model: SchemaModel): void;
  setFunctions(fns: readonly FunctionInfo[]): void;
  markError(range: { from: number; to: number } | null, message?: string): void;
  focus(): void;
  destroy(): void;
}

/** Creates the editor inside `parent`. */
export function createCodeEditor(parent: HTMLElement, options: CodeEditorOptions): CodeEditor {
  let model: SchemaModel | null = null;
  let functions: readonly FunctionInfo[] = [];
  const language = new Compartment();
  // lang-sql's table and `table.column` completion, kept out of strings and comments (its
  // keyword completion already is).
  const langFor = (m: SchemaModel | null) => {
    const base = sql({ dialect: DuckDB, upperCaseKeywords: true });
    if (!m) return base;
    const tables = schemaCompletionSource({ dialect: DuckDB, upperCaseKeywords: true, schema: schemaNamespace(m) });
    return [base, DuckDB.language.data.of({ autocomplete: outsideStrings(tables) })];
  };
  const run = (fn: () => void) => (v: EditorView) => {
    closeCompletion(v);
    fn();
    return true;
  };

  const scheme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc ?? '',
      selection: EditorSelection.cursor((options.doc ?? '').length),
      extensions: [
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: run(options.onRunCurrent) },
            { key: 'Ctrl-Enter', run: run(options.onRunCurrent) },
            { key: 'Shift-Mod-Enter', run: run(options.onRunAll) },
            { key: 'Shift-Ctrl-Enter', run: run(options.onRunAll) },
            { key: 'Shift-Alt-f', run: run(() => format()) },
          ]),
        ),
        basicSetup,
        syntaxHighlighting(HIGHLIGHT),
        scheme.of(schemeTheme()),
        keymap.of([indentWithTab]),
        language.of(langFor(null)),
        DuckDB.language.data.of({ autocomplete: columnSource(() => model) }),
        DuckDB.language.data.of({ autocomplete: functionSource(() => functions) }),
        DuckDB.language.data.of({ autocomplete: cteSource() }),
        DuckDB.language.data.of({ autocomplete: cteColumnSource(() => model) }),
        errorMarks(),
        placeholder('Write SQL here. Ctrl/Cmd+Enter runs the statement under the cursor; Shift+Ctrl/Cmd+Enter runs all.'),
        EditorView.editorAttributes.of({ 'data-testid': 'sql-editor' }),
        EditorView.contentAttributes.of({
          'aria-label': 'SQL editor',
          ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
        }),
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange?.(u.state.doc.toString());
        }),
      ],
    }),
  });

  function format(): void {
    const { main } = view.state.selection;
    const r = formatRange(view.state.doc.toString(), main.from, main.to);
    if (!r) return;
    view.dispatch({
      changes: { from: r.from, to: r.to, insert: r.text },
      selection: EditorSelection.cursor(r.from + r.text.length),
      // Offsets of the old text no longer point at the error.
      effects: setErrorMark.of(null),
      // Never merged with the typing before or after it: one undo brings the old text back.
      annotations: isolateHistory.of('full'),
      userEvent: 'input.format',
      scrollIntoView: true,
    });
  }

  // The scheme can change while the page is open (a system switching to dark at dusk).
  const onScheme = () => view.dispatch({ effects: scheme.reconfigure(schemeTheme()) });
  DARK?.addEventListener('change', onScheme);

  return {
    view,
    getDoc: () => view.state.doc.toString(),
    setDoc(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(text.length),
        effects: setErrorMark.of(null),
        // Never merged with the typing before or after it: one undo brings the old text back.
        annotations: isolateHistory.of('full'),
        userEvent: 'input.replace',
      });
    },
    format,
    selection() {
      const r = view.state.selection.main;
      return { from: r.from, to: r.to };
    },
    insert(text) {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    },
    setSchema(m) {
      model = m;
      view.dispatch({ effects: language.reconfigure(langFor(m)) });
    },
    setFunctions(fns) {
      functions = fns;
    },
    markError(range, message = '') {
      view.dispatch({ effects: setErrorMark.of(range ? { ...range, message } : null) });
      if (range) view.dispatch({ effects: EditorView.scrollIntoView(Math.min(range.from, view.state.doc.length)) });
    },
    focus: () => view.focus(),
    destroy: () => {
      DARK?.removeEventListener('change', onScheme);
      view.destroy();
    },
  };
}

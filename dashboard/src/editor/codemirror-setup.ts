/** CodeMirror 6 set up for plan documents: Markdown (with GFM tables) highlighted, history, tables kept aligned. */
import { type ChangeSet, type ChangeSpec, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { tags } from '@lezer/highlight';
import { alignTableAt } from './markdown-tables.js';

/** Colours with at least 4.5:1 contrast on white (WCAG AA). */
const planHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.3em' },
  { tag: tags.heading2, fontWeight: '700', fontSize: '1.15em' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: '#1d4ed8', textDecoration: 'underline' },
  { tag: tags.monospace, fontFamily: 'ui-monospace, monospace', color: '#9a3412' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: '#57606a' },
  { tag: tags.quote, color: '#374151', fontStyle: 'italic' },
]);

/**
 * When the cursor leaves a table (or the editor loses focus), that table is re-aligned: cells are
 * padded so columns line up. Aligning while the person types in it would move the text under them.
 */
function alignTablesOnLeave(): Extension {
  let lastPos: number | null = null;
  const alignAround = (view: EditorView, pos: number): void => {
    const line = view.state.doc.lineAt(Math.min(pos, view.state.doc.length)).number - 1;
    const text = view.state.doc.toString();
    const aligned = alignTableAt(text, line);
    if (!aligned) return;
    const from = view.state.doc.line(aligned.from + 1).from;
    const to = view.state.doc.line(aligned.to).to;
    if (view.state.sliceDoc(from, to) === aligned.text) return;
    const change: ChangeSpec = { from, to, insert: aligned.text };
    queueMicrotask(() => view.dispatch({ changes: change, userEvent: 'input.align' }));
  };
  const inTable = (state: EditorState, pos: number, other: number) => {
    const range = alignTableAt(state.doc.toString(), state.doc.lineAt(pos).number - 1);
    if (!range) return false;
    const line = state.doc.lineAt(other).number - 1;
    return line >= range.from && line < range.to;
  };
  return [
    EditorView.updateListener.of((update) => {
      if (update.transactions.some((tr) => tr.isUserEvent('input.align'))) {
        lastPos = update.state.selection.main.head;
        return;
      }
      const head = update.state.selection.main.head;
      if (lastPos !== null) {
        const mapped = update.changes.mapPos(lastPos);
        if (update.selectionSet && !inTable(update.state, mapped, head)) alignAround(update.view, mapped);
      }
      lastPos = head;
    }),
    EditorView.domEventHandlers({
      blur: (_event, view) => {
        if (lastPos !== null) alignAround(view, view.state.selection.main.head);
      },
    }),
  ];
}

export interface EditorSetup {
  doc: string;
  readOnly: boolean;
  /** Nonce for the `<style>` elements CodeMirror adds (the page's CSP allows no other inline style). */
  nonce: string;
  label: string;
  onChange: (update: { remote: boolean }, changes: ChangeSet) => void;
  /** More behaviour (the mark on others' merged changes). */
  extensions?: Extension[];
}

export function createEditor(parent: HTMLElement, setup: EditorSetup): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: setup.doc,
      extensions: [
        EditorView.cspNonce.of(setup.nonce),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(planHighlight),
        keymap.of([...markdownKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorState.readOnly.of(setup.readOnly),
        EditorView.contentAttributes.of({ 'aria-label': setup.label, 'aria-multiline': 'true' }),
        alignTablesOnLeave(),
        ...(setup.extensions ?? []),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          setup.onChange({ remote: update.transactions.every((tr) => tr.isUserEvent('remote')) }, update.changes);
        }),
      ],
    }),
  });
}

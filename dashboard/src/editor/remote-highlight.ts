/**
 * Someone else's change, merged into this editor, is marked for a moment with their name (issue
 * 22.6): the changed lines get a tint and the first of them a label, so a person sees what moved
 * under them and who moved it. The label is drawn by CSS from a data attribute (no inline style, so
 * the page's CSP holds); the save state line says the same in words for screen readers.
 */
import { type ChangeSet, type EditorState, type Extension, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';

/** How long a merged change stays marked. */
export const MARK_MS = 4000;

const mark = StateEffect.define<{ lines: number[]; by: string } | null>();

function decorations(state: EditorState, lines: number[], by: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  [...new Set(lines)]
    .sort((a, b) => a - b)
    .forEach((number, i) => {
      if (number < 1 || number > state.doc.lines) return;
      const attributes: Record<string, string> = i === 0 ? { 'data-by': by } : {};
      builder.add(state.doc.line(number).from, state.doc.line(number).from, Decoration.line({ class: 'cm-remote-change', attributes }));
    });
  return builder.finish();
}

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(mark)) next = effect.value ? decorations(tr.state, effect.value.lines, effect.value.by) : Decoration.none;
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export const remoteHighlight: Extension = field;

/** Marks the lines `changes` (already applied) touched, as `by`'s, and unmarks them after a moment. */
export function markRemoteChange(view: EditorView, changes: ChangeSet, by: string): void {
  const lines: number[] = [];
  changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
    const first = view.state.doc.lineAt(Math.min(fromB, view.state.doc.length)).number;
    const last = view.state.doc.lineAt(Math.min(Math.max(toB - 1, fromB), view.state.doc.length)).number;
    for (let line = first; line <= last; line++) lines.push(line);
  });
  if (!lines.length) return;
  view.dispatch({ effects: mark.of({ lines, by }) });
  setTimeout(() => view.dispatch({ effects: mark.of(null) }), MARK_MS);
}

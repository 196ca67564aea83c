/**
 * The local document editor (/docs/{id}): CodeMirror with Markdown beside a live preview, the two
 * weekly edits as controls, autosave with a visible state, a choice only on a real conflict, and
 * who else has the document open. Built by dashboard/build.mjs into /editor/editor.js.
 */
import type { EditorView } from '@codemirror/view';
import { createEditor } from './codemirror-setup.js';
import { askToChoose } from './conflict-panel.js';
import { documentSync, type SaveState } from './document-sync.js';
import { appendProgressEntry, setActivityStatus } from './markdown-tables.js';
import { renderPreview } from './preview.js';
import { startPresence } from './presence.js';
import { lineChanges } from './text-changes.js';

const app = document.getElementById('editor-app') as HTMLElement;
const textarea = document.getElementById('markdown') as HTMLTextAreaElement;
const stateLine = document.getElementById('save-state') as HTMLElement;
const preview = document.getElementById('preview') as HTMLElement;
const form = document.getElementById('entry-form') as HTMLFormElement;
const planId = app.dataset.planId as string;
const readOnly = app.hasAttribute('data-closed');

const STATE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
  conflict: 'Not saved: choose below',
};

function showState(state: SaveState, message?: string): void {
  stateLine.dataset.state = state;
  stateLine.textContent = message ?? STATE_TEXT[state];
}

let previewQueued = false;
function refreshPreview(view: EditorView): void {
  if (previewQueued) return;
  previewQueued = true;
  requestAnimationFrame(() => {
    previewQueued = false;
    renderPreview(preview, view.state.doc.toString(), { readOnly, setStatus: (row, status) => edit(view, (text) => setActivityStatus(text, row, status)) });
  });
}

/** A control's edit: applied as the few lines it changes (undo works), then saved at once. */
function edit(view: EditorView, change: (text: string) => string): void {
  const before = view.state.doc.toString();
  const changes = lineChanges(before, change(before));
  if (!changes.length) return;
  view.dispatch({ changes, userEvent: 'input.control' });
  void sync.saveNow();
}

const source = document.getElementById('source') as HTMLElement;
textarea.hidden = true;
const view = createEditor(source, {
  doc: textarea.value,
  readOnly,
  nonce: document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? '',
  label: 'Plan document, Markdown',
  onChange: (change, changes) => {
    sync.changed(change, changes);
    refreshPreview(view);
  },
});
textarea.remove();

const sync = documentSync({
  planId,
  view,
  saved: { markdown: view.state.doc.toString(), version: app.dataset.version as string },
  onState: showState,
  onConflict: ({ base, mine, current }) => askToChoose({ base, mine, theirs: current.markdown }),
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const update = String(data.get('update') ?? '').trim();
  if (!update) return;
  edit(view, (text) => appendProgressEntry(text, { date: String(data.get('date')), update, by: app.dataset.by as string }));
  (form.elements.namedItem('update') as HTMLInputElement).value = '';
});

// Leaving with unsaved text asks first: nothing a person wrote should vanish with a closed tab.
window.addEventListener('beforeunload', (event) => {
  if (sync.dirty()) event.preventDefault();
});

startPresence({ planId, target: document.getElementById('presence') as HTMLElement, onVersion: (version) => sync.seen(version) });
refreshPreview(view);

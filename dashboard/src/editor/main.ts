/**
 * The local document editor (/docs/{id}): CodeMirror with Markdown beside a live preview, the two
 * weekly edits as controls, autosave with a visible state, a choice only on a real conflict, and
 * who else has the document open. Built by dashboard/build.mjs into /editor/editor.js.
 */
import { EditorView } from '@codemirror/view';
import { createEditor } from './codemirror-setup.js';
import { askToChoose } from './conflict-panel.js';
import { documentSync, type SaveState } from './document-sync.js';
import { appendProgressEntry, setActivityStatus } from './markdown-tables.js';
import { renderPreview } from './preview.js';
import { startPresence } from './presence.js';
import { lineChanges } from './text-changes.js';
import { setUpPaneTabs } from './pane-tabs.js';
import { markRemoteChange, remoteHighlight } from './remote-highlight.js';

const app = document.getElementById('editor-app') as HTMLElement;
const textarea = document.getElementById('markdown') as HTMLTextAreaElement;
const stateLine = document.getElementById('save-state') as HTMLElement;
const preview = document.getElementById('preview') as HTMLElement;
const form = document.getElementById('entry-form') as HTMLFormElement;
/** Others' merged changes and replaced lines, in words (a polite live region). */
const announce = document.getElementById('remote-news') as HTMLElement;
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
/** After "Add entry": the new row is brought into view once the preview shows it, and marked for a moment (through redraws). */
let newEntry: { until: number; scrolled: boolean } | null = null;
function refreshPreview(view: EditorView): void {
  if (previewQueued) return;
  previewQueued = true;
  requestAnimationFrame(() => {
    previewQueued = false;
    renderPreview(preview, view.state.doc.toString(), { readOnly, setStatus: (row, status) => edit(view, (text) => setActivityStatus(text, row, status)) });
    if (newEntry) markNewEntry(view);
  });
}

function markNewEntry(view: EditorView): void {
  if (!newEntry || Date.now() > newEntry.until) {
    newEntry = null;
    return;
  }
  const log = [...preview.querySelectorAll('table')]
    .filter((table) => [...(table.tHead?.rows[0]?.cells ?? [])].some((cell) => /^update$/i.test(cell.textContent?.trim() ?? '')))
    .pop();
  const rows = log?.tBodies[0]?.rows;
  const row = rows?.[rows.length - 1];
  if (!row) return;
  row.classList.add('just-added');
  if (!newEntry.scrolled) row.scrollIntoView({ block: 'nearest' });
  newEntry.scrolled = true;
  const until = newEntry.until;
  setTimeout(() => {
    row.classList.remove('just-added');
    if (newEntry?.until === until) refreshPreview(view);
  }, until - Date.now());
}

/** A control's edit: applied as the few lines it changes (undo works), then saved at once; the editor scrolls to it. */
function edit(view: EditorView, change: (text: string) => string): void {
  const before = view.state.doc.toString();
  const changes = lineChanges(before, change(before));
  if (!changes.length) return;
  const transaction = view.state.update({ changes, userEvent: 'input.control' });
  let end = 0;
  transaction.changes.iterChangedRanges((_fromA, _toA, _fromB, toB) => (end = toB));
  view.dispatch(transaction);
  view.dispatch({ effects: EditorView.scrollIntoView(Math.min(end, view.state.doc.length), { y: 'nearest' }) });
  void sync.saveNow();
}

const source = document.getElementById('source') as HTMLElement;
textarea.hidden = true;
const view = createEditor(source, {
  doc: textarea.value,
  readOnly,
  nonce: document.querySelector<HTMLMetaElement>('meta[name="style-nonce"]')?.content ?? '',
  label: 'Plan document, Markdown',
  extensions: [remoteHighlight],
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
  onConflict: ({ base, mine, current, by }) => askToChoose({ base, mine, theirs: current.markdown, by }),
  onRemote: (changes, by) => {
    markRemoteChange(view, changes, by ?? 'Someone else');
    announce.textContent = `${by ?? 'Someone else'}'s change was merged in (marked for a moment).`;
  },
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const update = String(data.get('update') ?? '').trim();
  if (!update) return;
  newEntry = { until: Date.now() + 2500, scrolled: false };
  edit(view, (text) => appendProgressEntry(text, { date: String(data.get('date')), update, by: app.dataset.by as string }));
  (form.elements.namedItem('update') as HTMLInputElement).value = '';
});

// Leaving with unsaved text asks first: nothing a person wrote should vanish with a closed tab.
window.addEventListener('beforeunload', (event) => {
  if (sync.dirty()) event.preventDefault();
});

setUpPaneTabs();
startPresence({
  planId,
  target: document.getElementById('presence') as HTMLElement,
  onVersion: (version, by) => sync.seen(version, by),
  onReplaced: (names) => {
    const replaced = document.getElementById('replaced') as HTMLElement;
    replaced.hidden = false;
    replaced.textContent = `${names.join(' and ')} chose to keep their own lines where you had both edited the same lines: your text there was replaced (their lines are marked below for a moment).`;
  },
});
refreshPreview(view);

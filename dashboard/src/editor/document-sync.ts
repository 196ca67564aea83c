/**
 * Autosave and staying current. Edits are saved a moment after typing stops, against the version
 * they started from; the service merges others' edits to other lines (the answer then carries them,
 * and they are applied around whatever was typed meanwhile). Edits to the same lines come back as a
 * 409 with the current text: the person chooses (conflict-panel.ts). An idle page picks up others'
 * saves from the heartbeat's version.
 */
import { ChangeSet, type Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { lineChanges } from './text-changes.js';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

export interface Saved {
  markdown: string;
  version: string;
}

export interface SyncOptions {
  planId: string;
  view: EditorView;
  saved: Saved;
  onState(state: SaveState, message?: string): void;
  /** Same lines changed by someone else (`by`, when the service knows): the text to save next against `current`, and whether the person kept their own lines. */
  onConflict(conflict: { base: string; mine: string; current: Saved; by: string | null }): Promise<{ text: string; keptMine: boolean }>;
  /** Someone else's saved change came into the editor (`changes`, applied): whose, when known. */
  onRemote?(changes: ChangeSet, by: string | null): void;
}

/** Typing pauses shorter than this do not save. */
const DEBOUNCE_MS = 1200;
const RETRY_MS = 10_000;

export function documentSync(options: SyncOptions) {
  const { view } = options;
  const url = `/api/plans/${encodeURIComponent(options.planId)}/document`;
  let saved = options.saved;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let paused = false;
  /** Local edits made while a save is on its way (offsets in the text that was sent, then onwards). */
  let sinceSend: ChangeSet | null = null;

  const dirty = () => view.state.doc.toString() !== saved.markdown;
  const report = () => options.onState(dirty() ? 'unsaved' : 'saved');

  /** Apply `changes` (offsets in the text `of`) to the editor, around local edits made since `of`. */
  function applyRemote(of: Text, changes: ReturnType<typeof lineChanges>, localSince: ChangeSet | null, by: string | null) {
    if (!changes.length) return;
    let remote = ChangeSet.of(changes, of.length);
    if (localSince) remote = remote.map(localSince);
    view.dispatch({ changes: remote, userEvent: 'remote' });
    options.onRemote?.(remote, by);
  }
  /** After "Keep my lines": the next save tells the service, so the other person hears their lines were replaced. */
  let keptMine = false;

  async function save(): Promise<void> {
    clearTimeout(timer);
    if (inFlight || paused || !dirty()) return report();
    inFlight = true;
    const sentDoc = view.state.doc;
    const sent = sentDoc.toString();
    sinceSend = ChangeSet.empty(sent.length);
    options.onState('saving');
    try {
      const response = await fetch(url, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ markdown: sent, baseVersion: saved.version, ...(keptMine ? { keptMine } : {}) }),
      });
      const body = (await response.json().catch(() => null)) as
        | (Saved & { mergedWith?: { name: string }[]; error?: { code: string; message: string }; current?: Saved; by?: { name: string } | null })
        | null;
      const localSince = sinceSend;
      sinceSend = null;
      inFlight = false;
      if (response.ok && body) {
        saved = { markdown: body.markdown, version: body.version };
        keptMine = false;
        // Others' edits the service merged in: into the editor, around what was typed since sending.
        const names = (body.mergedWith ?? []).map((who) => who.name);
        applyRemote(sentDoc, lineChanges(sent, body.markdown), localSince, names.length ? names.join(', ') : null);
      } else if (response.status === 409 && body?.error?.code === 'edit_conflict' && body.current) {
        paused = true;
        options.onState('conflict', body.error.message);
        const resolved = await options.onConflict({ base: saved.markdown, mine: view.state.doc.toString(), current: body.current, by: body.by?.name ?? null });
        saved = body.current;
        paused = false;
        keptMine = resolved.keptMine;
        view.dispatch({ changes: lineChanges(view.state.doc.toString(), resolved.text), userEvent: 'input.resolve' });
        return save();
      } else {
        options.onState(
          'error',
          `Not saved: ${body?.error?.message ?? `the service answered ${response.status}`}. Your text is still here; it is saved again when you type, or in a few seconds.`,
        );
        timer = setTimeout(save, RETRY_MS);
        return;
      }
    } catch {
      inFlight = false;
      sinceSend = null;
      options.onState('error', 'Not saved: the service cannot be reached. Your text is still here; saving again in a few seconds.');
      timer = setTimeout(save, RETRY_MS);
      return;
    }
    if (dirty()) schedule();
    else report();
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(save, DEBOUNCE_MS);
  }

  return {
    /** Every editor change goes through here. */
    changed(change: { remote: boolean }, changes?: ChangeSet): void {
      if (sinceSend && changes) sinceSend = sinceSend.compose(changes);
      if (change.remote) return report();
      if (!paused) options.onState('unsaved');
      schedule();
    },
    /** Save now (after a control's edit). */
    saveNow: () => save(),
    dirty,
    /** The heartbeat saw this version (saved by `by`, when known): when it is new and nothing is pending here, load it. */
    async seen(version: string, by: string | null = null): Promise<void> {
      if (version === saved.version || inFlight || paused || dirty()) return;
      const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok || inFlight || dirty()) return;
      const current = (await response.json()) as Saved;
      const before = view.state.doc;
      saved = current;
      applyRemote(before, lineChanges(before.toString(), current.markdown), null, by);
      report();
    },
  };
}

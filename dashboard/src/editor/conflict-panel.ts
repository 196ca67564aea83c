/**
 * When someone else changed the same lines: both versions of each such place side by side, and one
 * choice for all of them, naming the other person. Everything the two people changed elsewhere is
 * kept either way; choosing "Keep my lines" tells the other person (at their next heartbeat) that
 * their lines there were replaced.
 */
import { type MergePart, conflictParts, resolveParts } from './text-changes.js';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function version(label: string, lines: string[]): HTMLElement {
  const figure = document.createElement('figure');
  const caption = document.createElement('figcaption');
  caption.textContent = label;
  const pre = document.createElement('pre');
  pre.textContent = lines.join('\n') || '(these lines removed)';
  pre.tabIndex = 0;
  figure.append(caption, pre);
  return figure;
}

/** `by`: who saved the other version, when the service knows; the panel names them. */
export function askToChoose(conflict: { base: string; mine: string; theirs: string; by: string | null }): Promise<{ text: string; keptMine: boolean }> {
  const panel = $('conflict');
  const blocks = $('conflict-blocks');
  const parts: MergePart[] = conflictParts(conflict.base, conflict.mine, conflict.theirs);
  blocks.replaceChildren(
    ...parts
      .filter((part) => !('ok' in part))
      .map((part, i) => {
        const pair = document.createElement('div');
        pair.className = 'conflict-pair';
        pair.setAttribute('role', 'group');
        pair.setAttribute('aria-label', `Place ${i + 1} changed by both`);
        if (!('ok' in part)) pair.append(version('Your lines', part.mine), version(conflict.by ? `${conflict.by}'s lines (saved)` : 'Their lines (saved)', part.theirs));
        return pair;
      }),
  );
  $('conflict-title').textContent = `${conflict.by ?? 'Someone else'} changed the same lines`;
  $('keep-theirs').textContent = conflict.by ? `Keep ${conflict.by}'s lines` : 'Keep their lines';
  panel.hidden = false;
  $('conflict-title').focus();
  return new Promise((resolve) => {
    const choose = (keep: 'mine' | 'theirs') => () => {
      panel.hidden = true;
      mine.removeEventListener('click', keepMine);
      theirs.removeEventListener('click', keepTheirs);
      resolve({ text: resolveParts(parts, keep), keptMine: keep === 'mine' });
    };
    const mine = $('keep-mine');
    const theirs = $('keep-theirs');
    const keepMine = choose('mine');
    const keepTheirs = choose('theirs');
    mine.addEventListener('click', keepMine);
    theirs.addEventListener('click', keepTheirs);
  });
}

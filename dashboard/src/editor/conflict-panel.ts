/**
 * When someone else changed the same lines: both versions of each such place side by side, and one
 * choice for all of them. Everything the two people changed elsewhere is kept either way.
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

export function askToChoose(conflict: { base: string; mine: string; theirs: string }): Promise<string> {
  const panel = $('conflict');
  const blocks = $('conflict-blocks');
  const parts: MergePart[] = conflictParts(conflict.base, conflict.mine, conflict.theirs);
  blocks.replaceChildren(
    ...parts.filter((part) => !('ok' in part)).map((part, i) => {
      const pair = document.createElement('div');
      pair.className = 'conflict-pair';
      pair.setAttribute('role', 'group');
      pair.setAttribute('aria-label', `Place ${i + 1} changed by both`);
      if (!('ok' in part)) pair.append(version('Your lines', part.mine), version('Their lines (saved)', part.theirs));
      return pair;
    }),
  );
  panel.hidden = false;
  $('conflict-title').focus();
  return new Promise((resolve) => {
    const choose = (keep: 'mine' | 'theirs') => () => {
      panel.hidden = true;
      mine.removeEventListener('click', keepMine);
      theirs.removeEventListener('click', keepTheirs);
      resolve(resolveParts(parts, keep));
    };
    const mine = $('keep-mine');
    const theirs = $('keep-theirs');
    const keepMine = choose('mine');
    const keepTheirs = choose('theirs');
    mine.addEventListener('click', keepMine);
    theirs.addEventListener('click', keepTheirs);
  });
}

/**
 * Turning one text into another as the few line changes between them, so that text someone else
 * saved lands in the editor without moving the cursor or wiping what is being typed; and the parts
 * of a three-way merge for the conflict panel. Both use the service's own bounded line diff and
 * merge (pure modules of service/src/domain, bundled here by esbuild), so the browser cannot be held
 * by a crafted text either, and the panel shows exactly the places the service refused to merge.
 */
import { diffLines, middleHunk } from '../../../text-merge/line-diff.js';
import { type MergePart, mergeParts, wholeTextConflict } from '../../../text-merge/three-way-merge.js';

export { type MergePart, resolveParts } from '../../../text-merge/three-way-merge.js';

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Lines with their line break, so offsets add up exactly. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/**
 * The changes (offsets in `from`) that turn `from` into `to`, line by line. When the texts are too
 * different to compare within the diff's budget: one change, from the first line that differs to
 * the last (still exact, only coarser).
 */
export function lineChanges(from: string, to: string): TextChange[] {
  if (from === to) return [];
  const a = linesOf(from);
  const b = linesOf(to);
  const offsets = [0];
  for (const line of a) offsets.push((offsets.at(-1) as number) + line.length);
  const hunks = diffLines(a, b) ?? [middleHunk(a, b)];
  return hunks.map((h) => ({ from: offsets[h.aStart] as number, to: offsets[h.aEnd] as number, insert: b.slice(h.bStart, h.bEnd).join('') }));
}

/**
 * Both edits of `base` merged; where they change the same lines, both versions side by side. Edits
 * too different to compare: the whole differing middle as one place to choose.
 */
export function conflictParts(base: string, mine: string, theirs: string): MergePart[] {
  return mergeParts(base, theirs, mine) ?? wholeTextConflict(theirs, mine);
}

/**
 * Turning one text into another as the few line changes between them (node-diff3), so that text
 * someone else saved lands in the editor without moving the cursor or wiping what is being typed.
 */
import { diff3Merge, diffIndices } from 'node-diff3';

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Lines with their line break, so offsets add up exactly. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** The changes (offsets in `from`) that turn `from` into `to`, line by line. */
export function lineChanges(from: string, to: string): TextChange[] {
  if (from === to) return [];
  const a = linesOf(from);
  const offsets = [0];
  for (const line of a) offsets.push((offsets.at(-1) as number) + line.length);
  return diffIndices(a, linesOf(to)).map((h) => ({
    from: offsets[h.buffer1[0]] as number,
    to: offsets[h.buffer1[0] + h.buffer1[1]] as number,
    insert: h.buffer2Content.join(''),
  }));
}

/** One part of a three-way merge the person has to decide: the same lines, changed differently. */
export type MergePart = { ok: string[] } | { mine: string[]; theirs: string[] };

/** Both edits of `base` merged; where they change the same lines, both versions side by side. */
export function mergeParts(base: string, mine: string, theirs: string): MergePart[] {
  return diff3Merge(mine.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true }).map((block) =>
    block.ok ? { ok: block.ok } : { mine: block.conflict?.a ?? [], theirs: block.conflict?.b ?? [] },
  );
}

/** The merged text, taking one side wherever both changed the same lines. */
export function resolveParts(parts: MergePart[], keep: 'mine' | 'theirs'): string {
  return parts.flatMap((part) => ('ok' in part ? part.ok : part[keep])).join('\n');
}

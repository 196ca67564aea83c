/**
 * Merging two edits of one text made from the same base, line by line, with a bounded cost
 * (line-diff.ts). The service merges a save with what was saved since; the editor, in the browser,
 * shows the same parts when the person has to choose. Imports only line-diff.ts (the editor bundles both).
 */
import { type DiffBudget, diffBudget, diffLines, middleHunk } from './line-diff.js';

/** Lines of the base text (0-based, end exclusive) that both edits changed differently. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * The outcome of a merge. `tooDifferent`: an edit differs from the base too much to compare within
 * the diff's budget, so the whole text is reported as one conflict and nothing is merged.
 */
export type MergeOutcome = { ok: true; text: string } | { ok: false; conflicts: LineRange[]; tooDifferent?: true };

/** One part of the merged text: lines both agree on, or a place both changed differently (to choose). */
export type MergePart = { ok: string[] } | { conflict: LineRange; mine: string[]; theirs: string[] };

interface Hunk {
  start: number;
  end: number;
  lines: string[];
  /** Which edit: 0 = the one saved first (theirs), 1 = the one being saved (mine). */
  side: 0 | 1;
}

function hunksOf(base: string[], edited: string[], side: 0 | 1, budget: DiffBudget): Hunk[] | null {
  const hunks = diffLines(base, edited, budget);
  return hunks?.map((h) => ({ start: h.aStart, end: h.aEnd, lines: edited.slice(h.bStart, h.bEnd), side })) ?? null;
}

const sameChange = (x: Hunk, y: Hunk) => x.start === y.start && x.end === y.end && x.lines.length === y.lines.length && x.lines.every((line, i) => line === y.lines[i]);

/**
 * Two hunks collide when they change a common base line, or when one inserts inside lines the other
 * replaces. Edits to neighbouring lines do not collide (unlike GNU diff3, which groups touching
 * hunks): two people updating two rows of the Activities table must both get their way. Two
 * insertions at the same place (two progress entries appended at once) keep both, theirs first.
 */
function collide(x: Hunk, y: Hunk): boolean {
  if (x.start === x.end && y.start === y.end) return false;
  if (x.start === x.end) return y.start < x.start && x.start < y.end;
  if (y.start === y.end) return x.start < y.start && y.start < x.end;
  return Math.max(x.start, y.start) < Math.min(x.end, y.end);
}

/** Base lines [start, end) with `hunks` (sorted, within the range) applied. */
function applied(base: string[], start: number, end: number, hunks: Hunk[]): string[] {
  const out: string[] = [];
  let at = start;
  for (const hunk of hunks) {
    for (let i = at; i < hunk.start; i++) out.push(base[i]!);
    for (const line of hunk.lines) out.push(line);
    at = Math.max(at, hunk.end);
  }
  for (let i = at; i < end; i++) out.push(base[i]!);
  return out;
}

/**
 * Both edits of `base` as parts in base order: every change to different lines applied, every place
 * both changed differently as a conflict with both versions; null when an edit is too different from
 * the base to compare within the budget. Hunks are swept in base order; at one position, insertions
 * go before a replacement and theirs before mine. Each side's hunks are disjoint and sorted, so a
 * hunk can only collide with the last hunk of the other side in the open group.
 */
export function mergeParts(base: string, theirs: string, mine: string, budget: DiffBudget = diffBudget()): MergePart[] | null {
  const baseLines = base.split('\n');
  const theirHunks = hunksOf(baseLines, theirs.split('\n'), 0, budget);
  const allMine = theirHunks && hunksOf(baseLines, mine.split('\n'), 1, budget);
  if (!theirHunks || !allMine) return null;
  let t = 0;
  // Both sorted: a change both made is found by walking the two lists together.
  const myHunks = allMine.filter((h) => {
    while (t < theirHunks.length && (theirHunks[t]!.start < h.start || (theirHunks[t]!.start === h.start && theirHunks[t]!.end < h.end))) t++;
    return !(t < theirHunks.length && sameChange(theirHunks[t]!, h));
  });
  const hunks = [...theirHunks, ...myHunks].sort((x, y) => x.start - y.start || x.end - x.start - (y.end - y.start) || x.side - y.side);

  const groups: { start: number; end: number; hunks: Hunk[] }[] = [];
  /** Each side's last hunk and the index of its group. */
  const last: [{ hunk: Hunk; group: number } | null, { hunk: Hunk; group: number } | null] = [null, null];
  for (const hunk of hunks) {
    const other = last[hunk.side === 0 ? 1 : 0];
    const group = groups.at(-1);
    if (group && other && other.group === groups.length - 1 && collide(other.hunk, hunk)) {
      group.hunks.push(hunk);
      group.end = Math.max(group.end, hunk.end);
    } else groups.push({ start: hunk.start, end: hunk.end, hunks: [hunk] });
    last[hunk.side] = { hunk, group: groups.length - 1 };
  }

  const parts: MergePart[] = [];
  let at = 0;
  const keep = (lines: string[]) => {
    const last = parts.at(-1);
    if (last && 'ok' in last) for (const line of lines) last.ok.push(line);
    else parts.push({ ok: lines });
  };
  for (const { start, end, hunks: group } of groups) {
    keep(baseLines.slice(at, start));
    if (group.length === 1) keep(group[0]!.lines);
    else {
      const side = (s: 0 | 1) =>
        applied(
          baseLines,
          start,
          end,
          group.filter((h) => h.side === s),
        );
      parts.push({ conflict: { start, end }, mine: side(1), theirs: side(0) });
    }
    at = Math.max(at, end);
  }
  keep(baseLines.slice(at));
  return parts;
}

/**
 * Merge `mine` and `theirs`, both edited from `base`. Changes to different lines all survive; changes
 * to the same lines, or an edit too different to compare, are a conflict and nothing is merged:
 * never is text dropped.
 */
export function mergeThreeWay(base: string, theirs: string, mine: string, budget: DiffBudget = diffBudget()): MergeOutcome {
  if (theirs === base || theirs === mine) return { ok: true, text: mine };
  if (mine === base) return { ok: true, text: theirs };
  const parts = mergeParts(base, theirs, mine, budget);
  if (!parts) return { ok: false, conflicts: [{ start: 0, end: base.split('\n').length }], tooDifferent: true };
  const conflicts = parts.flatMap((part) => ('conflict' in part ? [part.conflict] : []));
  if (conflicts.length) return { ok: false, conflicts };
  return { ok: true, text: parts.flatMap((part) => ('ok' in part ? part.ok : [])).join('\n') };
}

/**
 * When the edits are too different to merge: the lines both texts start and end with, and one
 * conflict between (the person then keeps one text whole there). Linear in the texts.
 */
export function wholeTextConflict(theirs: string, mine: string): MergePart[] {
  const a = theirs.split('\n');
  const b = mine.split('\n');
  const middle = middleHunk(a, b);
  return [
    { ok: a.slice(0, middle.aStart) },
    { conflict: { start: middle.aStart, end: middle.aEnd }, mine: b.slice(middle.bStart, middle.bEnd), theirs: a.slice(middle.aStart, middle.aEnd) },
    { ok: a.slice(middle.aEnd) },
  ];
}

/** The merged text, taking one side wherever both changed the same lines. */
export function resolveParts(parts: MergePart[], keep: 'mine' | 'theirs'): string {
  return parts.flatMap((part) => ('ok' in part ? part.ok : part[keep])).join('\n');
}

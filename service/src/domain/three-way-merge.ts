import { diffIndices } from 'node-diff3';

/** The outcome of merging two edits of one text made from the same base. */
export type MergeOutcome = { ok: true; text: string } | { ok: false; conflicts: LineRange[] };

/** Lines of the base text (0-based, end exclusive) that both edits changed differently. */
export interface LineRange {
  start: number;
  end: number;
}

interface Hunk {
  start: number;
  end: number;
  lines: string[];
  /** Which edit: 0 = the one saved first (theirs), 1 = the one being saved (mine). */
  side: 0 | 1;
}

function hunksOf(base: string[], edited: string[], side: 0 | 1): Hunk[] {
  return diffIndices(base, edited).map((h) => ({ start: h.buffer1[0], end: h.buffer1[0] + h.buffer1[1], lines: h.buffer2Content, side }));
}

const sameChange = (x: Hunk, y: Hunk) => x.start === y.start && x.end === y.end && x.lines.join('\n') === y.lines.join('\n');

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

/**
 * Merge `mine` and `theirs`, both edited from `base`, line by line (node-diff3 finds each side's
 * changes against the base). Changes to different lines all survive; changes to the same lines are a
 * conflict, reported with the base lines involved, and nothing is merged: never is text dropped.
 */
export function mergeThreeWay(base: string, theirs: string, mine: string): MergeOutcome {
  if (theirs === base || theirs === mine) return { ok: true, text: mine };
  if (mine === base) return { ok: true, text: theirs };
  const baseLines = base.split('\n');
  const theirHunks = hunksOf(baseLines, theirs.split('\n'), 0);
  const myHunks = hunksOf(baseLines, mine.split('\n'), 1).filter((h) => !theirHunks.some((t) => sameChange(t, h)));
  const conflicts: LineRange[] = [];
  for (const t of theirHunks) for (const m of myHunks) if (collide(t, m)) conflicts.push({ start: Math.min(t.start, m.start), end: Math.max(t.end, m.end) });
  if (conflicts.length) return { ok: false, conflicts };

  // Apply every hunk in base order; at one position, insertions go before a replacement and theirs before mine.
  const hunks = [...theirHunks, ...myHunks].sort((x, y) => x.start - y.start || (x.end - x.start) - (y.end - y.start) || x.side - y.side);
  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    out.push(...baseLines.slice(at, hunk.start), ...hunk.lines);
    at = Math.max(at, hunk.end);
  }
  out.push(...baseLines.slice(at));
  return { ok: true, text: out.join('\n') };
}

/**
 * Three texts (a base and two edits of it) crafted to make a line diff do the most work: many equal
 * lines (issue 19: node-diff3 took 3.9 s on a save of 1,500 blank lines followed by two divergent
 * saves, and 70 s on 5,000), edits everywhere, rows reversed. Shared by the merge's tests (steps
 * counted) and `npm run bench parse` (CPU time of a save at the size limit).
 */
import { normalPlanMarkdown } from './adversarial-markdown.js';

export interface MergeCase {
  base: string;
  theirs: string;
  mine: string;
}

/** `count` lines, line i from `line(i)`, joined; cut to at most `chars` characters on a line break. */
function lines(count: number, chars: number, line: (i: number) => string): string {
  const out: string[] = [];
  let size = -1;
  for (let i = 0; i < count; i++) {
    const next = line(i);
    if (size + 1 + next.length > chars) break;
    out.push(next);
    size += 1 + next.length;
  }
  return out.join('\n');
}

/** A small seeded generator, so every run sees the same "random" text. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Each kind as a function of the number of lines wanted and the most characters a text may have. */
export const ADVERSARIAL_MERGES: Record<string, (count: number, chars: number) => MergeCase> = {
  'blank lines, then two divergent saves': (count, chars) => ({
    base: lines(count, chars, () => ''),
    theirs: lines(count, chars, (i) => (i % 2 ? 'a' : '')),
    mine: lines(count, chars, (i) => (i % 3 ? '' : 'b')),
  }),
  'one repeated line, every other line changed on each side': (count, chars) => ({
    base: lines(count, chars, () => 'x'),
    theirs: lines(count, chars, (i) => (i % 2 ? 'y' : 'x')),
    mine: lines(count, chars, (i) => (i % 2 ? 'x' : 'z')),
  }),
  'everything rewritten on both sides': (count, chars) => ({
    base: lines(count, chars, () => 'a'),
    theirs: lines(count, chars, () => 'b'),
    mine: lines(count, chars, () => 'c'),
  }),
  'random lines from two values': (count, chars) => {
    const random = seeded(count);
    const pick = () => (random() < 0.5 ? 'a' : '');
    return { base: lines(count, chars, pick), theirs: lines(count, chars, pick), mine: lines(count, chars, pick) };
  },
  'rows reversed by one, one row changed by the other': (count, chars) => {
    const base = lines(count, chars, (i) => `| row ${i} |`);
    const rows = base.split('\n');
    return { base, theirs: [...rows].reverse().join('\n'), mine: base.replace('| row 1 |', '| row one |') };
  },
};

/** A realistic merge at the size limit: a plan with a long progress log, two people editing rows far apart. */
export function normalMerge(chars: number): MergeCase {
  const base = normalPlanMarkdown(chars);
  const rows = base.split('\n');
  const edit = (row: number, text: string) => rows.map((line, i) => (i === row ? text : line)).join('\n');
  return { base, theirs: edit(25, '| 2026-12-03 | changed by Ben | Ben |'), mine: edit(rows.length - 10, '| 2026-12-04 | changed by Ana | Ana |') };
}

/** The largest kind of merge people make: one rewrote every other row of the log, the other added a row. */
export function wideMerge(chars: number): MergeCase {
  const added = '\n| 2026-12-05 | added by Ana | Ana |';
  const base = normalPlanMarkdown(chars - added.length);
  const theirs = base
    .split('\n')
    .map((line, i) => (i > 20 && i % 2 === 0 ? line.replace('Did', 'Done') : line))
    .join('\n');
  return { base, theirs, mine: `${base}${added}` };
}

/** Both changed the same row: a conflict found with few steps (beside the crafted ones, what a refusal costs anyway). */
export function sameRowConflict(chars: number): MergeCase {
  const { base, theirs } = normalMerge(chars);
  const rows = base.split('\n');
  return { base, theirs, mine: rows.map((line, i) => (i === 25 ? '| 2026-12-04 | changed by Ana | Ana |' : line)).join('\n') };
}

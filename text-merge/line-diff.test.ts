import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_MERGES, normalMerge } from '../test/support/adversarial-merges.js';
import { type LineHunk, MAX_DIFF_STEPS, diffBudget, diffLines } from './line-diff.js';

/** `a` with the hunks applied, taking the new lines from `b`. */
function apply(a: string[], b: string[], hunks: LineHunk[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const h of hunks) {
    out.push(...a.slice(at, h.aStart), ...b.slice(h.bStart, h.bEnd));
    at = h.aEnd;
  }
  return [...out, ...a.slice(at)];
}

/** The length of a longest common subsequence, by the textbook table (small inputs only). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const LIMIT = 60_000;
const SIZES: Array<[string, number, number]> = [
  ['1,500 lines', 1500, LIMIT],
  ['the 60,000-character limit', Number.MAX_SAFE_INTEGER, LIMIT],
];

describe('diffLines', () => {
  it('finds the fewest insertions and deletions, as sorted hunks that turn one text into the other', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 40 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const hunks = diffLines(a, b);
        expect(hunks).not.toBeNull();
        expect(apply(a, b, hunks!)).toEqual(b);
        const edits = hunks!.reduce((sum, h) => sum + (h.aEnd - h.aStart) + (h.bEnd - h.bStart), 0);
        expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
        hunks!.forEach((h, i) => {
          expect(h.aEnd - h.aStart + h.bEnd - h.bStart).toBeGreaterThan(0);
          if (i > 0) expect(h.aStart).toBeGreaterThan(hunks![i - 1]!.aEnd);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a few edits in a document at the size limit cost steps in proportion to its lines, not more', () => {
    const { base, theirs } = normalMerge(LIMIT);
    const a = base.split('\n');
    const budget = diffBudget();
    const hunks = diffLines(a, theirs.split('\n'), budget);
    expect(hunks).toEqual([{ aStart: 25, aEnd: 26, bStart: 25, bEnd: 26 }]);
    expect(budget.steps).toBeLessThanOrEqual(4 * a.length);
  });

  for (const [size, count, chars] of SIZES) {
    for (const [kind, make] of Object.entries(ADVERSARIAL_MERGES)) {
      it(`${kind}, ${size}: never more than ${MAX_DIFF_STEPS} steps, and a diff it gives is right`, () => {
        const { base, theirs, mine } = make(count, chars);
        for (const edited of [theirs, mine]) {
          const a = base.split('\n');
          const b = edited.split('\n');
          const budget = diffBudget();
          const hunks = diffLines(a, b, budget);
          expect(budget.steps).toBeLessThanOrEqual(MAX_DIFF_STEPS + 1);
          if (hunks) expect(apply(a, b, hunks)).toEqual(b);
        }
      });
    }
  }

  it('past its budget it gives up (null) instead of working on', () => {
    const a = Array.from({ length: 2000 }, () => 'a');
    const b = Array.from({ length: 2000 }, () => 'b');
    const budget = diffBudget(10_000);
    expect(diffLines(a, b, budget)).toBeNull();
    expect(budget.steps).toBeLessThanOrEqual(10_001);
    expect(diffLines(a.slice(0, 50), b.slice(0, 50))).toEqual([{ aStart: 0, aEnd: 50, bStart: 0, bEnd: 50 }]);
  });
});

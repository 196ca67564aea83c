import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_MERGES } from '../test/support/adversarial-merges.js';
import { MAX_DIFF_STEPS, diffBudget } from './line-diff.js';
import { mergeParts, mergeThreeWay, resolveParts, wholeTextConflict } from './three-way-merge.js';

const base = [
  '# Plan',
  '## Activities',
  '| Activity | Owner | Due | Status |',
  '|---|---|---|---|',
  '| Shadow calls | Ana | 2026-12-10 | Not started |',
  '| Writing course | Ana | 2026-12-20 | Not started |',
  '## Progress log',
  '| Date | Update | By |',
  '|---|---|---|',
  '',
].join('\n');
const edit = (from: string, to: string, text = base) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('mergeThreeWay', () => {
  it('keeps both edits when they change different lines, even neighbouring ones', () => {
    const theirs = edit('Shadow calls | Ana | 2026-12-10 | Not started', 'Shadow calls | Ana | 2026-12-10 | Done');
    const mine = edit('Writing course | Ana | 2026-12-20 | Not started', 'Writing course | Ana | 2026-12-20 | In progress');
    const merged = mergeThreeWay(base, theirs, mine);
    expect(merged).toEqual({ ok: true, text: edit('Writing course | Ana | 2026-12-20 | Not started', 'Writing course | Ana | 2026-12-20 | In progress', theirs) });
  });

  it('keeps two entries appended at the same place, the one saved first first', () => {
    const theirs = edit('|---|---|---|\n', '|---|---|---|\n| 2026-12-03 | Ben wrote | Ben |\n');
    const mine = edit('|---|---|---|\n', '|---|---|---|\n| 2026-12-03 | Ana wrote | Ana |\n');
    const merged = mergeThreeWay(base, theirs, mine);
    expect(merged.ok && merged.text).toBe(edit('|---|---|---|\n', '|---|---|---|\n| 2026-12-03 | Ben wrote | Ben |\n| 2026-12-03 | Ana wrote | Ana |\n'));
  });

  it('edits far apart in a long text both survive, with insertions and deletions', () => {
    const theirs = edit('# Plan', '# Plan for Ana\nIntro line');
    const mine = edit('## Progress log\n', '## Progress log\nWrite one entry a week.\n');
    const merged = mergeThreeWay(base, theirs, mine);
    expect(merged.ok && merged.text).toBe(edit('## Progress log\n', '## Progress log\nWrite one entry a week.\n', theirs));
  });

  it('the same line changed differently is a conflict naming that line; nothing is merged', () => {
    const theirs = edit('| Not started |\n| Writing', '| Done |\n| Writing');
    const mine = edit('| Not started |\n| Writing', '| Dropped |\n| Writing');
    expect(mergeThreeWay(base, theirs, mine)).toEqual({ ok: false, conflicts: [{ start: 4, end: 5 }] });
  });

  it('an insertion inside lines the other side replaced is a conflict', () => {
    const theirs = edit('| Shadow calls | Ana | 2026-12-10 | Not started |\n| Writing course | Ana | 2026-12-20 | Not started |', '| One row now |');
    const mine = edit('| Shadow calls | Ana | 2026-12-10 | Not started |\n', '| Shadow calls | Ana | 2026-12-10 | Not started |\n| New row |\n');
    expect(mergeThreeWay(base, theirs, mine).ok).toBe(false);
  });

  it('the same change made by both is no conflict and appears once', () => {
    const both = edit('Not started |\n| Writing', 'Done |\n| Writing');
    const mine = edit('# Plan', '# Plan!', both);
    expect(mergeThreeWay(base, both, mine)).toEqual({ ok: true, text: mine });
  });

  it('one side unchanged: the other side wins as it is', () => {
    const changed = edit('# Plan', '# Changed');
    expect(mergeThreeWay(base, base, changed)).toEqual({ ok: true, text: changed });
    expect(mergeThreeWay(base, changed, base)).toEqual({ ok: true, text: changed });
  });

  it('on 1,500 blank lines, edits far apart are still merged, with few steps', () => {
    const blank = Array.from({ length: 1500 }, () => '');
    const at = (lines: string[], i: number, text: string) => lines.map((line, j) => (j === i ? text : line)).join('\n');
    const budget = diffBudget();
    const merged = mergeThreeWay(blank.join('\n'), at(blank, 100, 'Ben'), at(blank, 1400, 'Ana'), budget);
    expect(merged).toEqual({ ok: true, text: at(at(blank, 100, 'Ben').split('\n'), 1400, 'Ana') });
    expect(budget.steps).toBeLessThan(10 * 1500);
  });

  for (const [kind, make] of Object.entries(ADVERSARIAL_MERGES)) {
    it(`${kind} (1,500 lines and at 60,000 characters): the merge stays within its steps; a refusal offers both texts`, () => {
      for (const count of [1500, Number.MAX_SAFE_INTEGER]) {
        const { base, theirs, mine } = make(count, 60_000);
        const budget = diffBudget();
        const merged = mergeThreeWay(base, theirs, mine, budget);
        expect(budget.steps).toBeLessThanOrEqual(MAX_DIFF_STEPS + 1);
        if (merged.ok) continue;
        if (merged.tooDifferent) {
          // The editor's panel then offers each whole text.
          const parts = wholeTextConflict(theirs, mine);
          expect(resolveParts(parts, 'mine')).toBe(mine);
          expect(resolveParts(parts, 'theirs')).toBe(theirs);
        } else {
          // The editor's panel shows exactly the places the service refused to merge.
          const parts = mergeParts(base, theirs, mine) ?? [];
          expect(parts.flatMap((part) => ('conflict' in part ? [part.conflict] : []))).toEqual(merged.conflicts);
        }
      }
    });
  }

  it('both changed the same lines: each side of the conflict keeps everything else from both', () => {
    const theirs = edit('# Plan', '# Plan (Ben)', edit('| Not started |\n| Writing', '| Done |\n| Writing'));
    const mine = edit('## Progress log', '## Progress log (Ana)', edit('| Not started |\n| Writing', '| Dropped |\n| Writing'));
    const parts = mergeParts(base, theirs, mine);
    expect(parts?.filter((part) => 'conflict' in part)).toEqual([
      { conflict: { start: 4, end: 5 }, mine: ['| Shadow calls | Ana | 2026-12-10 | Dropped |'], theirs: ['| Shadow calls | Ana | 2026-12-10 | Done |'] },
    ]);
    expect(resolveParts(parts!, 'theirs')).toBe(edit('## Progress log', '## Progress log (Ana)', theirs));
    expect(resolveParts(parts!, 'mine')).toBe(edit('# Plan', '# Plan (Ben)', mine));
  });

  it('edits too different to compare are one conflict between the lines both texts share at the ends', () => {
    const parts = wholeTextConflict('a\nb\nc\nz', 'a\nx\nz');
    expect(parts).toEqual([{ ok: ['a'] }, { conflict: { start: 1, end: 3 }, mine: ['x'], theirs: ['b', 'c'] }, { ok: ['z'] }]);
    const refused = mergeThreeWay('a', 'b\n'.repeat(2000), 'c\n'.repeat(2000), diffBudget(1000));
    expect(refused).toEqual({ ok: false, conflicts: [{ start: 0, end: 1 }], tooDifferent: true });
  });
});

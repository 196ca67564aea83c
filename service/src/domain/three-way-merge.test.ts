import { describe, expect, it } from 'vitest';
import { mergeThreeWay } from './three-way-merge.js';

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
});

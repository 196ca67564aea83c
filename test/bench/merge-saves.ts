/**
 * Saves that merge (issue 19, finding 1): the CPU a save costs when someone saved in between, at the
 * 60,000-character limit, on the crafted texts of test/support/adversarial-merges.ts and a normal
 * plan. A save runs the three-way merge (both diffs share one step budget), then, when merged,
 * reads and parses the text it keeps (a refused one answers 409 at once). Goal: under 50 ms each
 * (median, as for the parse above; the slowest run is shown beside it). Part of
 * `npm run bench parse` (the adversarial-document benchmark); `npm run bench merge-worker` sends the
 * same saves to workerd.
 */
import { diffBudget } from '../../text-merge/line-diff.js';
import { readMarkdown } from '../../service/src/domain/markdown.js';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';
import { mergeThreeWay } from '../../text-merge/three-way-merge.js';
import { ADVERSARIAL_MERGES, type MergeCase, normalMerge, sameRowConflict, wideMerge } from '../support/adversarial-merges.js';

const GOAL_MS = 50;
const RUNS = 7;
const options = { dateOrder: 'DMY' as const, planStartDate: '2026-12-01' };

/** Every merge case at `chars`, by name. */
export function mergeCases(chars: number): Array<[string, MergeCase]> {
  return [
    ...Object.entries(ADVERSARIAL_MERGES).map(([kind, make]): [string, MergeCase] => [kind, make(Number.MAX_SAFE_INTEGER, chars)]),
    ['a normal plan, two rows far apart changed', normalMerge(chars)],
    ['a normal plan, every other row rewritten by one, a row added by the other', wideMerge(chars)],
    ['a normal plan, the same row changed by both', sameRowConflict(chars)],
  ];
}

/** What the merge answered, and the steps it took. */
export function mergeOutcome({ base, theirs, mine }: MergeCase): { outcome: string; steps: number } {
  const budget = diffBudget();
  const merged = mergeThreeWay(base, theirs, mine, budget);
  const outcome = merged.ok ? 'merged' : merged.tooDifferent ? '409, too different' : `409, ${merged.conflicts.length} place${merged.conflicts.length === 1 ? '' : 's'}`;
  return { outcome, steps: budget.steps };
}

/** A refused merge answers 409 at once; a merged one is saved, then read and parsed. */
function saveOnce({ base, theirs, mine }: MergeCase): void {
  const merged = mergeThreeWay(base, theirs, mine, diffBudget());
  if (merged.ok) parsePlanDocument(readMarkdown(merged.text).document, options);
}

export function printMergeSaves(chars: number): void {
  console.log(
    `\nSaves that merge, at ${chars} characters: the three-way merge, then (when merged) the read and parse of the text kept, CPU time of ${RUNS} runs. Goal: under ${GOAL_MS} ms.\n`,
  );
  console.log('| merge | outcome | diff steps | median ms | slowest ms |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  let worst = { kind: '', median: 0 };
  for (const [kind, merge] of mergeCases(chars)) {
    const { outcome, steps } = mergeOutcome(merge);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cpuStart = process.cpuUsage();
      saveOnce(merge);
      const used = process.cpuUsage(cpuStart);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    if (median > worst.median) worst = { kind, median };
    console.log(`| ${kind} | ${outcome} | ${steps.toLocaleString('en-US')} | ${median.toFixed(1)} | ${times[RUNS - 1]!.toFixed(1)} |`);
  }
  console.log(
    `\nSlowest save that merges (median): ${worst.kind}, ${worst.median.toFixed(1)} ms CPU (goal ${GOAL_MS} ms): ${worst.median < GOAL_MS ? 'within' : 'OVER'} the goal.`,
  );
}

/**
 * A line diff with a bounded cost, shared by the service's three-way merge and the editor in the
 * browser (dashboard/src/editor bundles this file; it imports nothing). Myers' O(ND) algorithm on
 * lines numbered first (equal lines get equal ints), after the common head and tail are set aside.
 * Every unit of work (a line numbered, a line compared, a diagonal visited) counts as a step against
 * a budget; past the budget the answer is null ("too different to compare") instead of a diff that
 * could take seconds: node-diff3, used before, took 70 s on 5,000 repeated lines.
 */

/** Lines [aStart, aEnd) of `a` become lines [bStart, bEnd) of `b`. */
export interface LineHunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Work done so far and the most allowed; one budget may be shared by several diffs (a merge runs two). */
export interface DiffBudget {
  steps: number;
  readonly maxSteps: number;
}

/**
 * About 5-10 ms of CPU on the shared 2-core test machine (`npm run bench parse`; on workerd
 * `npm run bench merge-worker`), so a save that merges (both diffs share one budget) stays under
 * 50 ms with the parse of a 60,000-character document. Enough for about 1,000 changed lines
 * anywhere in a document at the size limit; a larger rewrite while someone else saved is a
 * conflict, where the person chooses.
 */
export const MAX_DIFF_STEPS = 500_000;

export const diffBudget = (maxSteps = MAX_DIFF_STEPS): DiffBudget => ({ steps: 0, maxSteps });

/** Signals that the budget ran out; caught in diffLines. */
class OverBudget extends Error {}

function spend(budget: DiffBudget, steps: number): void {
  budget.steps += steps;
  if (budget.steps > budget.maxSteps) throw new OverBudget();
}

function overBudget(budget: DiffBudget, steps: number): never {
  budget.steps += steps;
  throw new OverBudget();
}

/**
 * The fewest line insertions and deletions turning `a` into `b`, as hunks in order, or null when
 * finding them would pass the budget.
 */
export function diffLines(a: readonly string[], b: readonly string[], budget: DiffBudget = diffBudget()): LineHunk[] | null {
  try {
    return diffNumbered(...numberLines(a, b, budget), budget);
  } catch (error) {
    if (error instanceof OverBudget) return null;
    throw error;
  }
}

function numberLines(a: readonly string[], b: readonly string[], budget: DiffBudget): [Int32Array, Int32Array] {
  spend(budget, a.length + b.length);
  const ids = new Map<string, number>();
  const number = (lines: readonly string[]) => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i] = id;
    });
    return out;
  };
  return [number(a), number(b)];
}

/** The lines between the common head and tail of `a` and `b`, as one hunk (empty when they are equal). */
export function middleHunk<T>(a: ArrayLike<T>, b: ArrayLike<T>): LineHunk {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { aStart: head, aEnd: a.length - tail, bStart: head, bEnd: b.length - tail };
}

function diffNumbered(a: Int32Array, b: Int32Array, budget: DiffBudget): LineHunk[] {
  const middle = middleHunk(a, b);
  spend(budget, middle.aStart + a.length - middle.aEnd);
  const n = middle.aEnd - middle.aStart;
  const m = middle.bEnd - middle.bStart;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [middle];
  const head = middle.aStart;
  return hunksOf(editsOf(a.subarray(head, head + n), b.subarray(head, head + m), budget), n, m, head);
}

/**
 * Myers' greedy forward search: `v[k]` is the furthest x reached on diagonal k = x - y with d edits.
 * Every round's values are also appended to `trace` (d + 1 of them, for k = -d, -d + 2, ..., d) to
 * walk the path back; its size is the number of diagonals visited, so within the budget too.
 * Returns which lines of a are deleted and which of b inserted; the rest match in order.
 */
function editsOf(a: Int32Array, b: Int32Array, budget: DiffBudget): { deleted: Uint8Array; inserted: Uint8Array } {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // Counted locally (this loop is the hot one) and checked on every diagonal, so the budget holds exactly.
  const limit = Math.max(0, budget.maxSteps - budget.steps);
  let trace: Int32Array = new Int32Array(Math.min(1 << 16, limit + 1));
  const roundStart: number[] = [];
  let steps = 0;
  let end = -1;
  for (let d = 0; end < 0; d++) {
    const round = steps;
    roundStart.push(round);
    // Small diffs (the usual) stay in the first array; a large one gets room for the whole budget at once.
    if (trace.length < steps + d + 1) trace = grown(trace, Math.max(limit + 1, steps + d + 1));
    for (let k = -d; k <= d; k += 2) {
      if (steps >= limit) overBudget(budget, steps + 1);
      const i = offset + k;
      let x = k === -d || (k !== d && v[i - 1]! < v[i + 1]!) ? v[i + 1]! : v[i - 1]! + 1;
      let y = x - k;
      // The snake may compare at most `room` lines before the budget is spent.
      const room = limit - steps - 1;
      const stop = Math.min(n, x + room);
      const start = x;
      while (x < stop && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      if (x === stop && x < n && y < m && a[x] === b[y]) overBudget(budget, steps + 1 + room + 1);
      v[i] = x;
      trace[round + ((k + d) >> 1)] = x;
      steps += 1 + x - start;
      if (x >= n && y >= m) {
        end = d;
        break;
      }
    }
  }
  spend(budget, steps);

  const deleted = new Uint8Array(n);
  const inserted = new Uint8Array(m);
  let x = n;
  let y = m;
  for (let d = end; d > 0; d--) {
    const round = roundStart[d - 1]!;
    const at = (k: number) => trace[round + ((k + d - 1) >> 1)]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const fromK = down ? k + 1 : k - 1;
    x = at(fromK);
    y = x - fromK;
    if (down) inserted[y] = 1;
    else deleted[x] = 1;
  }
  return { deleted, inserted };
}

function grown(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/** Runs of deleted and inserted lines between matching ones, as hunks shifted by the common head. */
function hunksOf({ deleted, inserted }: { deleted: Uint8Array; inserted: Uint8Array }, n: number, m: number, head: number): LineHunk[] {
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && !deleted[i] && !inserted[j]) {
      i++;
      j++;
      continue;
    }
    const hunk = { aStart: head + i, aEnd: 0, bStart: head + j, bEnd: 0 };
    while ((i < n && deleted[i]) || (j < m && inserted[j])) {
      while (i < n && deleted[i]) i++;
      while (j < m && inserted[j]) j++;
    }
    hunk.aEnd = head + i;
    hunk.bEnd = head + j;
    hunks.push(hunk);
  }
  return hunks;
}

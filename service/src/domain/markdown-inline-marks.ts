/**
 * One pass over inline Markdown that finds, for every place the reader may ask, where the matching
 * markup ends: the `]` closing each `[`, the code-span closers of each length, the emphasis closers of
 * each character and length. The reader then looks them up instead of scanning ahead for every `[`,
 * `*` or backtick, which made a 60 KB line of `[` take seconds (quadratic). Everything here is linear.
 */

/** Counts the reader's steps: a deterministic measure of its work, used by tests and the benchmark. */
export interface WorkMeter {
  steps: number;
}

/** Positions of candidate closers in increasing order, and how far the reader has consumed them. */
export interface CloserList {
  starts: number[];
  next: number;
}

export interface InlineMarks {
  /** For each `[` position, the position of its matching `]`, or -1. */
  bracketMatch: Int32Array;
  /** Maximal backtick runs by length: a code span closes at the next run of its opener's length. */
  backtickRuns: Map<number, CloserList>;
  /** Emphasis closers keyed by character and run length (`*1`, `_2`, `~2`, ...). */
  emphasisClosers: Map<string, CloserList>;
}

const SPACE = /\s/;
const WORD = /\w/;

export function isNonSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && !SPACE.test(ch);
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

export function runLength(source: string, at: number, ch: string, end: number, meter: WorkMeter): number {
  let n = 0;
  while (at + n < end && source[at + n] === ch) n++;
  meter.steps += n + 1;
  return n;
}

/**
 * A backslash escapes the character after it, pairing left to right (`\\*` is a backslash, then a
 * real `*`). Inside code spans backslashes are literal, but emphasis and link scanning never look at
 * code spans specially, so one pairing serves the whole text.
 */
function escapedPositions(source: string, meter: WorkMeter): Uint8Array {
  const escaped = new Uint8Array(source.length + 1);
  for (let at = 0; at < source.length; at++) {
    if (source[at] === '\\') escaped[++at] = 1;
  }
  meter.steps += source.length;
  return escaped;
}

function push(map: Map<string | number, CloserList>, key: string | number, at: number): void {
  const list = map.get(key);
  if (list) list.starts.push(at);
  else map.set(key, { starts: [at], next: 0 });
}

export function findInlineMarks(source: string, meter: WorkMeter): InlineMarks {
  const escaped = escapedPositions(source, meter);
  const bracketMatch = new Int32Array(source.length).fill(-1);
  const backtickRuns = new Map<number, CloserList>();
  const emphasisClosers = new Map<string, CloserList>();
  const openBrackets: number[] = [];
  for (let at = 0; at < source.length; at++) {
    meter.steps++;
    const ch = source[at]!;
    if (ch === '`') {
      const run = runLength(source, at, '`', source.length, meter);
      push(backtickRuns as Map<string | number, CloserList>, run, at);
      at += run - 1;
      continue;
    }
    if (escaped[at]) continue;
    if (ch === '[') openBrackets.push(at);
    else if (ch === ']') {
      const open = openBrackets.pop();
      if (open !== undefined) bracketMatch[open] = at;
    } else if (ch === '*' || ch === '_' || ch === '~') {
      const run = runLength(source, at, ch, source.length, meter);
      // A closer follows text (not a space) and, for `_`, is not inside a word (snake_case).
      const closes = run <= 3 && isNonSpace(source[at - 1]) && !(ch === '_' && isWordChar(source[at + run]));
      if (closes) push(emphasisClosers as Map<string | number, CloserList>, `${ch}${run}`, at);
      at += run - 1;
    }
  }
  return { bracketMatch, backtickRuns, emphasisClosers };
}

/**
 * The first closer in `list` at or after `from` and before `end`, or -1. The reader asks with `from`
 * never decreasing, so the list is consumed once from the front: linear over a whole text.
 */
export function nextCloser(list: CloserList | undefined, from: number, end: number, meter: WorkMeter): number {
  if (!list) return -1;
  while (list.next < list.starts.length && list.starts[list.next]! < from) {
    list.next++;
    meter.steps++;
  }
  const at = list.starts[list.next];
  return at !== undefined && at < end ? at : -1;
}

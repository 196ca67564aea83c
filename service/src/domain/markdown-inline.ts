import { findInlineMarks, isNonSpace, isWordChar, nextCloser, runLength, type WorkMeter } from './markdown-inline-marks.js';

export type { WorkMeter };

/** Inline Markdown (emphasis, code spans, links, escapes) reduced to the text a reader sees. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const SPACED_CODE = /^ .* $/;
/** Text without any of these has no inline markup: most table cells and many lines. */
const MARKUP_CHARACTER = /[\\`[<*_~]/;

/**
 * Reduces inline Markdown to the text a reader sees: emphasis, code spans, links, escapes.
 *
 * Linear in the text: every closer is looked up in marks found by one pass (markdown-inline-marks),
 * and nesting (emphasis inside a link inside emphasis...) is a stack of ends, not recursion, so a
 * deeply nested line can neither take quadratic time nor overflow the call stack.
 */
export function inlineToText(source: string, meter: WorkMeter = { steps: 0 }): string {
  meter.steps += source.length + 1;
  if (!MARKUP_CHARACTER.test(source)) return source;
  const marks = findInlineMarks(source, meter);
  /** Where the enclosing markup's content ends, and where reading resumes after its closer. */
  const outer: Array<{ end: number; resume: number }> = [];
  let end = source.length;
  let out = '';
  let i = 0;
  for (;;) {
    meter.steps++;
    if (i >= end) {
      const frame = outer.pop();
      if (!frame) break;
      ({ end, resume: i } = frame);
      continue;
    }
    const ch = source[i]!;
    const next = i + 1 < end ? source[i + 1]! : '';
    if (ch === '\\' && ASCII_PUNCTUATION.test(next)) {
      out += next;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const run = runLength(source, i, '`', end, meter);
      const close = nextCloser(marks.backtickRuns.get(run), i + run, end, meter);
      if (close >= 0) {
        const code = source.slice(i + run, close);
        meter.steps += code.length;
        out += SPACED_CODE.test(code) && code.trim() !== '' ? code.slice(1, -1) : code;
        i = close + run;
      } else {
        out += source.slice(i, i + run);
        i += run;
      }
      continue;
    }
    if (ch === '[' || (ch === '!' && next === '[')) {
      const open = ch === '!' ? i + 1 : i;
      const close = marks.bracketMatch[open] ?? -1;
      const targetEnd = close >= 0 && close < end ? linkTargetEnd(source, close + 1, end, meter) : -1;
      if (targetEnd >= 0) {
        outer.push({ end, resume: targetEnd });
        end = close;
        i = open + 1;
        continue;
      }
    }
    if (ch === '<') {
      const autoEnd = autolinkEnd(source, i, end, meter);
      if (autoEnd >= 0) {
        out += source.slice(i + 1, autoEnd - 1);
        i = autoEnd;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      const run = runLength(source, i, ch, end, meter);
      const after = i + run < end ? source[i + run] : undefined;
      const opens = run <= 3 && isNonSpace(after) && !(ch === '_' && isWordChar(source[i - 1]));
      const close = opens && (ch !== '~' || run === 2) ? nextCloser(marks.emphasisClosers.get(`${ch}${run}`), i + run, end, meter) : -1;
      if (close >= 0) {
        outer.push({ end, resume: close + run });
        end = close;
        i += run;
      } else {
        out += source.slice(i, i + run);
        i += run;
      }
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * The end of a link target `(url)` or `(url "title")` starting at `at`, or -1. The url may hold
 * balanced parentheses one level deep (`a_(b)`) but no spaces.
 */
function linkTargetEnd(source: string, at: number, end: number, meter: WorkMeter): number {
  if (source[at] !== '(' || at >= end) return -1;
  let p = at + 1;
  for (; p < end; p++) {
    meter.steps++;
    const ch = source[p]!;
    if (ch === ')') return p + 1;
    if (ch === '(') {
      let q = p + 1;
      while (q < end && source[q] !== ')' && source[q] !== '(' && isNonSpace(source[q])) q++;
      meter.steps += q - p;
      if (source[q] !== ')' || q >= end) return -1;
      p = q;
    } else if (!isNonSpace(ch)) break;
  }
  // Whitespace, then a quoted title, then `)`.
  let q = p;
  while (q < end && !isNonSpace(source[q])) q++;
  if (q === p || source[q] !== '"') return -1;
  let closeQuote = q + 1;
  while (closeQuote < end && source[closeQuote] !== '"') closeQuote++;
  meter.steps += closeQuote - p;
  if (closeQuote + 1 >= end || source[closeQuote + 1] !== ')') return -1;
  return closeQuote + 2;
}

const AUTOLINK_SCHEME = /^(?:https?|mailto):/;

/** The end (after `>`) of an autolink `<https://...>` or `<name@host>` at `at`, or -1. */
function autolinkEnd(source: string, at: number, end: number, meter: WorkMeter): number {
  // Both forms stop at the first space, `<` or `>`, so find that once.
  let stop = at + 1;
  let firstAt = -1;
  let atCount = 0;
  while (stop < end && isNonSpace(source[stop]) && source[stop] !== '<' && source[stop] !== '>') {
    if (source[stop] === '@') {
      atCount++;
      if (firstAt < 0) firstAt = stop;
    }
    stop++;
  }
  meter.steps += stop - at;
  if (stop >= end || source[stop] !== '>') return -1;
  const body = source.slice(at + 1, stop);
  const scheme = AUTOLINK_SCHEME.exec(body.slice(0, 7));
  if (scheme && body.length > scheme[0].length) return stop + 1;
  // name@host: exactly one `@` with text on both sides.
  if (atCount === 1 && firstAt > at + 1 && firstAt < stop - 1) return stop + 1;
  return -1;
}

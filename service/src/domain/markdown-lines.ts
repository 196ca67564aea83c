import type { WorkMeter } from './markdown-inline-marks.js';

/**
 * What one line of Markdown is: heading, list item, thematic break, table row. Hand-written scans
 * rather than regular expressions: the old heading pattern `[ \t]+(.*?)(?:[ \t]+#+)?` backtracked
 * over runs of spaces (quadratic), and each scan here looks at a character at most a few times.
 * Lines arrive with trailing whitespace already trimmed.
 */

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

function skipBlanks(line: string, at: number, meter: WorkMeter): number {
  let p = at;
  while (isBlank(line[p])) p++;
  meter.steps += p - at + 1;
  return p;
}

/** `## Text ##`: up to 3 spaces, 1 to 6 `#`, then a blank or the end; closing `#`s are dropped. */
export function readHeading(line: string, meter: WorkMeter): { level: number; text: string } | null {
  let start = 0;
  while (start < 3 && line[start] === ' ') start++;
  let hashes = start;
  while (hashes < line.length && line[hashes] === '#' && hashes - start <= 6) hashes++;
  meter.steps += hashes + 1;
  const level = hashes - start;
  if (level < 1 || level > 6) return null;
  if (hashes === line.length) return { level, text: '' };
  if (!isBlank(line[hashes])) return null;
  const from = skipBlanks(line, hashes, meter);
  // A closing sequence is blanks then `#`s to the end of the line; text made only of `#` stays text.
  let to = line.length;
  while (to > from && line[to - 1] === '#') to--;
  if (to < line.length && to > from && isBlank(line[to - 1])) {
    while (to > from && isBlank(line[to - 1])) to--;
  } else {
    to = line.length;
  }
  meter.steps += line.length - from;
  return { level, text: line.slice(from, to) };
}

/** `- x`, `* x`, `+ x`, `1. x`, `1) x` with any indentation (its width gives the depth). */
export function readListItem(line: string, meter: WorkMeter): { indent: string; ordered: boolean; text: string } | null {
  const markerAt = skipBlanks(line, 0, meter);
  let after: number;
  const ch = line[markerAt];
  if (ch === '-' || ch === '*' || ch === '+') after = markerAt + 1;
  else {
    let digits = markerAt;
    while (digits - markerAt < 10 && line[digits] !== undefined && line[digits]! >= '0' && line[digits]! <= '9') digits++;
    meter.steps += digits - markerAt;
    const count = digits - markerAt;
    if (count < 1 || count > 9 || (line[digits] !== '.' && line[digits] !== ')')) return null;
    after = digits + 1;
  }
  const ordered = !(ch === '-' || ch === '*' || ch === '+');
  const indent = line.slice(0, markerAt);
  if (after === line.length) return { indent, ordered, text: '' };
  if (!isBlank(line[after])) return null;
  return { indent, ordered, text: line.slice(skipBlanks(line, after, meter)) };
}

/** `[ ] text`, `[x] text` at the start of a list item's text. */
export function readCheckbox(text: string, meter: WorkMeter): { checked: boolean; text: string } | null {
  const mark = text[1];
  if (text[0] !== '[' || (mark !== ' ' && mark !== 'x' && mark !== 'X') || text[2] !== ']') return null;
  if (text.length === 3) return { checked: mark !== ' ', text: '' };
  if (!isBlank(text[3])) return null;
  return { checked: mark !== ' ', text: text.slice(skipBlanks(text, 3, meter)) };
}

/** `---`, `* * *`, `___`: up to 3 spaces, then three or more of one of `-*_` with blanks between. */
export function isThematicBreak(line: string, meter: WorkMeter): boolean {
  let p = 0;
  while (p < 3 && line[p] === ' ') p++;
  const mark = line[p];
  if (mark !== '-' && mark !== '*' && mark !== '_') return false;
  let count = 0;
  for (; p < line.length; p++) {
    if (line[p] === mark) count++;
    else if (!isBlank(line[p])) break;
  }
  meter.steps += p + 1;
  return p === line.length && count >= 3;
}

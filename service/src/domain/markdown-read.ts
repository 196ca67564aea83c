import type { DocumentBlock, DocumentModel } from './document-model.js';
import { inlineToText, type WorkMeter } from './markdown-inline.js';

/**
 * Markdown as people type it, read into the neutral document model: ATX headings (`#`..`######`; a first `# Title` is just a level-1 heading), paragraphs
 * (consecutive lines join with a space), bullet / numbered / checklist items (indentation -> depth),
 * pipe tables (outer pipes optional, the `---` row under the header dropped, `\|` kept as `|`, short
 * rows padded with ''), CRLF, trailing whitespace. Inline markup (`**bold**`, `_em_`, `` `code` ``,
 * `[text](url)`) is reduced to its text. Thematic breaks (`---`) are dropped.
 *
 * Reading is linear in the length of the text, whatever the text (see `readMarkdown`).
 */
export function markdownToDocument(markdown: string): DocumentModel {
  return readMarkdown(markdown).document;
}

/**
 * `markdownToDocument` with the number of steps it took: every character examined counts, so the
 * count is a deterministic measure of the reader's work. Tests hold it to a fixed number of steps per
 * character on hostile input, and the benchmark prints it; a 60 KB document once took 11.7 s here.
 */
export function readMarkdown(markdown: string): { document: DocumentModel; steps: number } {
  const meter: WorkMeter = { steps: markdown.length };
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
  const blocks: DocumentBlock[] = [];
  /** Indents of the open list levels, outermost first. */
  let listIndents: number[] = [];
  /** The block that the next plain line continues (a paragraph or a list item), if any. */
  let open: { text: string; target: { text: string } } | null = null;

  const flush = (): void => {
    if (open) open.target.text = inlineToText(open.text, meter);
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    meter.steps++;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = readHeading(line, meter);
    if (heading) {
      flush();
      listIndents = [];
      blocks.push({ type: 'heading', level: heading.level, text: inlineToText(heading.text, meter) });
      continue;
    }
    if (isThematicBreak(line, meter)) {
      flush();
      listIndents = [];
      continue;
    }
    // A list item with a pipe above `- |` looks like a table start but is no table row: without the
    // second check the loop below read no row and came back to the same line forever.
    if (isTableStart(line, lines[i + 1], meter) && isTableRow(line, meter)) {
      flush();
      listIndents = [];
      const rawRows: string[] = [];
      while (i < lines.length && isTableRow(lines[i] ?? '', meter)) rawRows.push(lines[i++] ?? '');
      i--;
      blocks.push({ type: 'table', rows: tableRows(rawRows, meter) });
      continue;
    }
    const item = readListItem(line, meter);
    if (item) {
      flush();
      const indent = indentWidth(item.indent);
      while (listIndents.length > 0 && (listIndents[listIndents.length - 1] ?? 0) > indent) listIndents.pop();
      if (listIndents.length === 0 || (listIndents[listIndents.length - 1] ?? 0) < indent) listIndents.push(indent);
      meter.steps += item.indent.length;
      const block: Extract<DocumentBlock, { type: 'list_item' }> = { type: 'list_item', text: '' };
      if (item.ordered) block.ordered = true;
      let text = item.text;
      const box = readCheckbox(text, meter);
      if (box) {
        block.checked = box.checked;
        text = box.text;
      }
      if (listIndents.length > 1) block.depth = listIndents.length - 1;
      blocks.push(block);
      open = { text, target: block };
      continue;
    }
    if (open) {
      open.text += ` ${line.trim()}`;
      continue;
    }
    listIndents = [];
    const paragraph = { type: 'paragraph' as const, text: '' };
    blocks.push(paragraph);
    open = { text: line.trim(), target: paragraph };
  }
  flush();
  return { document: { blocks }, steps: meter.steps };
}

function indentWidth(whitespace: string): number {
  return whitespace.replace(/\t/g, '    ').length;
}

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
function readHeading(line: string, meter: WorkMeter): { level: number; text: string } | null {
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
function readListItem(line: string, meter: WorkMeter): { indent: string; ordered: boolean; text: string } | null {
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
function readCheckbox(text: string, meter: WorkMeter): { checked: boolean; text: string } | null {
  const mark = text[1];
  if (text[0] !== '[' || (mark !== ' ' && mark !== 'x' && mark !== 'X') || text[2] !== ']') return null;
  if (text.length === 3) return { checked: mark !== ' ', text: '' };
  if (!isBlank(text[3])) return null;
  return { checked: mark !== ' ', text: text.slice(skipBlanks(text, 3, meter)) };
}

/** `---`, `* * *`, `___`: up to 3 spaces, then three or more of one of `-*_` with blanks between. */
function isThematicBreak(line: string, meter: WorkMeter): boolean {
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

/** Pipe tables: outer pipes optional, `\|` kept as `|`, the `---` row under the header dropped. */

/** Splits a table line on unescaped pipes; `\|` stays in the cell for inlineToText to unescape. */
export function splitCells(line: string, meter: WorkMeter = { steps: 0 }): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  meter.steps += line.length + 1;
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') i++;
    else if (body[i] === '|') {
      cells.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  cells.push(body.slice(start).trim());
  return cells;
}

/** A `|` not preceded by a backslash. */
function hasUnescapedPipe(line: string, meter: WorkMeter): boolean {
  let at = line.indexOf('|');
  while (at > 0 && line[at - 1] === '\\') at = line.indexOf('|', at + 1);
  meter.steps += (at < 0 ? line.length : at) + 1;
  return at >= 0;
}

const SEPARATOR_CELL = /^:?-+:?$/;

function isSeparatorRow(line: string, meter: WorkMeter): boolean {
  return hasUnescapedPipe(line, meter) && splitCells(line, meter).every((cell) => SEPARATOR_CELL.test(cell));
}

/** A line starting with `|`, or a line with a pipe above a `---|---` separator row. */
function isTableStart(line: string, next: string | undefined, meter: WorkMeter): boolean {
  if (line.trimStart().startsWith('|')) return true;
  return next !== undefined && hasUnescapedPipe(line, meter) && isSeparatorRow(next, meter);
}

function isTableRow(line: string, meter: WorkMeter): boolean {
  meter.steps += line.length;
  if (line.trim() === '' || readHeading(line, meter)) return false;
  return line.trimStart().startsWith('|') || (hasUnescapedPipe(line, meter) && !readListItem(line, meter));
}

/**
 * Cell text row by row. Short rows are padded with '' so the table is rectangular, as long as the
 * padding stays within the table's own size in characters: one wide header over thousands of
 * one-character rows would otherwise turn 60 KB into hundreds of millions of empty cells.
 */
function tableRows(rawRows: string[], meter: WorkMeter): string[][] {
  const rows = rawRows.filter((raw, index) => !(index === 1 && isSeparatorRow(raw, meter))).map((raw) => splitCells(raw, meter).map((cell) => inlineToText(cell, meter)));
  let width = 0;
  let cells = 0;
  let size = 0;
  for (const row of rows) {
    width = Math.max(width, row.length);
    cells += row.length;
  }
  for (const raw of rawRows) size += raw.length + 1;
  meter.steps += rows.length + rawRows.length;
  if (width * rows.length - cells > size) return rows;
  meter.steps += width * rows.length - cells;
  return rows.map((row) => (row.length < width ? [...row, ...Array<string>(width - row.length).fill('')] : row));
}

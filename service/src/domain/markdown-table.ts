import { inlineToText } from './markdown-inline.js';
import type { WorkMeter } from './markdown-inline-marks.js';
import { readHeading, readListItem } from './markdown-lines.js';

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
export function isTableStart(line: string, next: string | undefined, meter: WorkMeter): boolean {
  if (line.trimStart().startsWith('|')) return true;
  return next !== undefined && hasUnescapedPipe(line, meter) && isSeparatorRow(next, meter);
}

export function isTableRow(line: string, meter: WorkMeter): boolean {
  meter.steps += line.length;
  if (line.trim() === '' || readHeading(line, meter)) return false;
  return line.trimStart().startsWith('|') || (hasUnescapedPipe(line, meter) && !readListItem(line, meter));
}

/**
 * Cell text row by row. Short rows are padded with '' so the table is rectangular, as long as the
 * padding stays within the table's own size in characters: one wide header over thousands of
 * one-character rows would otherwise turn 60 KB into hundreds of millions of empty cells.
 */
export function tableRows(rawRows: string[], meter: WorkMeter): string[][] {
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

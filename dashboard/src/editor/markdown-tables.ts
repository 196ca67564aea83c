/**
 * The two weekly edits, made on the Markdown text itself so the document stays the one source of
 * truth: append a row to the Progress log table, set an activity's Status cell. Tables are written
 * back aligned (cells padded to the widest in their column) so the text stays readable.
 */

/** The statuses the service reads (DESIGN.md, activities). */
export const ACTIVITY_STATUSES = ['Not started', 'In progress', 'Done', 'Dropped'] as const;

export interface TableRange {
  /** Line index of the header row. */
  start: number;
  /** Line index after the last row. */
  end: number;
  header: string[];
  /** Body rows (the separator row excluded), as cell text. */
  rows: string[][];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const SEPARATOR_CELL = /^:?-{1,}:?$/;

/**
 * Where each cell of one table row lies in `line` (offsets into it), by the service's own rule
 * (service/src/domain/markdown-read.ts `splitCells`): outer pipes optional, `\|` inside a cell, and
 * an empty cell is a cell. The preview places its cells by these ranges, never by counting the cells
 * a Markdown parser found (GFM parsers drop empty cells, which shifted every later column left).
 */
export function cellRanges(line: string): { from: number; to: number }[] {
  let from = line.length - line.trimStart().length;
  let to = line.trimEnd().length;
  if (line[from] === '|') from++;
  if (to > from && line[to - 1] === '|' && line[to - 2] !== '\\') to--;
  const ranges: { from: number; to: number }[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (line[i] === '\\' && line[i + 1] === '|') i++;
    else if (line[i] === '|') {
      ranges.push({ from: start, to: i });
      start = i + 1;
    }
  }
  ranges.push({ from: start, to });
  return ranges;
}

/** Cells of one table row, trimmed; `\|` stays inside a cell; empty cells kept in their places. */
export function splitRow(line: string): string[] {
  return cellRanges(line).map(({ from, to }) => line.slice(from, to).trim());
}

const isRow = (line: string | undefined) => line?.trim().includes('|') === true;
const isSeparator = (line: string | undefined) => isRow(line) && splitRow(line as string).every((cell) => SEPARATOR_CELL.test(cell));

/** Text safe inside one cell: no line breaks, pipes escaped. */
export const cellText = (text: string) =>
  text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/(?<!\\)\|/g, '\\|')
    .trim();

/** The first table under the heading whose text matches `heading` (before the next heading of its level or above). */
export function findTable(lines: readonly string[], heading: RegExp): TableRange | null {
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    const h = HEADING.exec(lines[i] as string);
    if (h) {
      const hashes = (h[1] as string).length;
      if (level && hashes <= level) return null;
      if (!level && heading.test(h[2] as string)) level = hashes;
      continue;
    }
    if (level && isRow(lines[i]) && isSeparator(lines[i + 1])) {
      let end = i + 2;
      while (isRow(lines[end])) end++;
      return { start: i, end, header: splitRow(lines[i] as string), rows: lines.slice(i + 2, end).map(splitRow) };
    }
  }
  return null;
}

/** A table as aligned lines: every cell padded to its column's widest cell. */
export function alignedTable(header: string[], rows: string[][], separator?: string[]): string[] {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const fill = (cells: string[]) => Array.from({ length: columns }, (_, i) => cells[i] ?? '');
  const all = [fill(header), ...rows.map(fill)];
  const widths = Array.from({ length: columns }, (_, i) => Math.max(3, ...all.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = widths.map((w, i) => {
    const cell = separator?.[i] ?? '';
    const left = cell.startsWith(':') ? ':' : '-';
    const right = cell.endsWith(':') && cell.length > 1 ? ':' : '-';
    return left + '-'.repeat(w - 2) + right;
  });
  return [line(all[0] as string[]), `| ${rule.join(' | ')} |`, ...all.slice(1).map(line)];
}

function replaceTable(lines: string[], table: TableRange, rows: string[][]): string {
  const separator = splitRow(lines[table.start + 1] as string);
  const out = [...lines.slice(0, table.start), ...alignedTable(table.header, rows, separator), ...lines.slice(table.end)];
  return out.join('\n');
}

/** The table at `line` (any of its lines), aligned; null when `line` is not in a table. */
export function alignTableAt(markdown: string, line: number): { from: number; to: number; text: string } | null {
  const lines = markdown.split('\n');
  if (!isRow(lines[line])) return null;
  let start = line;
  while (start > 0 && isRow(lines[start - 1])) start--;
  if (!isSeparator(lines[start + 1])) return null;
  let end = start + 2;
  while (isRow(lines[end])) end++;
  const text = alignedTable(splitRow(lines[start] as string), lines.slice(start + 2, end).map(splitRow), splitRow(lines[start + 1] as string)).join('\n');
  return { from: start, to: end, text };
}

export interface ProgressEntry {
  date: string;
  update: string;
  by: string;
}

const PROGRESS = /progress/i;
const ACTIVITIES = /activit/i;

/** The document with one more row at the bottom of the Progress log (the section and table made if missing). */
export function appendProgressEntry(markdown: string, entry: ProgressEntry): string {
  const lines = markdown.split('\n');
  const table = findTable(lines, PROGRESS);
  const row = [cellText(entry.date), cellText(entry.update), cellText(entry.by)];
  if (table) return replaceTable(lines, table, [...table.rows, row]);
  const fresh = alignedTable(['Date', 'Update', 'By'], [row]).join('\n');
  const trimmed = markdown.replace(/\s+$/, '');
  const heading = lines.findIndex((l) => HEADING.test(l) && PROGRESS.test(l));
  if (heading < 0) return `${trimmed}\n\n## Progress log\n\n${fresh}\n`;
  return [...lines.slice(0, heading + 1), '', fresh, ...lines.slice(heading + 1)].join('\n');
}

function statusColumn(table: TableRange): number {
  return table.header.findIndex((cell) => /status/i.test(cell));
}

/** The document with one activity's Status cell set; unchanged when there is no such row. */
export function setActivityStatus(markdown: string, row: number, status: string): string {
  const lines = markdown.split('\n');
  const table = findTable(lines, ACTIVITIES);
  if (!table) return markdown;
  const column = statusColumn(table);
  const cells = table.rows[row];
  if (column < 0 || !cells) return markdown;
  const rows = table.rows.map((r, i) => (i === row ? Object.assign([...r], { [column]: cellText(status) }) : r));
  return replaceTable(lines, table, rows);
}

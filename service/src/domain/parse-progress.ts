import type { DocumentBlock, TableBlock } from './document-model.js';
import { type ParseOptions, readLeadingDate } from './parse-dates.js';
import { type ColumnPatterns, cell, findColumns, rowLabel } from './parse-sections.js';
import type { ProgressEntry } from './plan.js';

const COLUMNS: ColumnPatterns<'by' | 'date' | 'text'> = [
  ['by', / (by|who|author|owner|person|name|written by|added by) /],
  ['date', / (date|when|day|on) /],
  ['text', / (update|updates|progress|notes?|what|summary|comments?|entry|details|description|text|done|outcome) /],
];

/** Text that looks like someone tried to start it with a date ("32/13: ...", "2026-13-01 x"). */
const DATE_LIKE = /^\s*@?\d{1,4}[/.-]\d{1,2}\b/;

/**
 * Progress entries from the blocks of the Progress log section, sorted by date (stable): rows of its
 * tables (Date | Update | By, columns found by header), and list items or paragraphs that start with
 * a date ("2026-12-03: did x", "3 Dec 2026 - did x", "Dec 3: x"). Rows it cannot date are warnings.
 */
export function readProgressEntries(blocks: DocumentBlock[], options: ParseOptions, warnings: string[]): ProgressEntry[] {
  const entries: ProgressEntry[] = [];
  /** A dated sub-heading ("### 3 Dec 2026") whose text is the paragraphs and items under it. */
  let dated: { date: string; parts: string[] } | null = null;
  let previous: Columns | null = null;
  const closeDated = (): void => {
    if (dated && dated.parts.length > 0) entries.push({ date: dated.date, text: dated.parts.join(' ') });
    else if (dated) warnings.push(`Progress log: the heading dated ${dated.date} has no update under it; it was left out.`);
    dated = null;
  };
  for (const block of blocks) {
    if (block.type === 'heading') {
      closeDated();
      const read = readLeadingDate(block.text, options);
      if (read) dated = { date: read.date, parts: read.rest === '' ? [] : [read.rest] };
    } else if (block.type === 'table') {
      closeDated();
      const read = tableEntries(block, previous, options, warnings);
      entries.push(...read.entries);
      previous = read.columns ?? previous;
    } else if (dated && block.text.trim() !== '' && !readLeadingDate(block.text, options)) {
      dated.parts.push(block.text.trim());
    } else {
      const entry = textEntry(block, options, warnings);
      if (entry) entries.push(entry);
    }
  }
  closeDated();
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function textEntry(block: Extract<DocumentBlock, { type: 'list_item' | 'paragraph' }>, options: ParseOptions, warnings: string[]): ProgressEntry | null {
  const text = block.text.trim();
  if (text === '') return null;
  const read = readLeadingDate(text, options);
  if (!read) {
    // Prose under the heading is fine; a top-level list item or a broken date is probably a lost entry.
    const isItem = block.type === 'list_item' && !block.depth;
    if (isItem || DATE_LIKE.test(text)) warnings.push(`Progress log: cannot read a date at the start of "${text}"; it was left out (write e.g. "2026-12-03: ...").`);
    return null;
  }
  if (read.rest === '') {
    warnings.push(`Progress log: the entry dated ${read.date} ("${text}") has no update text; it was left out.`);
    return null;
  }
  return { date: read.date, text: read.rest };
}

type Columns = Partial<Record<'by' | 'date' | 'text', number>> & { width: number };

/**
 * One table's entries. A table without a header we can read continues the table before it when as
 * wide (a blank line typed between rows splits a Markdown table), or is read as Date | Update | By
 * when its first cell is a date.
 */
function tableEntries(table: TableBlock, previous: Columns | null, options: ParseOptions, warnings: string[]): { entries: ProgressEntry[]; columns: Columns | null } {
  const [header = [], ...rest] = table.rows;
  let columns: Columns = { ...findColumns(header, COLUMNS), width: header.length };
  let rows = rest;
  if (columns.date === undefined) {
    if (previous?.width === header.length) columns = previous;
    else if (readLeadingDate(header[0] ?? '', options) !== null) columns = { date: 0, text: 1, by: 2, width: header.length };
    else {
      warnings.push(`A table under Progress log has no Date column (its header is "${header.join(' | ')}"); it was skipped.`);
      return { entries: [], columns: null };
    }
    rows = table.rows;
  }
  const entries: ProgressEntry[] = [];
  rows.forEach((row, index) => {
    if (row.every((text) => text.trim() === '')) return;
    const label = rowLabel('Progress log', index + 1);
    const dateText = cell(row, columns.date);
    const text =
      columns.text !== undefined
        ? cell(row, columns.text)
        : row
            .filter((_, i) => i !== columns.date && i !== columns.by)
            .map((c) => c.trim())
            .filter(Boolean)
            .join(' | ');
    if (dateText === '') {
      warnings.push(`${label} has no date ("${text}"); it was left out.`);
      return;
    }
    const read = readLeadingDate(dateText, options);
    if (!read) {
      warnings.push(`${label}: cannot read the date "${dateText}"; it was left out (write e.g. 2026-12-03 or 3 Dec 2026).`);
      return;
    }
    // The update may have been typed into the date cell ("2026-12-03: did x") with its own cell empty.
    const fullText = text || read.rest;
    if (fullText === '') {
      warnings.push(`${label} (${read.date}) has no update text; it was left out.`);
      return;
    }
    const entry: ProgressEntry = { date: read.date, text: fullText };
    const by = cell(row, columns.by);
    if (by !== '') entry.by = by;
    entries.push(entry);
  });
  return { entries, columns };
}

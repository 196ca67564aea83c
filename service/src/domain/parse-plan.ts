import type { DocumentBlock, DocumentModel, TableBlock } from './document-model.js';
import { type ParseOptions, parseHumanDate, readLeadingDate } from './dates.js';
import { findSections, readPlanParts, words } from './parse-sections.js';
import type { Activity, ActivityStatus, ParsedPlan, ProgressEntry } from './plan.js';

export type { ParseOptions };
export { parseHumanDate };

/**
 * Reads activities, progress entries and the text parts (domain/parse-sections.ts) out of a plan document, whatever people did to it:
 * sections found by loose heading match in any order and at any level, table columns found by
 * header name in any order, checklists instead of tables, dates in many forms, entries out of
 * order. What it cannot read becomes a warning; it never throws and never drops the rest.
 */
export function parsePlanDocument(doc: DocumentModel, options: ParseOptions): ParsedPlan {
  const sections = findSections(doc);
  const parts = readPlanParts(doc);
  const warnings: string[] = [...(doc.warnings ?? [])];

  const activityBlocks = join(sections.activities);
  if (sections.activities.length === 0) warnings.push('No Activities section found: add a heading "Activities" above the activities table.');
  const activities = readActivities(activityBlocks, options, warnings);
  if (sections.activities.length > 0 && activities.length === 0) warnings.push('No activities found under the Activities heading.');

  if (sections.progress.length === 0) warnings.push('No Progress log section found: add a heading "Progress log" above the progress table.');
  const progressEntries = readProgressEntries(join(sections.progress), options, warnings);

  return { activities, progressEntries, warnings, parts };
}

function join(sections: DocumentBlock[][]): DocumentBlock[] {
  return sections.flat();
}

/**
 * Activities from the blocks of the Activities section: rows of its tables (columns found by header),
 * checklist items (checked = done), or plain list items when there is neither (Not started).
 */
function readActivities(blocks: DocumentBlock[], options: ParseOptions, warnings: string[]): Activity[] {
  const fromTables: Activity[] = [];
  let previous: ActivityColumns | null = null;
  let rowsBefore = 0;
  for (const block of blocks) {
    if (block.type !== 'table') continue;
    const read = tableActivities(block, previous, rowsBefore, options, warnings);
    fromTables.push(...read.activities);
    previous = read.columns ?? previous;
    rowsBefore += read.rows;
  }
  const items = blocks.filter((block) => block.type === 'list_item' && !block.depth && block.text.trim() !== '');
  const checklist = items.filter((item) => item.type === 'list_item' && item.checked !== undefined);
  const listed = fromTables.length > 0 || checklist.length > 0 ? checklist : items;
  const fromLists = listed.flatMap((item): Activity[] => (item.type === 'list_item' ? [{ title: item.text.trim(), status: item.checked ? 'done' : 'not_started' }] : []));
  return [...fromTables, ...fromLists];
}

type ActivityColumns = Partial<Record<'owner' | 'due' | 'status' | 'title', number>> & { width: number };

const ACTIVITY_COLUMNS: ColumnPatterns<'owner' | 'due' | 'status' | 'title'> = [
  ['owner', / (owner|owners|who|responsible|assignee|assigned to|person|lead) /],
  ['due', / (due|when|deadline|date|by when|target|timing|until) /],
  ['status', / (status|state|progress) /],
  ['title', / (activity|activities|action|actions|task|tasks|what|item|step|description|title|name) /],
];

/**
 * One table's activities. A table whose header names no column we know but is as wide as the table
 * before it continues that table (a blank line typed between rows splits a Markdown table in two).
 */
function tableActivities(
  table: TableBlock,
  previous: ActivityColumns | null,
  rowsBefore: number,
  options: ParseOptions,
  warnings: string[],
): { activities: Activity[]; columns: ActivityColumns | null; rows: number } {
  const [header = [], ...rest] = table.rows;
  let columns: ActivityColumns = { ...findColumns(header, ACTIVITY_COLUMNS), width: header.length };
  let rows = rest;
  if (columns.title === undefined) {
    if (Object.keys(columns).length === 1) {
      if (previous?.width !== header.length) {
        warnings.push(`A table under Activities has no Activity column (its header is "${header.join(' | ')}"); it was skipped.`);
        return { activities: [], columns: null, rows: 0 };
      }
      columns = previous;
      rows = table.rows;
    } else {
      // Owner, Due or Status were recognised: the activity is the first other column.
      const taken = new Set([columns.owner, columns.due, columns.status]);
      columns.title = header.findIndex((_, i) => !taken.has(i));
      if (columns.title < 0) return { activities: [], columns: null, rows: 0 };
    }
  }
  const activities: Activity[] = [];
  rows.forEach((row, index) => {
    if (row.every((text) => text.trim() === '')) return;
    const label = rowLabel('Activities', rowsBefore + index + 1);
    const title = cell(row, columns.title);
    if (title === '') {
      warnings.push(`${label} has no activity name; it was skipped.`);
      return;
    }
    const statusText = cell(row, columns.status);
    let status = readStatus(statusText);
    if (status === null) {
      warnings.push(`${label} ("${title}"): unknown status "${statusText}", read as Not started (use Not started, In progress, Done or Dropped).`);
      status = 'not_started';
    }
    const activity: Activity = { title, status };
    const owner = cell(row, columns.owner);
    if (owner !== '') activity.owner = owner;
    const due = cell(row, columns.due);
    if (due !== '') activity.due = parseHumanDate(due, options) ?? due;
    activities.push(activity);
  });
  return { activities, columns, rows: rows.length };
}

/**
 * Activity statuses as people write them, checked in this order so that "not started" is not
 * read as started and "not done" not as done.
 */
const STATUS_WORDS: Array<[ActivityStatus, RegExp]> = [
  ['dropped', /\b(dropped|drop|cancell?ed|cancel|n\/a|na|not applicable|abandoned|skipped|skip|removed|descoped|won't do|wont do|no longer)\b|❌|🚫/u],
  ['not_started', /\b(not started|not yet|not begun|not done|to ?do|planned|pending|open|new|backlog|upcoming|scheduled|waiting|no)\b|⬜|☐/u],
  ['done', /\b(done|complete|completed|finished|achieved|closed|delivered|yes)\b|✅|✔|☑/u],
  ['in_progress', /\b(in progress|progress|progressing|wip|started|ongoing|on going|doing|underway|under way|in flight|partly|partially|active|working|begun)\b|🚧|⏳/u],
];

/** The activity status a cell names, or null when it names none we know. Empty is Not started. */
export function readStatus(text: string): ActivityStatus | null {
  const normal = ` ${text.toLowerCase().replace(/’/g, "'").replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
  if (normal.trim() === '') return 'not_started';
  for (const [status, pattern] of STATUS_WORDS) if (pattern.test(normal)) return status;
  return null;
}

/**
 * Progress entries from the blocks of the Progress log section, sorted by date (stable): rows of its
 * tables (Date | Update | By, columns found by header), and list items or paragraphs that start with
 * a date ("2026-12-03: did x", "3 Dec 2026 - did x", "Dec 3: x"). Rows it cannot date are warnings.
 */
function readProgressEntries(blocks: DocumentBlock[], options: ParseOptions, warnings: string[]): ProgressEntry[] {
  const entries: ProgressEntry[] = [];
  /** A dated sub-heading ("### 3 Dec 2026") whose text is the paragraphs and items under it. */
  let dated: { date: string; parts: string[] } | null = null;
  let previous: ProgressColumns | null = null;
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

/** Text that looks like someone tried to start it with a date ("32/13: ...", "2026-13-01 x"). */
const DATE_LIKE = /^\s*@?\d{1,4}[/.-]\d{1,2}\b/;

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

type ProgressColumns = Partial<Record<'by' | 'date' | 'text', number>> & { width: number };

const PROGRESS_COLUMNS: ColumnPatterns<'by' | 'date' | 'text'> = [
  ['by', / (by|who|author|owner|person|name|written by|added by) /],
  ['date', / (date|when|day|on) /],
  ['text', / (update|updates|progress|notes?|what|summary|comments?|entry|details|description|text|done|outcome) /],
];

/**
 * One table's entries. A table without a header we can read continues the table before it when as
 * wide (a blank line typed between rows splits a Markdown table), or is read as Date | Update | By
 * when its first cell is a date.
 */
function tableEntries(
  table: TableBlock,
  previous: ProgressColumns | null,
  options: ParseOptions,
  warnings: string[],
): { entries: ProgressEntry[]; columns: ProgressColumns | null } {
  const [header = [], ...rest] = table.rows;
  let columns: ProgressColumns = { ...findColumns(header, PROGRESS_COLUMNS), width: header.length };
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

/** Column roles (both tables' above), each with the header words that name it, most specific first. */
type ColumnPatterns<K extends string> = Array<[K, RegExp]>;

/**
 * Which column holds each role, from the header row: the first unused column whose header matches.
 * Roles are tried in the order given, so "Action owner" is an owner before it is an action.
 */
function findColumns<K extends string>(header: string[], patterns: ColumnPatterns<K>): Partial<Record<K, number>> {
  const found: Partial<Record<K, number>> = {};
  const used = new Set<number>();
  for (const [role, pattern] of patterns) {
    const index = header.findIndex((cell, i) => !used.has(i) && pattern.test(` ${words(cell)} `));
    if (index >= 0) {
      found[role] = index;
      used.add(index);
    }
  }
  return found;
}

/** The trimmed cell at a column, '' when the column or cell is absent. */
function cell(row: string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

/** "Progress log row 3" style labels count data rows from 1, as a reader sees them under the header. */
function rowLabel(section: string, rowNumber: number): string {
  return `${section} row ${rowNumber}`;
}

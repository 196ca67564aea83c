import type { DocumentBlock, TableBlock } from './document-model.js';
import { type ParseOptions, parseHumanDate } from './parse-dates.js';
import { type ColumnPatterns, cell, findColumns, rowLabel } from './parse-sections.js';
import type { Activity, ActivityStatus } from './plan.js';

const COLUMNS: ColumnPatterns<'owner' | 'due' | 'status' | 'title'> = [
  ['owner', / (owner|owners|who|responsible|assignee|assigned to|person|lead) /],
  ['due', / (due|when|deadline|date|by when|target|timing|until) /],
  ['status', / (status|state|progress) /],
  ['title', / (activity|activities|action|actions|task|tasks|what|item|step|description|title|name) /],
];

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
 * Activities from the blocks of the Activities section: rows of its tables (columns found by header),
 * checklist items (checked = done), or plain list items when there is neither (Not started).
 */
export function readActivities(blocks: DocumentBlock[], options: ParseOptions, warnings: string[]): Activity[] {
  const fromTables: Activity[] = [];
  let previous: Columns | null = null;
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

type Columns = Partial<Record<'owner' | 'due' | 'status' | 'title', number>> & { width: number };

/**
 * One table's activities. A table whose header names no column we know but is as wide as the table
 * before it continues that table (a blank line typed between rows splits a Markdown table in two).
 */
function tableActivities(
  table: TableBlock,
  previous: Columns | null,
  rowsBefore: number,
  options: ParseOptions,
  warnings: string[],
): { activities: Activity[]; columns: Columns | null; rows: number } {
  const [header = [], ...rest] = table.rows;
  let columns: Columns = { ...findColumns(header, COLUMNS), width: header.length };
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

import { readableDate } from '../domain/dates.js';
import { type PlanRecordView, type RecordEvent, type RecordTable, recordTables } from './plan-record.js';

/** A table cell: one line, its pipes escaped, so plan text cannot break the table. */
const cell = (text: string | null) => (text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
/** Plan text as paragraphs: a line that would start a heading, quote or list keeps its character as text. */
const paragraph = (text: string) => text.replace(/^([ \t]*)([#>*+-]|\d+[.)])/gm, '$1\\$2');
const table = ({ header, rows, empty }: RecordTable) =>
  rows.length === 0 && empty !== null
    ? empty
    : [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
const events = (list: RecordEvent[], none: string) => (list.length === 0 ? none : list.map((e) => `- ${e.at.slice(0, 10)}, ${e.by}: ${cell(e.text)}`).join('\n'));

/** The record as Markdown (GET /api/plans/{id}/record?format=md): the same parts as the HTML page. */
export function recordMarkdown(record: PlanRecordView): string {
  const out: string[] = [`# ${record.title}`, ''];
  out.push(`Record generated ${record.generatedAt}, from the document as last read ${record.readAt ?? '(never read)'}. Confidential: for the four parties and HR.`, '');
  const tables = recordTables(record);
  out.push(table(tables.people), '');
  out.push(
    `A ${record.kind} plan from ${readableDate(record.startDate)} to ${readableDate(record.endDate)}; ${record.state === 'closed' ? 'closed' : `stage: ${record.stage}`}.`,
    '',
  );
  for (const part of record.parts.slice(0, 3)) out.push(`## ${part.heading}`, '', paragraph(part.text), '');
  out.push('## Activities', '', table(tables.activities), '');
  for (const part of record.parts.slice(3)) out.push(`## ${part.heading}`, '', paragraph(part.text), '');
  out.push('## Progress log', '', table(tables.progress), '');
  out.push('## Check-ins', '', table(tables.checkIns), '');
  out.push('## Alignment and agreement', '', ...record.agreement.map((line) => `- ${cell(line)}`), '', '### Course of the plan', '', events(record.steps, 'Nothing recorded.'), '');
  out.push('## Adjustments', '', events(record.adjustments, 'None.'), '');
  out.push('## Outcome', '');
  if (record.outcome) {
    out.push(`${record.outcome.words}, closed ${record.outcome.closedAt.slice(0, 10)}${record.outcome.by ? ` by ${record.outcome.by}` : ''}.`, '');
    if (record.outcome.note) out.push(`Note: ${paragraph(record.outcome.note)}`, '');
  } else out.push('Not closed yet.', '');
  return out.join('\n');
}

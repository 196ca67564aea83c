import {
  type DocumentSection,
  type EditableBlock,
  type DatesChange,
  extensionNote,
  hasSection,
  planDatesRewrite,
  rewriteDates,
} from '../../domain/document-edits.js';
import type { DocumentEditResult } from '../types.js';

/**
 * Close and extend on a Markdown document, line by line: every line is a block for the planners of
 * domain/document-edits.ts (a heading, a paragraph line, or a table or list line that is left alone).
 * A date never wraps across lines in the template, so a line is enough to find it.
 */
function linesAsBlocks(lines: string[]): EditableBlock[] {
  return lines.map((line): EditableBlock => {
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) return { type: 'heading', text: heading[2] ?? '', level: heading[1]!.length };
    if (line.trim() === '' || /^\s*(\||[-*+]\s|\d+[.)]\s|>)/.test(line)) return { type: 'other', text: line };
    return { type: 'paragraph', text: line.trim() };
  });
}

/** The Markdown with the section at its end, or null when it holds that section already. */
export function withSection(markdown: string, section: DocumentSection): string | null {
  const lines = markdown.split(/\r?\n/);
  if (hasSection(linesAsBlocks(lines), section)) return null;
  const text = [`## ${section.heading}`, ...section.lines].join('\n\n');
  return `${markdown.replace(/\s*$/, '')}\n\n${text}\n`;
}

/** The Markdown with the new dates, and what happened (`present`: it said so already). */
export function withDates(markdown: string, change: DatesChange): { markdown: string; result: DocumentEditResult } {
  const lines = markdown.split(/\r?\n/);
  const plan = planDatesRewrite(linesAsBlocks(lines), change);
  if (plan.done) return { markdown, result: 'present' };
  for (const i of plan.rewrite) lines[i] = rewriteDates(lines[i]!, change);
  if (plan.noteAfter !== null) lines.splice(plan.noteAfter + 1, 0, '', extensionNote(change));
  const changed = plan.rewrite.length > 0 || plan.noteAfter !== null;
  return { markdown: lines.join('\n'), result: changed ? 'written' : 'unplaced' };
}

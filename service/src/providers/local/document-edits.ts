import { type DocumentSection, type EditableBlock, type DatesChange, extensionNote, hasSection, planDatesRewrite, rewriteDates } from '../../domain/document-edits.js';
import { type DatesWritten, type DocRef, type DocumentEditResult, ProviderError } from '../types.js';
import { readText, type LocalContext } from './context.js';

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
export function withDates(markdown: string, change: DatesChange): { markdown: string; written: DatesWritten } {
  const lines = markdown.split(/\r?\n/);
  const plan = planDatesRewrite(linesAsBlocks(lines), change);
  const { checkInList } = plan;
  if (plan.done) return { markdown, written: { result: 'present', checkInList } };
  for (const i of plan.rewrite) lines[i] = rewriteDates(lines[i]!, change);
  if (plan.noteAfter !== null) lines.splice(plan.noteAfter + 1, 0, '', extensionNote(change));
  const changed = plan.rewrite.length > 0 || plan.noteAfter !== null;
  return { markdown: lines.join('\n'), written: { result: changed ? 'written' : 'unplaced', checkInList } };
}

/**
 * Change the text with `edit` unless it returns null (nothing to do); the write compares and swaps,
 * so an edit saved meanwhile in the editor is read again instead of lost.
 */
async function editText(ctx: LocalContext, ref: DocRef, edit: (markdown: string) => string | null): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readText(ctx, ref);
    const next = edit(current.markdown);
    if (next === null || next === current.markdown) return false;
    if (await ctx.blobs.replace(ref.docId, current.markdown, next)) return true;
  }
  throw new ProviderError(`[local] the document of plan ${ref.planId} kept changing while it was being written`, { retryable: true });
}

/** On close and reopen: the section at the end of the document, unless it is there already. */
export async function appendSection(ctx: LocalContext, ref: DocRef, section: DocumentSection): Promise<DocumentEditResult> {
  return (await editText(ctx, ref, (markdown) => withSection(markdown, section))) ? 'written' : 'present';
}

/** On extend: the new dates in the document's text. */
export async function writeDates(ctx: LocalContext, ref: DocRef, change: DatesChange): Promise<DatesWritten> {
  let written: DatesWritten = { result: 'present' };
  await editText(ctx, ref, (markdown) => {
    const edited = withDates(markdown, change);
    written = edited.written;
    return edited.markdown;
  });
  return written;
}

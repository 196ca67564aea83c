/**
 * What close and extend write into a plan's document, the same on every provider: the closing
 * section's text, and where an extension's new end date goes. Pure: each provider turns these into
 * its own requests (Docs batchUpdate, Notion blocks, Markdown lines) and reads its own document into
 * the `EditableBlock` list these functions look at.
 */
import { readableDate } from './dates.js';
import type { CloseOutcome } from './plan-schema.js';
import { words } from './parse-sections.js';

/** Close's word for the document: who closed, when, with which outcome and note. */
export interface ClosingNotice {
  outcome: CloseOutcome;
  note: string | null;
  /** YYYY-MM-DD in TIME_ZONE. */
  closedOn: string;
  /** The person as the plan names them, with their role: "Ben Ortiz (manager)". */
  closedBy: string;
}

/** Extend's word for the document. */
export interface EndDateChange {
  from: string;
  to: string;
  /** YYYY-MM-DD in TIME_ZONE. */
  changedOn: string;
  changedBy: string;
}

export const OUTCOME_WORDS: Record<CloseOutcome, string> = {
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  not_achieved: 'Not achieved',
};

/** The closing section's heading; "Outcome" ends the Progress log section for the parser too. */
export const CLOSING_HEADING = 'Outcome';

/** The closing section's paragraphs after its heading: one line each, nothing that reads as Markdown syntax. */
export function closingLines(notice: ClosingNotice): string[] {
  const lines = [`Closed on ${readableDate(notice.closedOn)} by ${notice.closedBy}. Outcome: ${OUTCOME_WORDS[notice.outcome]}.`];
  const note = notice.note?.replace(/\s+/g, ' ').trim();
  if (note) lines.push(`Note: ${note}`);
  return lines;
}

/** A document block as the edit planners see it: headings with their level, everything else as text. */
export interface EditableBlock {
  type: 'heading' | 'paragraph' | 'other';
  text: string;
  level?: number;
}

/** A section the service adds at the end of a document: a heading and one-line paragraphs. */
export interface DocumentSection {
  heading: string;
  lines: string[];
  /**
   * Look for the section only after the last heading of this name: a plan closed, reopened and
   * closed again the same day by the same person gets its second closing section.
   */
  after?: string;
}

const REOPENED_HEADING = 'Reopened';

export function closingSection(notice: ClosingNotice): DocumentSection {
  return { heading: CLOSING_HEADING, lines: closingLines(notice), after: REOPENED_HEADING };
}

/** Said when HR reopens a closed plan: who, when, why. */
export interface ReopenNotice {
  reopenedOn: string;
  reopenedBy: string;
  reason: string;
}

export function reopenSection(notice: ReopenNotice): DocumentSection {
  return { heading: REOPENED_HEADING, after: CLOSING_HEADING, lines: [`Reopened on ${readableDate(notice.reopenedOn)} by ${notice.reopenedBy}: ${notice.reason.replace(/\s+/g, ' ').trim()}`] };
}

/**
 * Whether the document already holds this section (a retry after a crash between the write and its
 * record must not write it twice): its heading followed by its first line.
 */
export function hasSection(blocks: EditableBlock[], section: DocumentSection): boolean {
  const first = section.lines[0]?.trim() ?? '';
  const isHeading = (block: EditableBlock, text: string) => block.type === 'heading' && words(block.text) === words(text);
  let from = 0;
  if (section.after) blocks.forEach((block, i) => {
    if (isHeading(block, section.after!)) from = i + 1;
  });
  return blocks.some((block, i) => i >= from && isHeading(block, section.heading) && blocks.slice(i + 1, i + 4).some((next) => next.text.trim() === first));
}

/** The dates as the document may spell them: the template writes "31 Dec 2026"; people may type 2026-12-31. */
export function dateSpellings(isoDate: string): string[] {
  return [readableDate(isoDate), isoDate];
}

/** Where an extension goes: paragraphs to rewrite (by index), or the block after which a note goes. */
export interface EndDatePlan {
  /** Nothing to do: the Timeline section already names the new end date. */
  done: boolean;
  /** Indices of paragraphs (the opening ones and the Timeline section's) naming the old end date. */
  rewrite: number[];
  /**
   * When the Timeline section names no old end date: the index of its last paragraph (or its heading
   * when it has none), to add the note after.
   */
  noteAfter: number | null;
}

const isTimeline = (block: EditableBlock) => block.type === 'heading' && /\b(timeline|dates|duration|schedule)\b/.test(words(block.text));

/**
 * Plan an extension over a document: the paragraphs before the first section heading (the template's
 * "from ... to ...") and those of the Timeline section that name the old end date are rewritten; when
 * the Timeline section names none (someone reworded it), a note is added at its end. A Timeline that
 * already names the new date is done, so a retry changes nothing.
 */
export function planEndDateRewrite(blocks: EditableBlock[], change: EndDateChange): EndDatePlan {
  const start = blocks.findIndex(isTimeline);
  const level = start >= 0 ? (blocks[start]!.level ?? 1) : 0;
  let end = start + 1;
  while (start >= 0 && end < blocks.length && !(blocks[end]!.type === 'heading' && (blocks[end]!.level ?? 1) <= level)) end++;
  const timeline = start >= 0 ? blocks.slice(start + 1, end) : [];
  const names = (block: EditableBlock, date: string) => dateSpellings(date).some((spelling) => block.text.includes(spelling));
  if (timeline.some((block) => names(block, change.to))) return { done: true, rewrite: [], noteAfter: null };
  const firstHeading = blocks.findIndex((block, i) => block.type === 'heading' && i > 0);
  const opening = blocks.map((_, i) => i).filter((i) => i < Math.max(firstHeading, 0) && blocks[i]!.type === 'paragraph');
  const inTimeline = timeline.map((_, i) => start + 1 + i).filter((i) => blocks[i]!.type === 'paragraph');
  const rewrite = [...opening, ...inTimeline].filter((i) => names(blocks[i]!, change.from));
  const timelineRewritten = rewrite.some((i) => i > start && start >= 0);
  let last = end - 1;
  while (last > start && blocks[last]!.type === 'other') last--;
  return { done: false, rewrite, noteAfter: start >= 0 && !timelineRewritten ? last : null };
}

/** A paragraph's text with the old end date (in either spelling) replaced by the new one. */
export function rewriteEndDate(text: string, change: EndDateChange): string {
  const [readableFrom, isoFrom] = dateSpellings(change.from);
  return text.split(readableFrom!).join(readableDate(change.to)).split(isoFrom!).join(change.to);
}

/** The note added to a Timeline section that did not name the old end date. */
export function extensionNote(change: EndDateChange): string {
  return `Extended on ${readableDate(change.changedOn)} by ${change.changedBy}: the plan now ends on ${readableDate(change.to)} (it was ${readableDate(change.from)}).`;
}

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

/**
 * The plan's dates as they move in the document: the end date always (`from`, `to`); the start date
 * when a draft whose start had passed is shared (the dates move, keeping the length); and the
 * check-in dates whenever their list changes, on that share and on an extend (the list the template
 * writes, as it spells it: "15 Dec 2026, 29 Dec 2026"). Extends recorded before the list was carried
 * have no `checkIns`: they move the end date only.
 */
export interface DatesChange extends EndDateChange {
  start?: { from: string; to: string };
  checkIns?: { from: string; to: string };
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
  return {
    heading: REOPENED_HEADING,
    after: CLOSING_HEADING,
    lines: [`Reopened on ${readableDate(notice.reopenedOn)} by ${notice.reopenedBy}: ${notice.reason.replace(/\s+/g, ' ').trim()}`],
  };
}

/**
 * Whether the document already holds this section (a retry after a crash between the write and its
 * record must not write it twice): its heading followed by its first line.
 */
export function hasSection(blocks: EditableBlock[], section: DocumentSection): boolean {
  const first = section.lines[0]?.trim() ?? '';
  const isHeading = (block: EditableBlock, text: string) => block.type === 'heading' && words(block.text) === words(text);
  let from = 0;
  if (section.after)
    blocks.forEach((block, i) => {
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
  /** What the check-in list becomes once the plan is applied; absent when the change moves none. */
  checkInList?: CheckInListResult;
}

/**
 * The check-in list after a write: `written` now, `present` (it listed the new dates already), or
 * `not_found` (people reworded or edited it by hand: left as they wrote it).
 */
export type CheckInListResult = 'written' | 'present' | 'not_found';

const isTimeline = (block: EditableBlock) => block.type === 'heading' && /\b(timeline|dates|duration|schedule)\b/.test(words(block.text));

/**
 * Plan an extension over a document: the paragraphs before the first section heading (the template's
 * "from ... to ...") and those of the Timeline section that name the old end date are rewritten; when
 * the Timeline section names none (someone reworded it), a note is added at its end. The check-in
 * list is rewritten where the template's check-in sentence still holds the old list (`checkInLists`).
 * A Timeline that already names the new date, with no old check-in list left, is done: a retry
 * changes nothing.
 */
export function planDatesRewrite(blocks: EditableBlock[], change: DatesChange): EndDatePlan {
  const start = blocks.findIndex(isTimeline);
  const level = start >= 0 ? (blocks[start]!.level ?? 1) : 0;
  let end = start + 1;
  while (start >= 0 && end < blocks.length && !(blocks[end]!.type === 'heading' && (blocks[end]!.level ?? 1) <= level)) end++;
  const timeline = start >= 0 ? blocks.slice(start + 1, end) : [];
  const names = (block: EditableBlock, date: string) => dateSpellings(date).some((spelling) => mentions(block.text, spelling));
  // The check-in list sits in its own section (Update cadence) in the template: wherever the sentence is.
  const { checkIns } = change;
  const lists = checkIns && checkIns.from !== checkIns.to ? blocks.map((block) => (block.type === 'paragraph' ? checkInLists(block.text, checkIns) : [])) : null;
  const withOldCheckIns = (lists ?? []).flatMap((spots, i) => (spots.some((list) => list.holds === 'old') ? [i] : []));
  const found: CheckInListResult | null = lists && (withOldCheckIns.length > 0 ? 'written' : lists.some((spots) => spots.length > 0) ? 'present' : 'not_found');
  const checkInList = found ? { checkInList: found } : {};
  if (timeline.some((block) => names(block, change.to)) && withOldCheckIns.length === 0) return { done: true, rewrite: [], noteAfter: null, ...checkInList };
  const firstHeading = blocks.findIndex((block, i) => block.type === 'heading' && i > 0);
  const opening = blocks.map((_, i) => i).filter((i) => i < Math.max(firstHeading, 0) && blocks[i]!.type === 'paragraph');
  const inTimeline = timeline.map((_, i) => start + 1 + i).filter((i) => blocks[i]!.type === 'paragraph');
  const rewrite = [...new Set([...opening, ...inTimeline].filter((i) => dateReplacements(blocks[i]!.text, change).length > 0).concat(withOldCheckIns))].sort((a, b) => a - b);
  const timelineDone = rewrite.some((i) => i > start && i < end && start >= 0) || timeline.some((block) => names(block, change.to));
  let last = end - 1;
  while (last > start && blocks[last]!.type === 'other') last--;
  return { done: false, rewrite, noteAfter: start >= 0 && !timelineDone ? last : null, ...checkInList };
}

/**
 * The template's words before the check-in list: "Check-ins are due on: 15 Dec 2026, 29 Dec 2026."
 * The list is looked for only right after them, never searched for across the document: with no
 * check-ins it reads "at the end", which people write elsewhere too.
 */
const CHECK_IN_SENTENCE = /\bcheck-ins are due on:[ \t]*/gi;

/**
 * Where a list ends: not inside a word, and not followed by more of a list (", 26 Jan 2027", "and
 * ..."). A list someone lengthened or reworded by hand is then neither the old nor the new one.
 */
const LIST_END = /(?!\w)(?!\s*(?:,|&|and\b|or\b))/y;

/** Whether a list ends at `at` (sticky: looks at that place only, so many sentences in one paragraph stay linear). */
function endsList(text: string, at: number): boolean {
  LIST_END.lastIndex = at;
  return LIST_END.test(text);
}

/** A check-in list found after the template's sentence: the old one (to rewrite) or the new one (done). */
interface CheckInListSpot {
  at: number;
  length: number;
  holds: 'old' | 'new';
}

/**
 * The check-in lists a paragraph holds after the template's sentence. The new list is looked for
 * first: after an extend it usually starts with the old one ("15 Dec 2026, 29 Dec 2026" becomes
 * "15 Dec 2026, 29 Dec 2026, 12 Jan 2027"), so a list already rewritten must not read as the old one.
 * A list that is neither (reworded, hand-edited) is not a spot: people's text is left as they wrote it.
 */
function checkInLists(text: string, checkIns: { from: string; to: string }): CheckInListSpot[] {
  const spots: CheckInListSpot[] = [];
  for (const sentence of text.matchAll(CHECK_IN_SENTENCE)) {
    const at = sentence.index + sentence[0].length;
    const found = (
      [
        ['new', checkIns.to],
        ['old', checkIns.from],
      ] as const
    ).find(([, list]) => text.startsWith(list, at) && endsList(text, at + list.length));
    if (found) spots.push({ at, length: found[1].length, holds: found[0] });
  }
  return spots;
}

/** One replacement in a paragraph's text: `length` characters at `at` become `text`. */
export interface DateReplacement {
  at: number;
  length: number;
  text: string;
}

/**
 * Where a paragraph names the old dates, and what each becomes, in one pass so that a date that is
 * both old and new (the old end date becoming the new start, a check-in date shifting onto the
 * next) moves once. The check-in list is replaced whole, after the template's sentence only, and no
 * single date inside a check-in list (old or new) is moved. A paragraph that already names the new
 * end date was rewritten before (a retry after a crash, Notion's block-by-block writes): only an
 * old check-in list is replaced in it.
 */
export function dateReplacements(text: string, change: DatesChange): DateReplacement[] {
  const lists = change.checkIns && change.checkIns.from !== change.checkIns.to ? checkInLists(text, change.checkIns) : [];
  const replacements = lists.filter((list) => list.holds === 'old').map((list) => ({ at: list.at, length: list.length, text: change.checkIns!.to }));
  // The text with its check-in lists blanked out, offsets kept: single dates are read outside them.
  let outside = '';
  for (const list of lists) outside += text.slice(outside.length, list.at) + ' '.repeat(list.length);
  outside += text.slice(outside.length);
  const moves = new Map<string, string>();
  if (!dateSpellings(change.to).some((spelling) => mentions(outside, spelling))) {
    for (const move of [change.start, { from: change.from, to: change.to }]) {
      if (!move || move.from === move.to) continue;
      dateSpellings(move.from).forEach((spelling, n) => {
        moves.set(spelling, n === 0 ? readableDate(move.to) : move.to);
      });
    }
  }
  if (moves.size > 0) {
    const pattern = new RegExp(`${EDGE_BEFORE}(?:${[...moves.keys()].map(escapeRegExp).join('|')})${EDGE_AFTER}`, 'g');
    for (const match of outside.matchAll(pattern)) replacements.push({ at: match.index, length: match[0].length, text: moves.get(match[0])! });
  }
  return replacements.sort((a, b) => a.at - b.at);
}

// Whole dates only: "5 Dec 2026" is not inside "15 Dec 2026", nor 2026-12-0 inside 2026-12-05.
const EDGE_BEFORE = '(?<![\\w])';
const EDGE_AFTER = '(?![\\w])';

/** Whether the text names the phrase (a date) as a whole, not inside a longer one. */
function mentions(text: string, phrase: string): boolean {
  return new RegExp(`${EDGE_BEFORE}${escapeRegExp(phrase)}${EDGE_AFTER}`).test(text);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A paragraph's text with the old dates (in either spelling) replaced by the new ones. */
export function rewriteDates(text: string, change: DatesChange): string {
  let out = '';
  let from = 0;
  for (const r of dateReplacements(text, change)) {
    out += text.slice(from, r.at) + r.text;
    from = r.at + r.length;
  }
  return out + text.slice(from);
}

/** The note added to a Timeline section that did not name the old end date. */
export function extensionNote(change: DatesChange): string {
  if (change.start) {
    return `Dates moved on ${readableDate(change.changedOn)} by ${change.changedBy} as the plan was shared: it now runs from ${readableDate(change.start.to)} to ${readableDate(change.to)} (it was ${readableDate(change.start.from)} to ${readableDate(change.from)}).`;
  }
  return `Extended on ${readableDate(change.changedOn)} by ${change.changedBy}: the plan now ends on ${readableDate(change.to)} (it was ${readableDate(change.from)}).`;
}

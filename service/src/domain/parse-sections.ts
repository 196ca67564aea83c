import type { DocumentBlock, DocumentModel } from './document-model.js';

/**
 * Where a plan's parts are in a document, however people rearranged it: the Activities and Progress
 * log sections (findSections) and the four parts written as text (readPlanParts). Headings are
 * matched loosely, by their words, at any level and in any order. The columns of the sections'
 * tables are found where those tables are read (parse-plan.ts).
 */

export type SectionKind = 'activities' | 'progress';

/** The handbook's parts written as text that the document (not the form) holds once people edit it. */
export const TEXT_PARTS = ['developmentArea', 'currentState', 'goalState', 'supportAssets'] as const;
export type TextPart = (typeof TEXT_PARTS)[number];
export type PlanParts = Partial<Record<TextPart, string>>;

/** The template's other sections: a heading naming one ends an Activities or Progress section. */
const OTHER_SECTION = / (development area|current state|goals?|goal state|timeline|support|assets|resources|cadence|parties|roles) /;

/**
 * The blocks under each heading of a kind, in document order. A section runs to the next heading of
 * the same or a higher level, or to the next heading that names a plan section itself.
 */
export function findSections(doc: DocumentModel): Record<SectionKind, DocumentBlock[][]> {
  const sections: Record<SectionKind, DocumentBlock[][]> = { activities: [], progress: [] };
  let current: { level: number; blocks: DocumentBlock[] } | null = null;
  for (const block of doc.blocks) {
    if (block.type === 'heading') {
      const kind = sectionKind(block.text);
      if (kind) {
        current = { level: block.level, blocks: [] };
        sections[kind].push(current.blocks);
        continue;
      }
      if (current && (block.level <= current.level || OTHER_SECTION.test(` ${words(block.text)} `))) current = null;
    }
    current?.blocks.push(block);
  }
  return sections;
}

/** Other headings of the template: one ends a part's section, whatever its level. */
const ANY_PART = / (activities|activity|timeline|cadence|progress|parties|roles|outcome|reopened) /;

/**
 * The text of each part as the document says it now: paragraphs and list items under its heading
 * (up to the next heading of the same or a higher level, or any heading naming another part), joined
 * by blank lines. A first paragraph that ends with ":" and introduces what follows (the template's
 * "The SMART goal we aim for together:") is the template's, not the plan's. A part whose section is
 * missing or empty is left out: the caller keeps what the form said (plans/plan-view.ts). The first
 * section of each part counts. One pass over the blocks.
 */
export function readPlanParts(doc: DocumentModel): PlanParts {
  const parts: PlanParts = {};
  let current: { part: TextPart; level: number; lines: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const lines = current.lines.length > 1 && /:\s*$/.test(current.lines[0]!) ? current.lines.slice(1) : current.lines;
    const text = lines.join('\n\n').trim();
    if (text && parts[current.part] === undefined) parts[current.part] = text;
    current = null;
  };
  for (const block of doc.blocks) {
    if (block.type === 'heading') {
      const part = partOf(block.text);
      if (part || (current && (block.level <= current.level || ANY_PART.test(` ${words(block.text)} `)))) finish();
      if (part) current = { part, level: block.level, lines: [] };
      continue;
    }
    current?.lines.push(...textOf(block));
  }
  finish();
  return parts;
}

/**
 * The text parts as they stand now: what the document says (its latest reading), and for a part it
 * does not say (section missing or emptied, or never read), what the form said at creation.
 */
export function partsNow(plan: Record<TextPart, string> & { parsed: { parts?: PlanParts } | null }): Record<TextPart, string> {
  const read = plan.parsed?.parts ?? {};
  return {
    developmentArea: read.developmentArea ?? plan.developmentArea,
    currentState: read.currentState ?? plan.currentState,
    goalState: read.goalState ?? plan.goalState,
    supportAssets: read.supportAssets ?? plan.supportAssets,
  };
}

/**
 * What a heading names, matched loosely: "Activities", "Development activities", "Actions", "Tasks";
 * "Progress log", "Progress", "Updates", "Check-ins", "Progress updates". "Update cadence" is neither.
 */
export function sectionKind(heading: string): SectionKind | null {
  const w = ` ${words(heading)} `;
  if (/ (cadence|frequency|schedule|rhythm) /.test(w)) return null;
  if (/ (progress|updates|check ?ins?|checkins?|log|journal|diary) /.test(w)) return 'progress';
  if (/ (activities|activity|actions?|tasks?|action items?|steps|to ?dos?) /.test(w)) return 'activities';
  return null;
}

/** Heading words for each part, matched loosely ("Goal", "SMART goal", "Goal state" are the goal). */
const PART_HEADINGS: Array<[TextPart, RegExp]> = [
  ['developmentArea', / (development area|area of development|development focus|growth (area|opportunity)|focus area) /],
  ['currentState', / (current state|current level|where we are|today|starting point) /],
  ['goalState', / (goal state|smart goal|goals?|target state|objective) /],
  ['supportAssets', / (support assets|support|resources|assets) /],
];

/** The text part a heading names; a heading naming Activities or Progress names none. */
function partOf(heading: string): TextPart | null {
  const w = ` ${words(heading)} `;
  if (sectionKind(heading) !== null) return null;
  for (const [part, pattern] of PART_HEADINGS) if (pattern.test(w)) return part;
  return null;
}

/** A block's lines as a part's text keeps them: list items keep their marker and depth, table rows their pipes. */
function textOf(block: DocumentBlock): string[] {
  switch (block.type) {
    case 'paragraph':
      return block.text.trim() ? [block.text.trim()] : [];
    case 'list_item':
      return block.text.trim() ? [`${'  '.repeat(block.depth ?? 0)}- ${block.text.trim()}`] : [];
    case 'table':
      return block.rows.map((row) => row.join(' | '));
    default:
      return [];
  }
}

/** Lower-case words of a heading or header cell: "Check-ins (weekly)!" -> "check ins weekly". */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

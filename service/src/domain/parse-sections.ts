import type { DocumentBlock, DocumentModel } from './document-model.js';

export type SectionKind = 'activities' | 'progress';

/** Lower-case words of a heading or header cell: "Check-ins (weekly)!" -> "check ins weekly". */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
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

/** Column roles, each with the header words that name it, most specific first. */
export type ColumnPatterns<K extends string> = Array<[K, RegExp]>;

/**
 * Which column holds each role, from the header row: the first unused column whose header matches.
 * Roles are tried in the order given, so "Action owner" is an owner before it is an action.
 */
export function findColumns<K extends string>(header: string[], patterns: ColumnPatterns<K>): Partial<Record<K, number>> {
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
export function cell(row: string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

/** "Progress log row 3" style labels count data rows from 1, as a reader sees them under the header. */
export function rowLabel(section: string, rowNumber: number): string {
  return `${section} row ${rowNumber}`;
}

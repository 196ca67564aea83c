import type { DocumentBlock, DocumentModel } from './document-model.js';
import { type ParseOptions, parseHumanDate } from './parse-dates.js';
import { findSections, readPlanParts } from './parse-sections.js';
import { readActivities } from './parse-activities.js';
import { readProgressEntries } from './parse-progress.js';
import type { ParsedPlan } from './plan.js';

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
  const warnings: string[] = [...(doc.warnings ?? [])];

  const activityBlocks = join(sections.activities);
  if (sections.activities.length === 0) warnings.push('No Activities section found: add a heading "Activities" above the activities table.');
  const activities = readActivities(activityBlocks, options, warnings);
  if (sections.activities.length > 0 && activities.length === 0) warnings.push('No activities found under the Activities heading.');

  if (sections.progress.length === 0) warnings.push('No Progress log section found: add a heading "Progress log" above the progress table.');
  const progressEntries = readProgressEntries(join(sections.progress), options, warnings);

  return { activities, progressEntries, warnings, parts: readPlanParts(doc) };
}

function join(sections: DocumentBlock[][]): DocumentBlock[] {
  return sections.flat();
}

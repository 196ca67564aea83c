import type { DocProvider } from '../types.js';
import { detectPageChanges } from './changes.js';
import { createNotionContext, type NotionProviderOptions } from './context.js';
import { createPlanPage } from './create.js';
import { appendSection, writeDates } from './document-edits.js';
import { readPlanPage } from './read.js';
import { checkNotionSetup } from './setup.js';
import { closePlanPage, reopenPlanPage } from './sharing/close.js';
import { enforcePageSharing } from './sharing/enforce.js';
import { sharePlanPage } from './sharing/share.js';

export type { NotionProviderOptions };

/**
 * Plans as pages of one "Coaching plans" database. Notion's API cannot share a page: the
 * database's page-level access rules grant each page to the people in its four Person
 * properties, and this provider keeps those properties exactly the plan's parties.
 */
export function notionProvider(options: NotionProviderOptions): DocProvider {
  const ctx = createNotionContext(options);
  return {
    name: 'notion',
    createDocument: (input) => createPlanPage(ctx, input),
    readDocument: (ref) => readPlanPage(ctx, ref),
    detectChanges: (cursor, docs) => detectPageChanges(ctx, cursor, docs),
    enforceSharing: (ref, parties, audit, how) => enforcePageSharing(ctx, ref, parties, audit, how),
    appendSection: (ref, section) => appendSection(ctx, ref, section),
    reopenDocument: (ref, _parties, audit) => reopenPlanPage(ctx, ref, audit),
    writeDates: (ref, change) => writeDates(ctx, ref, change),
    shareDocument: (input) => sharePlanPage(ctx, input),
    closeDocument: (ref, _parties, audit) => closePlanPage(ctx, ref, audit),
    checkSetup: () => checkNotionSetup(ctx),
  } satisfies DocProvider;
}

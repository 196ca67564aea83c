import type { AuditSink } from '../../../domain/audit.js';
import type { DocRef } from '../../types.js';
import { step } from '../api/errors.js';
import { forgetPage, getDataSource, type NotionContext } from '../context.js';
import { STATUS, statusValue } from '../properties.js';

/**
 * On close: Status becomes Closed and the page is locked (`is_locked`), so nobody edits it by
 * accident. The API cannot change the level the database's access rules grant, so the four keep
 * their access; someone with edit rights can still unlock it in Notion.
 */
export async function closePlanPage(ctx: NotionContext, ref: DocRef, audit: AuditSink): Promise<void> {
  await setPageStatus(ctx, ref, STATUS.closed, true);
  await audit({
    kind: 'sharing.downgraded',
    actor: 'service',
    message: `Notion page locked and "${ctx.names.Status}" set to ${STATUS.closed}. The API cannot lower the access the database's rules grant: the four parties keep their access level, and an editor can unlock the page in Notion.`,
    data: { pageId: ref.docId },
  });
}

/** On reopen: the page unlocked and its Status back to Active, so the four edit it again. */
export async function reopenPlanPage(ctx: NotionContext, ref: DocRef, audit: AuditSink): Promise<void> {
  await setPageStatus(ctx, ref, STATUS.active, false);
  await audit({
    kind: 'sharing.repaired',
    actor: 'service',
    message: `Notion page unlocked and "${ctx.names.Status}" set to ${STATUS.active}: the plan was reopened.`,
    data: { pageId: ref.docId },
  });
}

/** Close and reopen: the page's Status (in the shape the database's property takes) and its lock, in one update. */
async function setPageStatus(ctx: NotionContext, ref: DocRef, name: (typeof STATUS)[keyof typeof STATUS], locked: boolean): Promise<void> {
  const dataSource = await getDataSource(ctx);
  const status = statusValue(dataSource.properties[ctx.names.Status]?.type ?? 'select', name);
  await step('pages.update', () => ctx.client.pages.update({ page_id: ref.docId, properties: { [ctx.names.Status]: status }, is_locked: locked }), { missingIsDocument: true });
  forgetPage(ctx, ref.docId);
}

import { isFullPage, type CreatePageParameters, type PageObjectResponse } from '@notionhq/client';
import { PARTY_ROLES } from '../../domain/plan-schema.js';
import { ProviderError, type CreateDocumentInput, type CreatedDocument } from '../types.js';
import { forgetPage, getPage, titlePropertyName, type NotionContext } from './context.js';
import { databasePublicUrl, publishedDatabaseProblem } from './sharing/published.js';
import { addMissingProperties } from './schema.js';
import { step } from './api/errors.js';
import { PARTY_PROPERTY, STATUS, statusValue } from './properties.js';
import { countChildren } from './read.js';
import { fillPlaceholders, waitForTemplate } from './template.js';
import { compareParties, expectedPeople, resolveParties } from './sharing/enforce.js';
import { sharedRoles } from '../../domain/plan-stage.js';
import { toBatches, toNotionBlocks, toRichText } from './blocks/to-blocks.js';

/** What an interrupted create leaves in the plan's checkpoint. */
interface NotionCheckpoint {
  /** Set just before pages.create: a restart looks for a page created since then. */
  intentAt?: string;
  pageId?: string;
  docUrl?: string;
  /** Top-level blocks on the page so far (a restart recounts them on the page itself). */
  appended?: number;
  /** From a Notion template: the template was applied and its placeholders filled. */
  filled?: boolean;
}

function pageProperties(ctx: NotionContext, input: CreateDocumentInput, ids: Map<string, string>, titleName: string, statusType: string): CreatePageParameters['properties'] {
  const { names } = ctx;
  // A draft's `Team member` stays empty: the database's rules give nobody access through it yet.
  const people = Object.fromEntries(PARTY_ROLES.map((role) => [names[PARTY_PROPERTY[role]], { people: expectedPeople(input.parties, role, ids) }]));
  return {
    [titleName]: { title: toRichText(input.title).slice(0, 100) },
    ...people,
    [names.Start]: { date: { start: input.startDate } },
    [names.End]: { date: { start: input.endDate } },
    [names.Status]: statusValue(statusType, STATUS.active),
    [names['Plan ID']]: { rich_text: toRichText(input.planId) },
  };
}

/**
 * The page an interrupted attempt created before it could record the id: the one carrying this
 * plan's own id. Never matched by title or team member: two plans for one person can share both.
 */
async function findInterruptedPage(ctx: NotionContext, planId: string) {
  const result = await step('dataSources.query', () =>
    ctx.client.dataSources.query({
      data_source_id: ctx.dataSourceId,
      filter: { property: ctx.names['Plan ID'], rich_text: { equals: planId } },
      page_size: 10,
    }),
  );
  return result.results.filter(isFullPage).find((page) => {
    const prop = page.properties[ctx.names['Plan ID']];
    return prop?.type === 'rich_text' && prop.rich_text.map((t) => t.plain_text).join('') === planId;
  });
}

/**
 * Set the Person properties back to the parties where they differ. Needed on a page made from a
 * database template: Notion merges the template's properties in after the create
 * (https://developers.notion.com/reference/patch-page), Person values included, which would give
 * whoever the template names access to this plan.
 */
async function restoreParties(ctx: NotionContext, input: CreateDocumentInput, ids: Map<string, string>, pageId: string, known?: PageObjectResponse) {
  const found = await compareParties(ctx, pageId, input.parties, ids, known);
  if (!found.drift.length) return found;
  const properties = Object.fromEntries(found.drift.map((d) => [d.property, { people: expectedPeople(input.parties, d.role, ids) }]));
  await step('pages.update', () => ctx.client.pages.update({ page_id: pageId, properties }));
  await input.audit({
    kind: 'sharing.repaired',
    actor: 'service',
    message: `New page's Person properties set back to the plan's parties: ${found.issues.slice(0, found.drift.length).join('; ')}`,
    data: { pageId, found: found.drift },
  });
  return compareParties(ctx, pageId, input.parties, ids);
}

/**
 * Create the plan's page: resolve the parties, check the database is not published to the web,
 * create the page empty (properties only), verify it is not public, then append the plan's blocks
 * in requests Notion accepts. Every step is recorded, so a restart continues on the same page
 * without repeating blocks.
 */
export async function createPlanPage(ctx: NotionContext, input: CreateDocumentInput): Promise<CreatedDocument> {
  const pageId = (input.checkpoint as NotionCheckpoint).pageId;
  // The page this attempt made, for the clean-up below when the checkpoint could not record it.
  const made: { pageId?: string } = {};
  try {
    return await createSteps(ctx, input, made);
  } catch (error) {
    // A failure retrying will not fix (a party who left the workspace, a request Notion refuses, a page
    // that is exposed): do not leave a half-made page with the parties in it behind, and say so.
    if (!(error instanceof ProviderError) || error.retryable) throw error;
    const madeId = pageId ?? made.pageId;
    if (!madeId) throw error;
    const trashed = await step('pages.update (trash)', () => ctx.client.pages.update({ page_id: madeId, in_trash: true })).then(
      () => true,
      () => false,
    );
    forgetPage(ctx, madeId);
    const note = trashed ? 'the half-made Notion page was moved to the trash' : `the half-made Notion page ${madeId} could not be moved to the trash: delete it in Notion`;
    await input.audit({ kind: 'sharing.removed', actor: 'service', message: `Plan page not finished: ${note}`, data: { pageId: madeId } });
    throw new ProviderError(`${error.message} (${note})`, { cause: error, failClosed: error.failClosed || trashed });
  }
}

/** A page the service made is published only when what holds it is: fix that, not the page. */
function refusePublished(page: PageObjectResponse): void {
  if (!page.public_url) return;
  throw new ProviderError(
    `[notion] verifying the new page: it came out published to the web (${page.public_url}), so the Coaching plans database or a page above it is published. ` +
      'In Notion open the database (and the pages above it), choose Share > Publish and click Unpublish, then create the plan again.',
  );
}

async function createSteps(ctx: NotionContext, input: CreateDocumentInput, made: { pageId?: string }): Promise<CreatedDocument> {
  const ids = await resolveParties(ctx, input.parties);
  let blocks: ReturnType<typeof toNotionBlocks>;
  try {
    blocks = toNotionBlocks(input.document, input.title);
  } catch (error) {
    throw new ProviderError(`[notion] converting the plan: ${(error as Error).message}`, { cause: error });
  }
  // A database from before `Plan ID` gets it here if start-up has not added it yet.
  const { dataSource } = await addMissingProperties(ctx);
  const titleName = titlePropertyName(dataSource);
  const statusType = dataSource.properties[ctx.names.Status]?.type ?? 'select';
  if (dataSource.properties[ctx.names['Plan ID']]?.type !== 'rich_text') {
    throw new ProviderError(
      `[notion] The Coaching plans database has no Text property "${ctx.names['Plan ID']}" and the service may not add it: add it in Notion (the service writes each plan's id there, so an interrupted create finds its own page), then create the plan again.`,
    );
  }
  // Before anything of the plan is written: a published database publishes every page in it.
  const publicUrl = await databasePublicUrl(ctx, dataSource);
  if (publicUrl) {
    const problem = publishedDatabaseProblem(publicUrl);
    await input.audit({ kind: 'sharing.violation', actor: 'service', message: `No plan text was written: ${problem}.`, data: { publicUrl } });
    throw new ProviderError(`[notion] The plan's page was not written: ${problem}; then create the plan again.`, { failClosed: true });
  }
  const checkpoint: NotionCheckpoint = { ...(input.checkpoint as NotionCheckpoint) };
  const save = async (patch: NotionCheckpoint) => {
    Object.assign(checkpoint, patch);
    await input.saveCheckpoint({ ...checkpoint });
  };

  let page: PageObjectResponse | undefined;
  if (!checkpoint.pageId && checkpoint.intentAt) {
    page = await findInterruptedPage(ctx, input.planId);
    if (page) await save({ pageId: page.id, docUrl: page.url });
  }
  let createdNow = false;
  if (!checkpoint.pageId) {
    await save({ intentAt: new Date(ctx.clock.now()).toISOString() });
    // Empty: properties only. The text follows once the page is verified.
    const created = await step('pages.create', () =>
      ctx.client.pages.create({
        parent: { type: 'data_source_id', data_source_id: ctx.dataSourceId },
        properties: pageProperties(ctx, input, ids, titleName, statusType),
        ...(ctx.template ? { template: ctx.template } : {}),
      }),
    );
    if (!isFullPage(created)) throw new ProviderError('[notion] pages.create: the page came back without its properties');
    page = created;
    createdNow = true;
    made.pageId = page.id;
    await save({ pageId: page.id, docUrl: page.url, appended: 0 });
  }
  const pageId = checkpoint.pageId!;

  if (ctx.template) {
    if (!checkpoint.filled) {
      await waitForTemplate(ctx, pageId);
      // Before the many requests of filling: whoever the template names must not keep access meanwhile.
      refusePublished((await restoreParties(ctx, input, ids, pageId)).page);
      await fillPlaceholders(ctx, pageId, input.placeholders, input.document);
      await save({ filled: true });
    }
  } else {
    // Verified before any text goes in: as created (or, resumed, as it is now), not on the web.
    const before = page ?? (await getPage(ctx, pageId, { fresh: true }));
    refusePublished(before);
    // Recounted on the page after a restart: an append may have landed after the last checkpoint.
    let appended = createdNow ? 0 : await step('blocks.children.list', () => countChildren(ctx.client, pageId));
    page = before;
    for (const batch of toBatches(blocks.slice(appended))) {
      await step('blocks.children.append', () => ctx.client.blocks.children.append({ block_id: pageId, children: batch }));
      appended += batch.length;
      await save({ appended });
    }
  }

  // From a database template the page as created is out of date: checked as it is now.
  const verified = await restoreParties(ctx, input, ids, pageId, ctx.template ? undefined : page);
  refusePublished(verified.page);
  if (verified.issues.length) throw new ProviderError(`[notion] verifying the new page: ${verified.issues.join('; ')}`);
  await input.audit({
    kind: 'sharing.granted',
    actor: 'service',
    message:
      `Notion page created; ${input.parties.stage === 'draft' ? "the draft's three parties" : 'the four parties'} are set in its Person properties ` +
      `(${sharedRoles(input.parties.stage)
        .map((r) => ctx.names[PARTY_PROPERTY[r]])
        .join(', ')}), which the database's page-level access rules grant access through`,
    data: { pageId, parties: sharedRoles(input.parties.stage).map((r) => input.parties[r].email) },
  });
  return { docId: pageId, docUrl: checkpoint.docUrl ?? page?.url ?? '', sharing: { state: 'ok', issues: [] } };
}

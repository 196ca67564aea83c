import type { PageObjectResponse, UpdatePageParameters } from '@notionhq/client';
import type { AuditSink } from '../../domain/audit.js';
import { PARTY_ROLES, type PartyRole } from '../../domain/plan-schema.js';
import { type StagedParties, isSharedWith } from '../../domain/plan-stage.js';
import type { DocRef, SharingReport } from '../types.js';
import { pageForSharingCheck } from './changes.js';
import { sameId } from '../same-id.js';
import { forgetPage, getDataSource, getPage, type NotionContext } from './context.js';
import { step } from './errors.js';
import { PARTY_PROPERTY, STATUS, statusValue } from './properties.js';


/** Who a Person property holds, as ids and (when the API says) emails. */
function peopleIn(page: PageObjectResponse, name: string): { ids: string[]; labels: string[] } | undefined {
  const prop = page.properties[name];
  if (prop?.type !== 'people') return undefined;
  return {
    ids: prop.people.map((p) => p.id),
    labels: prop.people.map((p) => ('person' in p && p.person?.email) || ('name' in p && p.name) || p.id),
  };
}

export interface PartyComparison {
  page: PageObjectResponse;
  /** Roles whose Person property is not exactly that party. */
  drift: { role: PartyRole; property: string; found: string[]; foundIds: string[] }[];
  issues: string[];
}

/**
 * Who a role's Person property must hold at the plan's stage: the party's workspace user, or
 * nobody (a draft's `Team member` stays empty, so the database's rules give them no access).
 */
export function expectedPeople(parties: StagedParties, role: PartyRole, ids: Map<string, string>): { id: string }[] {
  if (!isSharedWith(parties.stage, role)) return [];
  const id = ids.get(parties[role].email.toLowerCase());
  return id ? [{ id }] : [];
}

/** "ana@acme.test", or "nobody (a draft)" for the team member of a draft. */
function expectedLabel(parties: StagedParties, role: PartyRole): string {
  return isSharedWith(parties.stage, role) ? parties[role].email : 'nobody (the plan is a draft)';
}

/** Compare the page's four Person properties (and web publishing) with the parties the plan's stage allows. */
export async function compareParties(
  ctx: NotionContext,
  pageId: string,
  parties: StagedParties,
  ids: Map<string, string>,
  known?: PageObjectResponse,
): Promise<PartyComparison> {
  const page = known ?? (await getPage(ctx, pageId, { fresh: true }));
  const drift: PartyComparison['drift'] = [];
  for (const role of PARTY_ROLES) {
    const property = ctx.names[PARTY_PROPERTY[role]];
    const found = peopleIn(page, property);
    const expected = isSharedWith(parties.stage, role) ? [ids.get(parties[role].email.toLowerCase())] : [];
    const same = found !== undefined && found.ids.length === expected.length && expected.every((id, i) => found.ids[i] === id);
    if (!same) drift.push({ role, property, found: found?.labels ?? [], foundIds: found?.ids ?? [] });
  }
  const issues = drift.map((d) => `"${d.property}" holds ${d.found.length ? d.found.join(', ') : 'nobody'} instead of ${expectedLabel(parties, d.role)}`);
  if (page.public_url) issues.push(publishedMessage(page));
  return { page, drift, issues };
}

function publishedMessage(page: PageObjectResponse): string {
  return (
    `The page is published to the web (${page.public_url}): anyone with the link can read it. ` +
    'The Notion API cannot undo this: open the page in Notion, choose Share > Publish and click Unpublish.'
  );
}

/**
 * Restore the four Person properties when someone changed them (an added person would gain access
 * through the database's rules, a removed party would lose it) and flag web publishing, which only
 * a person can switch off. Every repair and violation is audited.
 */
export async function enforcePageSharing(ctx: NotionContext, ref: DocRef, parties: StagedParties, audit: AuditSink): Promise<SharingReport> {
  const page = await pageForSharingCheck(ctx, ref.docId);
  const { ids, missing: unresolved } = await step('users.list', () => ctx.users.resolve(PARTY_ROLES.map((r) => parties[r].email)));
  // A draft's team member need not be found: their property is to stay empty either way.
  const missing = unresolved.filter((email) => PARTY_ROLES.some((role) => isSharedWith(parties.stage, role) && parties[role].email.toLowerCase() === email));
  const { drift } = await compareParties(ctx, ref.docId, parties, ids, page);
  const issues: string[] = [];
  let state: SharingReport['state'] = 'ok';

  // Repairable: a property to set back to its party, or (a draft's team member) to empty.
  const repairable = drift.filter((d) => !isSharedWith(parties.stage, d.role) || ids.has(parties[d.role].email.toLowerCase()));
  if (repairable.length) {
    const properties: UpdatePageParameters['properties'] = Object.fromEntries(repairable.map((d) => [d.property, { people: expectedPeople(parties, d.role, ids) }]));
    await step('pages.update', () => ctx.client.pages.update({ page_id: ref.docId, properties }), { missingIsDocument: true });
    forgetPage(ctx, ref.docId);
    const found = repairable.map((d) => `"${d.property}" held ${d.found.length ? d.found.join(', ') : 'nobody'}, ${isSharedWith(parties.stage, d.role) ? `restored to ${parties[d.role].email}` : 'emptied: the plan is a draft its team member does not see yet'}`);
    const removedOnly = repairable.every((d) => !isSharedWith(parties.stage, d.role));
    await audit({
      kind: removedOnly ? 'sharing.removed' : 'sharing.repaired',
      actor: 'service',
      message: `Person properties ${removedOnly ? 'cleaned' : 'restored'}: ${found.join('; ')}`,
      data: { pageId: ref.docId, found: repairable },
    });
    issues.push(...found);
    state = 'repaired';
  }
  // A party the workspace no longer lists (left, or became a guest) cannot be set back. Anyone in that
  // property whom the workspace lists under another email is certainly not them: when nobody else is
  // there, empty it; beside someone the API cannot identify, name them for a person to remove.
  const members = new Set((await step('users.list', () => ctx.users.list())).byEmail.values());
  for (const d of drift.filter((d) => !repairable.includes(d))) {
    const others = d.foundIds.filter((id) => members.has(id));
    if (!others.length) continue;
    const who = d.found.filter((_, i) => members.has(d.foundIds[i]!)).join(', ');
    if (others.length === d.foundIds.length) {
      await step('pages.update', () => ctx.client.pages.update({ page_id: ref.docId, properties: { [d.property]: { people: [] } } }), { missingIsDocument: true });
      forgetPage(ctx, ref.docId);
      const message = `"${d.property}" held ${who} instead of ${parties[d.role].email}: emptied`;
      await audit({ kind: 'sharing.removed', actor: 'service', message: `Person property cleaned: ${message}`, data: { pageId: ref.docId, property: d.property, removed: others } });
      issues.push(message);
    } else {
      const message = `"${d.property}" holds ${who}, who ${others.length > 1 ? 'are' : 'is'} not ${parties[d.role].email}: remove them from the property in Notion`;
      await audit({ kind: 'sharing.violation', actor: 'service', message, data: { pageId: ref.docId, property: d.property, others } });
      issues.push(message);
    }
    state = 'violation';
  }
  if (missing.length) {
    issues.push(`${missing.join(', ')} cannot be set: not a member of the Notion workspace (guests cannot be given access through the database's rules)`);
    state = 'violation';
  }
  if (page.parent.type !== 'data_source_id' || !sameId(page.parent.data_source_id, ctx.dataSourceId)) {
    const message =
      'The page was moved out of the Coaching plans database, so the database\'s access rules no longer protect it: move it back into the database in Notion.';
    issues.push(message);
    await audit({ kind: 'sharing.violation', actor: 'service', message, data: { pageId: ref.docId, parent: page.parent } });
    state = 'violation';
  }
  if (page.public_url) {
    const message = publishedMessage(page);
    issues.push(message);
    await audit({ kind: 'sharing.violation', actor: 'service', message, data: { pageId: ref.docId, publicUrl: page.public_url } });
    state = 'violation';
  }
  return { state, issues };
}

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
  await audit({ kind: 'sharing.repaired', actor: 'service', message: `Notion page unlocked and "${ctx.names.Status}" set to ${STATUS.active}: the plan was reopened.`, data: { pageId: ref.docId } });
}

/** Close and reopen: the page's Status (in the shape the database's property takes) and its lock, in one update. */
async function setPageStatus(ctx: NotionContext, ref: DocRef, name: (typeof STATUS)[keyof typeof STATUS], locked: boolean): Promise<void> {
  const dataSource = await getDataSource(ctx);
  const status = statusValue(dataSource.properties[ctx.names.Status]?.type ?? 'select', name);
  await step(
    'pages.update',
    () => ctx.client.pages.update({ page_id: ref.docId, properties: { [ctx.names.Status]: status }, is_locked: locked }),
    { missingIsDocument: true },
  );
  forgetPage(ctx, ref.docId);
}

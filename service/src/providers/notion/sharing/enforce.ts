import type { PageObjectResponse, UpdatePageParameters } from '@notionhq/client';
import type { AuditSink } from '../../../domain/audit.js';
import { PARTY_ROLES, type Parties, type PartyRole } from '../../../domain/plan-schema.js';
import { type StagedParties, isSharedWith, rolesCheckGrants } from '../../../domain/plan-stage.js';
import { type DocRef, type EnforceOptions, ProviderError, type SharingReport } from '../../types.js';
import { sameId } from '../../same-id.js';
import { step } from '../api/errors.js';
import { pageForSharingCheck } from '../changes.js';
import { forgetPage, getPage, type NotionContext } from '../context.js';
import { PARTY_PROPERTY } from '../properties.js';

/*
 * The sharing rule in Notion's terms, and the check that holds a page to it: the four Person
 * properties must hold exactly the parties the plan's stage allows, since the database's page-level
 * access rules grant access through them. create.ts and share.ts set them by the same rule.
 */

/** The four parties' workspace user ids; a party who is not a member fails here, before anything is written. */
export async function resolveParties(ctx: NotionContext, parties: Parties): Promise<Map<string, string>> {
  const { ids, missing } = await step('users.list', () => ctx.users.resolve(PARTY_ROLES.map((role) => parties[role].email)));
  if (missing.length) {
    const who = PARTY_ROLES.filter((role) => missing.includes(parties[role].email.toLowerCase()))
      .map((role) => `${parties[role].name} <${parties[role].email}> (${PARTY_PROPERTY[role]})`)
      .join(', ');
    throw new ProviderError(
      `[notion] users.list: ${who} ${missing.length > 1 ? 'are' : 'is'} not a member of the Notion workspace. ` +
        'Only members can be given access through the Coaching plans database (the API cannot see guests): invite them as members, or use their workspace email.',
    );
  }
  return ids;
}

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
  drift: { role: PartyRole; property: string; found: string[]; foundIds: string[]; allowedIds: (string | undefined)[] }[];
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

/** A role the check leaves as it finds it, its party or nobody: a pending share's team member. */
function leftToShare(parties: StagedParties, role: PartyRole, sharePending: boolean): boolean {
  return isSharedWith(parties.stage, role) && !rolesCheckGrants(parties.stage, sharePending).includes(role);
}

/**
 * Who a role's property may hold, as a check finds it: its party (undefined when the workspace does
 * not list them); nobody for a draft's team member; during a pending share, the team member if the
 * share already set them, else nobody.
 */
function allowedIds(parties: StagedParties, role: PartyRole, ids: Map<string, string>, foundIds: string[], sharePending: boolean): (string | undefined)[] {
  if (!isSharedWith(parties.stage, role)) return [];
  const id = ids.get(parties[role].email.toLowerCase());
  if (leftToShare(parties, role, sharePending)) return id && foundIds.includes(id) ? [id] : [];
  return [id];
}

/** "ana@acme.test", or "nobody (a draft)" for the team member of a draft. */
function expectedLabel(parties: StagedParties, role: PartyRole, sharePending: boolean): string {
  if (leftToShare(parties, role, sharePending)) return `${parties[role].email} or nobody (the share with them is pending)`;
  return isSharedWith(parties.stage, role) ? parties[role].email : 'nobody (the plan is a draft)';
}

/** Compare the page's four Person properties (and web publishing) with the parties the plan's stage allows. */
export async function compareParties(
  ctx: NotionContext,
  pageId: string,
  parties: StagedParties,
  ids: Map<string, string>,
  known?: PageObjectResponse,
  sharePending = false,
): Promise<PartyComparison> {
  const page = known ?? (await getPage(ctx, pageId, { fresh: true }));
  const drift: PartyComparison['drift'] = [];
  for (const role of PARTY_ROLES) {
    const property = ctx.names[PARTY_PROPERTY[role]];
    const found = peopleIn(page, property);
    const expected = allowedIds(parties, role, ids, found?.ids ?? [], sharePending);
    const same = found !== undefined && found.ids.length === expected.length && expected.every((id, i) => found.ids[i] === id);
    if (!same) drift.push({ role, property, found: found?.labels ?? [], foundIds: found?.ids ?? [], allowedIds: expected });
  }
  const issues = drift.map((d) => `"${d.property}" holds ${d.found.length ? d.found.join(', ') : 'nobody'} instead of ${expectedLabel(parties, d.role, sharePending)}`);
  if (page.public_url) issues.push(publishedMessage(page));
  return { page, drift, issues };
}

/** What to tell a person when the page is published to the web (only they can undo it). */
export function publishedMessage(page: PageObjectResponse): string {
  return (
    `The page is published to the web (${page.public_url}): anyone with the link can read it. ` +
    'The Notion API cannot undo this: open the page in Notion, choose Share > Publish and click Unpublish.'
  );
}

type Drift = PartyComparison['drift'][number];

/** What a repair of one property did, in the words of the plan's sharing issues. */
function repairMessage(parties: StagedParties, d: Drift): string {
  if (!isSharedWith(parties.stage, d.role)) return 'emptied: the plan is a draft its team member does not see yet';
  if (d.allowedIds.length === 0) return `emptied: the share with ${parties[d.role].email} is pending, and sets them there`;
  return `restored to ${parties[d.role].email}`;
}

/**
 * Restore the four Person properties when someone changed them (an added person would gain access
 * through the database's rules, a removed party would lose it) and flag web publishing, which only
 * a person can switch off. Every repair and violation is audited. During a pending share
 * (`how.sharePending`) `Team member` is only cleaned: the share is what sets the team member there.
 */
export async function enforcePageSharing(ctx: NotionContext, ref: DocRef, parties: StagedParties, audit: AuditSink, how: EnforceOptions = {}): Promise<SharingReport> {
  const sharePending = how.sharePending === true;
  const granted = rolesCheckGrants(parties.stage, sharePending);
  const page = await pageForSharingCheck(ctx, ref.docId);
  const { ids, missing: unresolved } = await step('users.list', () => ctx.users.resolve(PARTY_ROLES.map((r) => parties[r].email)));
  // A draft's team member need not be found: their property is to stay empty either way (and a
  // pending share's team member not found is what the share itself reports).
  const missing = unresolved.filter((email) => PARTY_ROLES.some((role) => granted.includes(role) && parties[role].email.toLowerCase() === email));
  const { drift } = await compareParties(ctx, ref.docId, parties, ids, page, sharePending);
  const issues: string[] = [];
  let state: SharingReport['state'] = 'ok';

  // Repairable: a property to set back to its party, or (a draft's team member) to empty, or (a
  // pending share's) to the team member if the share set them, else to empty.
  const repairable = drift.filter((d) => !granted.includes(d.role) || ids.has(parties[d.role].email.toLowerCase()));
  const cleaned = (d: Drift) => !granted.includes(d.role);
  if (repairable.length) {
    const peopleFor = (d: Drift) => (cleaned(d) ? d.allowedIds.flatMap((id) => (id ? [{ id }] : [])) : expectedPeople(parties, d.role, ids));
    const properties: UpdatePageParameters['properties'] = Object.fromEntries(repairable.map((d) => [d.property, { people: peopleFor(d) }]));
    await step('pages.update', () => ctx.client.pages.update({ page_id: ref.docId, properties }), { missingIsDocument: true });
    forgetPage(ctx, ref.docId);
    const found = repairable.map((d) => `"${d.property}" held ${d.found.length ? d.found.join(', ') : 'nobody'}, ${repairMessage(parties, d)}`);
    // Cleaning (a draft's or a pending share's Team member) only ever takes people out.
    const removedOnly = repairable.every(cleaned);
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
      await audit({
        kind: 'sharing.removed',
        actor: 'service',
        message: `Person property cleaned: ${message}`,
        data: { pageId: ref.docId, property: d.property, removed: others },
      });
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
    const message = "The page was moved out of the Coaching plans database, so the database's access rules no longer protect it: move it back into the database in Notion.";
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

import type { PageObjectResponse } from '@notionhq/client';
import { PARTY_ROLES, type Parties, type PartyRole } from '../../../domain/plan-schema.js';
import { type StagedParties, isSharedWith, rolesCheckGrants } from '../../../domain/plan-stage.js';
import { ProviderError } from '../../types.js';
import { step } from '../api/errors.js';
import { getPage, type NotionContext } from '../context.js';
import { PARTY_PROPERTY } from '../properties.js';

/*
 * The sharing rule in Notion's terms: the four Person properties must hold exactly the parties the
 * plan's stage allows, since the database's page-level access rules grant access through them.
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

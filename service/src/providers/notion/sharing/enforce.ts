import type { UpdatePageParameters } from '@notionhq/client';
import type { AuditSink } from '../../../domain/audit.js';
import { PARTY_ROLES } from '../../../domain/plan-schema.js';
import { type StagedParties, isSharedWith, rolesCheckGrants } from '../../../domain/plan-stage.js';
import type { DocRef, EnforceOptions, SharingReport } from '../../types.js';
import { sameId } from '../../same-id.js';
import { step } from '../api/errors.js';
import { pageForSharingCheck } from '../changes.js';
import { forgetPage, type NotionContext } from '../context.js';
import { compareParties, expectedPeople, type PartyComparison, publishedMessage } from './parties.js';

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

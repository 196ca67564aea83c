import type { ShareDocumentInput, SharingReport } from '../../types.js';
import { forgetPage, getPage, type NotionContext } from '../context.js';
import { step } from '../api/errors.js';
import { PARTY_PROPERTY } from '../properties.js';
import { enforcePageSharing } from './enforce.js';
import { compareParties, expectedPeople, resolveParties } from './enforce.js';

/**
 * Share a draft with its team member: their Person property (`Team member`), empty during the
 * draft, now holds them, so the database's page-level rule gives them access; then the page is
 * checked as every sweep checks it. It looks before it writes, so a share resumed after a crash
 * finds the property set and writes nothing twice.
 */
export async function sharePlanPage(ctx: NotionContext, input: ShareDocumentInput): Promise<SharingReport> {
  const pageId = input.ref.docId;
  // The team member must be a workspace member now (a guest cannot be given access by the rules).
  const ids = await resolveParties(ctx, input.parties);
  const { drift } = await compareParties(ctx, pageId, input.parties, ids, await getPage(ctx, pageId, { fresh: true }));
  const property = ctx.names[PARTY_PROPERTY.teamMember];
  if (drift.some((d) => d.role === 'teamMember')) {
    const people = expectedPeople(input.parties, 'teamMember', ids);
    await step('pages.update', () => ctx.client.pages.update({ page_id: pageId, properties: { [property]: { people } } }), { missingIsDocument: true });
    forgetPage(ctx, pageId);
    const { email } = input.parties.teamMember;
    await input.audit({
      kind: 'sharing.granted',
      actor: 'service',
      message: `Shared with ${email}: set in "${property}", which the database's access rules grant access through`,
      data: { pageId, party: 'teamMember' },
    });
  }
  // Verify the four (and repair or report anything else), as the sharing check does.
  return enforcePageSharing(ctx, input.ref, input.parties, input.audit);
}

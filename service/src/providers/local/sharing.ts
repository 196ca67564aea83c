import { type DocRef, DocumentMissingError, type ShareDocumentInput, type SharingReport } from '../types.js';
import { checkedId, readText, type LocalContext } from './context.js';

/*
 * A local document has no remote sharing to keep in line: this service serves it, and its access
 * rule (auth/access.ts) lets only the parties the plan's stage allows, and HR, read it.
 */

/** Sharing a draft: the access rule serves the document to its team member too from now on. */
export async function shareLocalDocument(ctx: LocalContext, input: ShareDocumentInput): Promise<SharingReport> {
  await readText(ctx, input.ref);
  const { email } = input.parties.teamMember;
  await input.audit({ kind: 'sharing.granted', actor: 'service', message: `Served by this service to ${email} too, now that the plan is shared.`, data: { party: 'teamMember' } });
  return { state: 'ok', issues: [] };
}

/**
 * Nobody but the service can grant access to a local document, so there is nothing to drift. A
 * missing document is still a finding.
 */
export async function checkLocalSharing(ctx: LocalContext, ref: DocRef): Promise<SharingReport> {
  if (!(await ctx.blobs.get(checkedId(ref.docId)))) throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted`);
  return { state: 'ok', issues: [] };
}

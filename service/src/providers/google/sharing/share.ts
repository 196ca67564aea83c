import type { ShareDocumentInput, SharingReport } from '../../types.js';
import { getLiveFile, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { desiredGrants, planSharingRepairs, reconcileGrants } from './enforce.js';
import { describePermission, grantParty, listPermissions, notificationText } from './grants.js';

const SERVICE = 'service';

/**
 * Share a draft with its team member the way a create shares a plan: each missing party granted
 * one at a time with the notification email, then the four verified (reconcileGrants). It lists
 * before it grants, so a share resumed after a crash (Drive made the grant, the answer was lost)
 * finds the grant and makes no second one, and sends no second email.
 */
export async function shareDocument(api: GoogleApi, options: GoogleProviderOptions, input: ShareDocumentInput): Promise<SharingReport> {
  const fileId = input.ref.docId;
  await getLiveFile(api, fileId, 'id');
  const grants = desiredGrants(input.parties, options);
  const notify = { emailMessage: notificationText(input) };
  const missing = planSharingRepairs(await listPermissions(api, fileId), grants, options.subject, options.roles.onClose).grant;
  for (const grant of missing) {
    await grantParty(api, fileId, grant, notify);
    await input.audit({ kind: 'sharing.granted', actor: SERVICE, message: `Shared with ${grant.email} as ${grant.role}`, data: { party: grant.party, role: grant.role } });
  }
  // Verify: exactly the owner and the four, repaired where someone changed it meanwhile.
  const verified = await reconcileGrants(api, options, fileId, grants, input.audit, { notify, acceptLowered: options.roles.onClose, repairFolder: true });
  const issues = [...verified.issues];
  for (const permission of verified.unremovable) {
    const what = describePermission(permission);
    issues.push(`${what} cannot be removed on the document or the plans folder: remove it in Drive where it is shared (the plans folder or a folder above it)`);
    await input.audit({
      kind: 'sharing.violation',
      actor: SERVICE,
      message: `Access for ${what} comes from the plans folder or a folder above it, and the service cannot remove it`,
      data: { permission },
    });
  }
  if (verified.unsettled) issues.push('its access kept changing while it was being shared: checked again next cycle');
  const state = verified.unremovable.length > 0 || verified.unsettled ? 'violation' : issues.length > 0 ? 'repaired' : 'ok';
  return { state, issues };
}

import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import { type StagedParties, rolesCheckGrants } from '../../../domain/plan-stage.js';
import type { DocRef, EnforceOptions, SharingReport } from '../../types.js';
import { getLiveFile, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { lockSharingSettings, reconcileGrants } from './grants.js';
import { describePermission, FILE_SHARING_FIELDS, grantsFor, PUBLISHED_VIEW, sharingSettled, splitPublishedView } from './parties.js';

const SERVICE = 'service';

/**
 * Check and bring the document's access back to the owner and the parties its stage allows (a
 * draft's team member is a stranger): remove additions, restore
 * removed parties and agreed roles (reconcileGrants), take what it inherits off the plans folder,
 * reset `writersCanShare`, unpublish; what Drive will not let us remove (inherited from above the
 * folder, or another owner) is a violation. Every change is audited. During a pending share
 * (`how.sharePending`) the team member's grant is left as found: only the share makes it.
 */
export async function enforceSharing(
  api: GoogleApi,
  options: GoogleProviderOptions,
  ref: DocRef,
  parties: StagedParties,
  audit: AuditSink,
  seen?: drive_v3.Schema$File,
  how: EnforceOptions = {},
): Promise<SharingReport> {
  // One request decides an untouched document: its settings, its grants and the published view.
  // One the change feed described moments ago (`seen`) as untouched needs none; anything to repair is read afresh.
  const grants = grantsFor(parties, options);
  if (seen && sharingSettled(seen, grants, options)) return { state: 'ok', issues: [] };
  const file = await getLiveFile(api, ref.docId, FILE_SHARING_FIELDS, { includePermissionsForView: PUBLISHED_VIEW });
  if (sharingSettled(file, grants, options)) return { state: 'ok', issues: [] };
  const listed = file.permissions ? splitPublishedView(file.permissions) : undefined;
  const reconciled = await reconcileGrants(api, options, ref.docId, grants, audit, {
    acceptLowered: options.roles.onClose,
    repairFolder: true,
    grantOnly: rolesCheckGrants(parties.stage, how.sharePending === true),
    ...(listed ? { initial: listed.grants } : {}),
  });
  const issues = [...reconciled.issues];
  let repaired = issues.length > 0;
  if (file.writersCanShare !== false || file.copyRequiresWriterPermission !== true) {
    await lockSharingSettings(api, ref.docId);
    issues.push('editors were allowed to share again: turned that off');
    await audit({ kind: 'sharing.repaired', actor: SERVICE, message: 'Editors may not share the document again (writersCanShare=false, copyRequiresWriterPermission=true)' });
    repaired = true;
  }
  // Revisions are listed only to take the document off the web, or when Drive gave no permissions to tell.
  const revisions = listed === undefined || listed.published ? await publishedRevisions(api, ref.docId) : [];
  for (const revisionId of revisions) {
    await unpublishRevision(api, ref.docId, revisionId);
    issues.push('the document was published to the web: unpublished it');
    await audit({
      kind: 'sharing.removed',
      actor: SERVICE,
      message: 'The document was published to the web (anyone with the link could read it): unpublished it',
      data: { revisionId },
    });
    repaired = true;
  }
  for (const permission of reconciled.unremovable) {
    const what = describePermission(permission);
    issues.push(`${what} cannot be removed on the document or the plans folder: remove it in Drive where it is shared (the plans folder or a folder above it)`);
    await audit({
      kind: 'sharing.violation',
      actor: SERVICE,
      message: `Access for ${what} comes from the plans folder or a folder above it, and the service cannot remove it`,
      data: { permission },
    });
  }
  if (reconciled.unsettled) {
    issues.push('its access kept changing while it was being repaired: checked again next cycle');
    await audit({ kind: 'sharing.violation', actor: SERVICE, message: "The document's access kept changing while the service repaired it" });
  }
  const state = reconciled.unremovable.length > 0 || reconciled.unsettled ? 'violation' : repaired ? 'repaired' : 'ok';
  return { state, issues };
}

const REVISION_FIELDS = 'nextPageToken,revisions(id,published)';

/** Revisions published to the web (File > Share > Publish to the web), which anyone with the link can read. */
async function publishedRevisions(api: GoogleApi, fileId: string): Promise<string[]> {
  const published: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.call('revisions.list', (o) => api.drive.revisions.list({ fileId, fields: REVISION_FIELDS, pageSize: 1000, ...(pageToken ? { pageToken } : {}) }, o));
    for (const revision of page.revisions ?? []) if (revision.published && revision.id) published.push(revision.id);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return published;
}

/** Take a revision off the web (and stop republishing later edits). */
async function unpublishRevision(api: GoogleApi, fileId: string, revisionId: string): Promise<void> {
  await api.call('revisions.update', (o) =>
    api.drive.revisions.update({ fileId, revisionId, fields: 'id,published', requestBody: { published: false, publishAuto: false, publishedOutsideDomain: false } }, o),
  );
}

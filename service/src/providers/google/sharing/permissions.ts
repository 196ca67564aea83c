import type { drive_v3 } from '@googleapis/drive';
import { ProviderError } from '../../types.js';
import { isStatus, type GoogleApi } from '../api/client.js';
import type { DesiredGrant } from './parties.js';

const PERMISSION_FIELDS = 'nextPageToken,permissions(id,type,role,emailAddress,domain,deleted,permissionDetails(inherited,permissionType,role))';

/** Every permission on the file, with where it comes from (`permissionDetails`). */
export async function listPermissions(api: GoogleApi, fileId: string): Promise<drive_v3.Schema$Permission[]> {
  const all: drive_v3.Schema$Permission[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.call('permissions.list', (o) =>
      api.drive.permissions.list({ fileId, fields: PERMISSION_FIELDS, pageSize: 100, ...(pageToken ? { pageToken } : {}) }, o),
    );
    all.push(...(page.permissions ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return all;
}

function findGrant(permissions: drive_v3.Schema$Permission[], grant: DesiredGrant): drive_v3.Schema$Permission | undefined {
  return permissions.find((p) => p.emailAddress?.toLowerCase() === grant.email && p.type === grant.type);
}

/**
 * Grant one party. Drive applies only the last of concurrent permission changes, so callers grant
 * one at a time. A retry after an unanswered attempt first looks whether the grant exists, so the
 * party gets one grant and one email.
 */
export async function grantParty(api: GoogleApi, fileId: string, grant: DesiredGrant, notify: { emailMessage: string } | undefined): Promise<drive_v3.Schema$Permission> {
  return api.permissionWrite(fileId, () =>
    api.call(`permissions.create ${grant.party}`, async (o, attempt) => {
      if (attempt > 0) {
        const existing = findGrant(await listPermissions(api, fileId), grant);
        if (existing && existing.role === grant.role) return { data: existing };
      }
      return api.drive.permissions.create(
        {
          fileId,
          fields: 'id,type,role,emailAddress',
          sendNotificationEmail: notify !== undefined,
          ...(notify ? { emailMessage: notify.emailMessage } : {}),
          requestBody: { type: grant.type, role: grant.role, emailAddress: grant.email },
        },
        o,
      );
    }),
  );
}

export async function setRole(api: GoogleApi, fileId: string, permissionId: string, role: string): Promise<void> {
  await api.permissionWrite(fileId, () =>
    api.call('permissions.update', (o) => api.drive.permissions.update({ fileId, permissionId, fields: 'id,role', requestBody: { role } }, o)),
  );
}

/**
 * Delete a grant; one that is already gone counts as deleted (a retried delete). `refused` when Drive
 * will not delete it on this file (403 `cannotDeletePermission`): access that comes from the folder,
 * whether or not `permissionDetails` said so.
 */
export async function removePermission(api: GoogleApi, fileId: string, permissionId: string): Promise<'removed' | 'refused'> {
  try {
    await api.permissionWrite(fileId, () => api.call('permissions.delete', (o) => api.drive.permissions.delete({ fileId, permissionId }, o)));
    return 'removed';
  } catch (error) {
    if (isStatus(error, 404)) return 'removed';
    if (isStatus(error, 403) && error instanceof ProviderError && !error.retryable) return 'refused';
    throw error;
  }
}

const REVISION_FIELDS = 'nextPageToken,revisions(id,published)';

/** Revisions published to the web (File > Share > Publish to the web), which anyone with the link can read. */
export async function publishedRevisions(api: GoogleApi, fileId: string): Promise<string[]> {
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
export async function unpublishRevision(api: GoogleApi, fileId: string, revisionId: string): Promise<void> {
  await api.call('revisions.update', (o) =>
    api.drive.revisions.update({ fileId, revisionId, fields: 'id,published', requestBody: { published: false, publishAuto: false, publishedOutsideDomain: false } }, o),
  );
}

/** Editors may not re-share, viewers and commenters may not copy, print or download. */
export async function lockSharingSettings(api: GoogleApi, fileId: string): Promise<void> {
  await api.call('files.update (sharing settings)', (o) =>
    api.drive.files.update({ fileId, fields: 'id,writersCanShare,copyRequiresWriterPermission', requestBody: { writersCanShare: false, copyRequiresWriterPermission: true } }, o),
  );
}

import type { drive_v3 } from '@googleapis/drive';
import type { StagedParties } from '../../../domain/plan-stage.js';
import type { GoogleProviderOptions } from '../options.js';
import { desiredGrants, planSharingRepairs, type DesiredGrant } from './parties.js';

/** One permission as every sharing check reads it: who, which role, and whether it is inherited. */
export const PERMISSION_ITEM = 'id,type,role,emailAddress,domain,deleted,view,permissionDetails(inherited,permissionType,role)';

/**
 * What a file must say for its sharing to be judged without another request: the settings that
 * stop re-sharing and copying, and its permissions. Asked with `includePermissionsForView=published`
 * (files.get, files.list, changes.list and permissions.list all take it), Publish to the web shows
 * as a permission of the published view, so revisions are listed only to repair it.
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/files/list
 */
export const FILE_SHARING_FIELDS = `id,trashed,writersCanShare,copyRequiresWriterPermission,permissions(${PERMISSION_ITEM})`;
export const PUBLISHED_VIEW = 'published';

/** Grants apart from the published view's permission (the web, which only revisions.update takes away). */
export function splitPublishedView(permissions: drive_v3.Schema$Permission[]): { grants: drive_v3.Schema$Permission[]; published: boolean } {
  const grants = permissions.filter((p) => p.view !== PUBLISHED_VIEW);
  return { grants, published: grants.length !== permissions.length };
}

/** The grants this plan's document must have: the one place both the bulk and the per-file checks ask. */
export function grantsFor(parties: StagedParties, options: Pick<GoogleProviderOptions, 'roles' | 'groupEmails' | 'subject'>): DesiredGrant[] {
  return desiredGrants(parties, options);
}

/**
 * Does this file resource show sharing exactly as agreed: nothing to remove, grant or set back
 * (the same comparison as every repair, planSharingRepairs), nothing inherited that cannot be
 * removed, re-sharing and copying locked, not on the web? `undefined` when the answer cannot
 * decide: Drive gave no `permissions` (it gives them only to whoever may share the file).
 */
export function sharingSettled(
  file: drive_v3.Schema$File,
  desired: DesiredGrant[],
  options: Pick<GoogleProviderOptions, 'subject' | 'roles'>,
): boolean | undefined {
  if (!file.permissions) return undefined;
  if (file.trashed || file.writersCanShare !== false || file.copyRequiresWriterPermission !== true) return false;
  const { grants, published } = splitPublishedView(file.permissions);
  if (published) return false;
  const repairs = planSharingRepairs(grants, desired, options.subject, options.roles.onClose);
  return repairs.remove.length + repairs.unremovable.length + repairs.grant.length + repairs.update.length === 0;
}

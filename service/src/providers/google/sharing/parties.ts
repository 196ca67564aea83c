import type { drive_v3 } from '@googleapis/drive';
import type { PartyRole } from '../../../domain/plan-schema.js';
import { type StagedParties, sharedRoles } from '../../../domain/plan-stage.js';
import type { GoogleProviderOptions, GrantRole } from '../options.js';

/** The grants a plan document must have: the parties its stage allows, and their roles. */
export interface DesiredGrant {
  party: PartyRole;
  email: string;
  role: GrantRole;
  type: 'user' | 'group';
}

/**
 * The grants a plan document needs at its stage (domain/plan-stage.ts): a draft's team member has
 * none, so `planSharingRepairs` treats a grant of theirs as a stranger's. A party who is the
 * subject (e.g. HR's own account owns the documents) needs none: the owner already has more, and
 * Drive cannot grant its owner a lower role.
 */
export function desiredGrants(parties: StagedParties, options: Pick<GoogleProviderOptions, 'roles' | 'groupEmails'> & { subject?: string }): DesiredGrant[] {
  const groups = new Set((options.groupEmails ?? []).map((email) => email.toLowerCase()));
  return sharedRoles(parties.stage).flatMap((party) => {
    const email = parties[party].email.toLowerCase();
    if (email === options.subject) return [];
    return [{ party, email, role: options.roles[party], type: groups.has(email) ? ('group' as const) : ('user' as const) }];
  });
}

/** What must change so that only the owner and the four remain. */
export interface SharingRepairs {
  /** Direct grants to someone else (a stray user or group, `anyone`, `domain`): delete them. */
  remove: drive_v3.Schema$Permission[];
  /** Grants that cannot be removed on the file (inherited from the folder): fail closed / violation. */
  unremovable: drive_v3.Schema$Permission[];
  /** Parties with no grant: grant them. */
  grant: DesiredGrant[];
  /** Parties with a different role than agreed: set it back. */
  update: { permission: drive_v3.Schema$Permission; grant: DesiredGrant }[];
}

/**
 * Compare a file's permissions (listed with `permissionDetails`) with the four parties. A party whose
 * role was lowered to `acceptLowered` (the on-close role) is left alone: after close that is the
 * agreed state, and a lower role never exposes the plan.
 */
export function planSharingRepairs(permissions: drive_v3.Schema$Permission[], desired: DesiredGrant[], owner: string, acceptLowered?: GrantRole): SharingRepairs {
  const repairs: SharingRepairs = { remove: [], unremovable: [], grant: [], update: [] };
  const byEmail = new Map(desired.map((grant) => [grant.email, grant]));
  const seen = new Set<string>();
  for (const permission of permissions) {
    const email = permission.emailAddress?.toLowerCase();
    // The subject itself: its owner grant, or the writer grant Drive leaves it after a transfer
    // (removing that would lock the service out of a document it must keep watching).
    if (email === owner && (permission.type === 'user' || permission.role === 'owner')) continue;
    // Someone else owns it now (ownership was transferred): only that owner can take it back.
    if (permission.role === 'owner') {
      repairs.unremovable.push(permission);
      continue;
    }
    // A party's grant keeps the type it was given: a group grant carrying a user's email reaches
    // every member of that group, so it is not that party's grant but one to remove.
    const candidate = email ? byEmail.get(email) : undefined;
    const grant = candidate && permission.type === candidate.type ? candidate : undefined;
    if (grant && permission.role !== 'owner') {
      seen.add(grant.email);
      const lowered = acceptLowered !== undefined && permission.role === acceptLowered && (grant.party === 'teamMember' || grant.party === 'manager');
      if (permission.role !== grant.role && !lowered) {
        if (isInheritedOnly(permission)) repairs.unremovable.push(permission);
        else repairs.update.push({ permission, grant });
      } else if (isInherited(permission)) {
        // Right person, right role, but it comes from the folder: everyone in that folder has it too.
        repairs.unremovable.push(permission);
      }
      continue;
    }
    if (isInherited(permission)) repairs.unremovable.push(permission);
    else repairs.remove.push(permission);
  }
  repairs.grant = desired.filter((grant) => !seen.has(grant.email));
  return repairs;
}

/** Some of this grant comes from a parent folder (`permissionDetails[].inherited`). */
export function isInherited(permission: drive_v3.Schema$Permission): boolean {
  return (permission.permissionDetails ?? []).some((detail) => detail.inherited === true);
}

function isInheritedOnly(permission: drive_v3.Schema$Permission): boolean {
  const details = permission.permissionDetails ?? [];
  return details.length > 0 && details.every((detail) => detail.inherited === true);
}

/** "anyone with the link", "the domain acme.test", "stray@acme.test (writer)". */
export function describePermission(permission: drive_v3.Schema$Permission): string {
  const inherited = isInherited(permission) ? ', inherited from the folder' : '';
  if (permission.type === 'anyone') return `anyone with the link (${permission.role}${inherited})`;
  if (permission.type === 'domain') return `everyone in the domain ${permission.domain ?? ''} (${permission.role}${inherited})`;
  return `${permission.emailAddress ?? permission.id} (${permission.type} ${permission.role}${inherited})`;
}

/*
 * The rule applied to a file as Drive describes it (files.get, files.list, changes.list): can it be
 * judged settled without another request?
 */

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
export function sharingSettled(file: drive_v3.Schema$File, desired: DesiredGrant[], options: Pick<GoogleProviderOptions, 'subject' | 'roles'>): boolean | undefined {
  if (!file.permissions) return undefined;
  if (file.trashed || file.writersCanShare !== false || file.copyRequiresWriterPermission !== true) return false;
  const { grants, published } = splitPublishedView(file.permissions);
  if (published) return false;
  const repairs = planSharingRepairs(grants, desired, options.subject, options.roles.onClose);
  return repairs.remove.length + repairs.unremovable.length + repairs.grant.length + repairs.update.length === 0;
}

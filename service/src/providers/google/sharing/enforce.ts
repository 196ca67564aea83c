import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import type { PartyRole } from '../../../domain/plan-schema.js';
import { type StagedParties, rolesCheckGrants, sharedRoles } from '../../../domain/plan-stage.js';
import type { DocRef, EnforceOptions, SharingReport } from '../../types.js';
import { getLiveFile, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions, GrantRole } from '../options.js';
import type { DesiredGrant } from './grants.js';
import {
  asInherited,
  describePermission,
  grantParty,
  isInherited,
  isInheritedOnly,
  listPermissions,
  lockSharingSettings,
  removeExtras,
  repairFolder,
  setRole,
  unpublishDocument,
} from './grants.js';

/*
 * Who should have a plan document, and the check that holds the document to it, read top-down:
 * desiredGrants (the parties its stage allows, their roles) and planSharingRepairs (what must change
 * so only the owner and they remain) are the rule; sharingSettled judges a file as Drive described
 * it without another request; enforceSharing, the poll's sharing check, repairs what is not settled
 * through reconcileGrants, which also verifies a create and a share. Drive's calls, the plans
 * folder and the words for a permission are grants.ts's.
 */

const SERVICE = 'service';

/**
 * The grants a plan document needs at its stage (domain/plan-stage.ts), the one place every create,
 * share, close, bulk and per-file check asks: a draft's team member has none, so
 * `planSharingRepairs` treats a grant of theirs as a stranger's. A party who is the subject (e.g.
 * HR's own account owns the documents) needs none: the owner already has more, and Drive cannot
 * grant its owner a lower role.
 */
export function desiredGrants(parties: StagedParties, options: Pick<GoogleProviderOptions, 'roles' | 'groupEmails' | 'subject'>): DesiredGrant[] {
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
  const grants = desiredGrants(parties, options);
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
  if ((listed === undefined || listed.published) && (await unpublishDocument(api, ref.docId, audit, issues))) repaired = true;
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

export interface ReconcileOptions {
  /** The on-close role a party may have been lowered to (enforcing a closed plan's document). */
  acceptLowered?: GrantRole;
  /** The email a party granted again receives; none restores access quietly. */
  notify?: { emailMessage: string };
  /** Take grants the document inherits off the plans folder (enforcing); a create fails closed instead. */
  repairFolder?: boolean;
  /** Stop at the first grant the document cannot lose, before changing anything (a create deletes it anyway). */
  stopAtUnremovable?: boolean;
  /**
   * The parties whose missing grant is made (default: all desired); the others may hold their
   * grant or not (a pending share's team member: only the share grants, with its email).
   */
  grantOnly?: readonly PartyRole[];
  /** The document's grants as just read (files.get with permissions): the first round lists nothing. */
  initial?: drive_v3.Schema$Permission[];
}

export interface Reconciled {
  /** What was changed, one sentence each, for the plan's sharing issues. */
  issues: string[];
  /** Grants Drive will not remove on the document: inherited from above, or another owner's. */
  unremovable: drive_v3.Schema$Permission[];
  /** The access still differed after the last round (someone kept changing it). */
  unsettled: boolean;
}

/** Lists of the document at most: repair, verify, and once more after a folder repair or a late change. */
const ROUNDS = 3;

/**
 * Bring a document's grants to the owner and the four, and verify it: list, remove additions, set
 * roles back, grant missing parties one at a time, list again. The one piece behind a create's
 * verification and every sharing check. Every change is audited.
 */
export async function reconcileGrants(
  api: GoogleApi,
  options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>,
  fileId: string,
  grants: DesiredGrant[],
  audit: AuditSink,
  how: ReconcileOptions = {},
): Promise<Reconciled> {
  const issues: string[] = [];
  let folderTried = !how.repairFolder;
  // Grants Drive refused to delete on the document (inherited, even when permissionDetails did not say so).
  const refusedIds = new Set<string>();
  for (let round = 0; ; round++) {
    const listed = round === 0 && how.initial ? how.initial : await listPermissions(api, fileId);
    const planned = planSharingRepairs(listed, grants, options.subject, how.acceptLowered);
    const repairs = how.grantOnly ? { ...planned, grant: planned.grant.filter((grant) => how.grantOnly?.includes(grant.party)) } : planned;
    const remove = repairs.remove.filter((p) => !refusedIds.has(p.id ?? ''));
    const stuck = [...repairs.unremovable, ...repairs.remove.filter((p) => refusedIds.has(p.id ?? '')).map(asInherited)];
    if (stuck.length > 0 && !folderTried) {
      folderTried = true;
      const fromFolder = await repairFolder(api, options, audit);
      issues.push(...fromFolder);
      if (fromFolder.length > 0) {
        refusedIds.clear();
        continue;
      }
    }
    if (stuck.length > 0 && how.stopAtUnremovable) return { issues, unremovable: stuck, unsettled: false };
    if (remove.length + repairs.update.length + repairs.grant.length === 0) return { issues, unremovable: stuck, unsettled: false };
    if (round >= ROUNDS - 1) return { issues, unremovable: stuck, unsettled: true };
    const refused = await removeExtras(api, fileId, remove, audit, issues);
    for (const permission of refused) refusedIds.add(permission.id ?? '');
    if (refused.length > 0 && how.stopAtUnremovable) return { issues, unremovable: [...stuck, ...refused], unsettled: false };
    for (const { permission, grant } of repairs.update) {
      await setRole(api, fileId, permission.id ?? '', grant.role);
      issues.push(`set ${grant.email} back to ${grant.role} (was ${permission.role})`);
      await audit({ kind: 'sharing.repaired', actor: SERVICE, message: `Set ${grant.email} back to ${grant.role} (was ${permission.role})`, data: { party: grant.party } });
    }
    for (const grant of repairs.grant) {
      await grantParty(api, fileId, grant, how.notify);
      issues.push(`restored access for ${grant.email} (${grant.role})`);
      await audit({ kind: 'sharing.granted', actor: SERVICE, message: `Restored ${grant.email}'s access (${grant.role})`, data: { party: grant.party, role: grant.role } });
    }
  }
}

import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import type { PartyRole } from '../../../domain/plan-schema.js';
import { ProviderError, type CreateDocumentInput } from '../../types.js';
import { isStatus, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions, GrantRole } from '../options.js';
import { describePermission, planSharingRepairs, type DesiredGrant } from './parties.js';

/*
 * The Drive side of a plan document's sharing, read top-down: reconcileGrants brings a document's
 * grants to those the rule in parties.ts wants (who must hold what); below it, what the plans
 * folder gives away (every document inherits it), then Drive's permission calls themselves.
 */

const SERVICE = 'service';

type FolderOptions = Pick<GoogleProviderOptions, 'folderId' | 'subject'>;

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
  options: FolderOptions,
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
    const stuck = [...repairs.unremovable, ...repairs.remove.filter((p) => refusedIds.has(p.id ?? '')).map(inherited)];
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

const inherited = (permission: drive_v3.Schema$Permission): drive_v3.Schema$Permission => ({ ...permission, permissionDetails: [{ inherited: true }] });

/** Remove grants nobody asked for; returns those Drive refused to remove (inherited from the folder). */
export async function removeExtras(
  api: GoogleApi,
  fileId: string,
  extras: drive_v3.Schema$Permission[],
  audit: AuditSink,
  issues: string[],
): Promise<drive_v3.Schema$Permission[]> {
  const refused: drive_v3.Schema$Permission[] = [];
  for (const permission of extras) {
    if ((await removePermission(api, fileId, permission.id ?? '')) === 'refused') {
      // Drive would not remove it here: it comes from the folder even if permissionDetails did not say so.
      refused.push(inherited(permission));
      continue;
    }
    const what = describePermission(permission);
    issues.push(`removed access for ${what}`);
    await audit({ kind: 'sharing.removed', actor: SERVICE, message: `Removed access for ${what}: only the four parties may see the plan`, data: { fileId, permission } });
  }
  return refused;
}

/*
 * The plans folder: each grant on it reaches every plan document in it, which cannot drop it.
 */

/** Who besides the subject (its owner) can see the plans folder, and so every document in it. */
export async function folderExposure(api: GoogleApi, options: FolderOptions): Promise<drive_v3.Schema$Permission[]> {
  try {
    return beyondOwner(await listPermissions(api, options.folderId), options.subject);
  } catch (error) {
    if (isStatus(error, 404)) {
      throw new ProviderError(
        `${(error as Error).message}: the plans folder (GOOGLE_PLANS_FOLDER_ID=${options.folderId}) does not exist, is not in My Drive, or ${options.subject} cannot open it`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Take back what the plans folder gives beyond its owner: every plan document inherits the folder's
 * grants and cannot drop them itself. The subject owns the folder (the setup guide asks for that),
 * so Drive lets it remove them; a grant the folder itself inherits from above is refused and stays,
 * for the caller to report. Returns what was removed, as the plan's sharing issues say it.
 */
export async function repairFolder(api: GoogleApi, options: FolderOptions, audit: AuditSink): Promise<string[]> {
  const removed: string[] = [];
  for (const permission of await folderExposure(api, options)) {
    // Another owner cannot be removed (a person must fix that), and the subject keeps its own access.
    if (permission.role === 'owner' || permission.emailAddress?.toLowerCase() === options.subject) continue;
    if ((await removePermission(api, options.folderId, permission.id ?? '')) === 'refused') continue;
    const what = describePermission({ ...permission, permissionDetails: [] });
    removed.push(`${what} had access to every plan through the plans folder: removed it from the folder's sharing`);
    await audit({
      kind: 'sharing.removed',
      actor: SERVICE,
      message: `Removed access for ${what} from the plans folder: every plan document in it inherited that access`,
      data: { folder: true, permission },
    });
  }
  return removed;
}

/** The grants on the plans folder beyond its owner, the subject: each reaches every plan in it. */
export function beyondOwner(permissions: drive_v3.Schema$Permission[], subject: string): drive_v3.Schema$Permission[] {
  return permissions.filter((p) => !(p.role === 'owner' && p.emailAddress?.toLowerCase() === subject));
}

/*
 * Drive's own calls: a file's permissions (a grant with the email Drive sends the party), and the
 * settings that stop its editors sharing it on.
 */

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

function findGrant(permissions: drive_v3.Schema$Permission[], grant: DesiredGrant): drive_v3.Schema$Permission | undefined {
  return permissions.find((p) => p.emailAddress?.toLowerCase() === grant.email && p.type === grant.type);
}

/**
 * The email text Drive sends with each grant: what the document is and that it stays among four
 * (among three while it is a draft, which its team member does not see yet).
 */
export function notificationText(input: Pick<CreateDocumentInput, 'parties' | 'startDate' | 'endDate'>): string {
  const { teamMember, manager, managersManager, hr } = input.parties;
  if (input.parties.stage === 'draft') {
    return (
      `${manager.name} drafted a coaching plan for ${teamMember.name}, ${input.startDate} to ${input.endDate}, to align on with ${managersManager.name} before ${teamMember.name} sees it. ` +
      `This Google Doc is the draft. It is shared only with ${manager.name}, ${managersManager.name} and ${hr.name} (HR) until ${manager.name} shares it with ${teamMember.name}; please do not share it further.`
    );
  }
  return (
    `${manager.name} started a coaching plan for ${teamMember.name}, ${input.startDate} to ${input.endDate}. ` +
    `This Google Doc is the plan: the goal, the activities and a progress log you keep up together. ` +
    `It is shared only with ${teamMember.name}, ${manager.name}, ${managersManager.name} and ${hr.name} (HR); please do not share it further.`
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

/** Editors may not re-share, viewers and commenters may not copy, print or download. */
export async function lockSharingSettings(api: GoogleApi, fileId: string): Promise<void> {
  await api.call('files.update (sharing settings)', (o) =>
    api.drive.files.update({ fileId, fields: 'id,writersCanShare,copyRequiresWriterPermission', requestBody: { writersCanShare: false, copyRequiresWriterPermission: true } }, o),
  );
}

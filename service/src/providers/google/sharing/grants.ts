import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import type { PartyRole } from '../../../domain/plan-schema.js';
import { ProviderError, type CreateDocumentInput } from '../../types.js';
import { isStatus, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions, GrantRole } from '../options.js';

/*
 * The Drive side of a plan document's sharing: the writes that enforce.ts (who must hold what, and
 * the check) decides on, read top-down: removals and unpublishing, audited; what the plans folder
 * gives away (every document inherits it); then Drive's calls themselves.
 */

const SERVICE = 'service';

type FolderOptions = Pick<GoogleProviderOptions, 'folderId' | 'subject'>;

/** A grant a plan document must have (enforce.ts's desiredGrants): the party, and how Drive grants them. */
export interface DesiredGrant {
  party: PartyRole;
  email: string;
  role: GrantRole;
  type: 'user' | 'group';
}

/** Some of this grant comes from a parent folder (`permissionDetails[].inherited`). */
export function isInherited(permission: drive_v3.Schema$Permission): boolean {
  return (permission.permissionDetails ?? []).some((detail) => detail.inherited === true);
}

/** All of this grant comes from a parent folder: the document has no grant of its own to remove. */
export function isInheritedOnly(permission: drive_v3.Schema$Permission): boolean {
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

/** A grant Drive would not remove on the document: it comes from the folder even if permissionDetails did not say so. */
export const asInherited = (permission: drive_v3.Schema$Permission): drive_v3.Schema$Permission => ({ ...permission, permissionDetails: [{ inherited: true }] });

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
      refused.push(asInherited(permission));
      continue;
    }
    const what = describePermission(permission);
    issues.push(`removed access for ${what}`);
    await audit({ kind: 'sharing.removed', actor: SERVICE, message: `Removed access for ${what}: only the four parties may see the plan`, data: { fileId, permission } });
  }
  return refused;
}

const REVISION_FIELDS = 'nextPageToken,revisions(id,published)';

/**
 * Take the document off the web: unpublish each revision published to the web (File > Share >
 * Publish to the web, which anyone with the link can read), and stop republishing later edits.
 * Returns whether any was.
 */
export async function unpublishDocument(api: GoogleApi, fileId: string, audit: AuditSink, issues: string[]): Promise<boolean> {
  const published: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.call('revisions.list', (o) => api.drive.revisions.list({ fileId, fields: REVISION_FIELDS, pageSize: 1000, ...(pageToken ? { pageToken } : {}) }, o));
    for (const revision of page.revisions ?? []) if (revision.published && revision.id) published.push(revision.id);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  for (const revisionId of published) {
    await api.call('revisions.update', (o) =>
      api.drive.revisions.update({ fileId, revisionId, fields: 'id,published', requestBody: { published: false, publishAuto: false, publishedOutsideDomain: false } }, o),
    );
    issues.push('the document was published to the web: unpublished it');
    await audit({
      kind: 'sharing.removed',
      actor: SERVICE,
      message: 'The document was published to the web (anyone with the link could read it): unpublished it',
      data: { revisionId },
    });
  }
  return published.length > 0;
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

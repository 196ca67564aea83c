import { ROLES, type AccessSnapshot, type DriveState, type FakeFile, type StoredPermission } from './drive-state.js';
import { driveError, fileNotFound } from './errors.js';

type Role = StoredPermission['role'];

/**
 * The strongest role `actor` holds on `file` (direct, inherited, through `anyone` or their domain),
 * or undefined when they cannot see it. Drive's roles:
 * https://developers.google.com/workspace/drive/api/guides/ref-roles
 */
export function roleOf(state: DriveState, file: FakeFile, actor: string): Role | undefined {
  return roleAmong(state, { owner: file.owner, permissions: state.effectivePermissions(file) }, actor);
}

export function roleAmong(state: DriveState, access: AccessSnapshot, actor: string): Role | undefined {
  if (access.owner === actor) return 'owner';
  const domain = actor.split('@')[1];
  let best: Role | undefined;
  for (const permission of access.permissions) {
    const applies =
      permission.type === 'anyone' ||
      (permission.type === 'domain' && permission.domain === domain) ||
      ((permission.type === 'user' || permission.type === 'group') &&
        (permission.emailAddress === actor || state.groupMembers.get(permission.emailAddress ?? '')?.has(actor) === true));
    if (applies && (best === undefined || ROLES.indexOf(permission.role) < ROLES.indexOf(best))) best = permission.role;
  }
  return best;
}

const EDITORS: readonly Role[] = ['owner', 'organizer', 'fileOrganizer', 'writer'];
const insufficient = () => driveError(403, 'insufficientFilePermissions', 'The user does not have sufficient permissions for this file.');

/** The file, if the actor can see it; Drive answers 404 (not 403) for a file you cannot see. */
export function visible(state: DriveState, fileId: string, actor: string): FakeFile {
  const file = state.get(fileId);
  if (!roleOf(state, file, actor)) throw fileNotFound(fileId);
  return file;
}

/** Readers and commenters cannot change a file's content or metadata. */
export function editable(state: DriveState, fileId: string, actor: string): FakeFile {
  const file = visible(state, fileId, actor);
  if (!EDITORS.includes(roleOf(state, file, actor)!)) throw insufficient();
  return file;
}

/**
 * Who may change a file's sharing: the owner (and shared-drive managers); a writer only while
 * `writersCanShare` is true. Readers and commenters never.
 */
export function shareable(state: DriveState, fileId: string, actor: string): FakeFile {
  const file = visible(state, fileId, actor);
  const role = roleOf(state, file, actor)!;
  const allowed = role === 'owner' || role === 'organizer' || (role === 'writer' && file.writersCanShare) || (role === 'fileOrganizer' && file.driveId !== undefined);
  if (!allowed) throw insufficient();
  return file;
}

/** In My Drive only the owner may trash, delete or change the sharing settings of a file. */
export function owned(state: DriveState, fileId: string, actor: string): FakeFile {
  const file = visible(state, fileId, actor);
  const role = roleOf(state, file, actor);
  if (role !== 'owner' && !(file.driveId && role === 'organizer')) throw insufficient();
  return file;
}

/** A reader or commenter may not copy a file whose `copyRequiresWriterPermission` is set. */
export function copyable(state: DriveState, fileId: string, actor: string): FakeFile {
  const file = visible(state, fileId, actor);
  if (file.copyRequiresWriterPermission && !EDITORS.includes(roleOf(state, file, actor)!)) {
    throw driveError(403, 'cannotCopyFile', 'This file cannot be copied by the user.');
  }
  return file;
}

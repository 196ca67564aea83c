import { markdownToNodes, type DocNode } from './docs-model.js';
import { FOLDER, GOOGLE_DOC, GRANTEE_TYPES, ROLES, permissionIdFor, type DriveState, type FakeFile, type StoredPermission } from './drive-state.js';
import { driveError } from './errors.js';
import { issuePageToken, readPageToken } from './page-tokens.js';
import { copyable, editable, owned, roleAmong, roleOf, shareable, visible } from './roles.js';

export interface DriveCall {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** Media of an upload (uploadType=media or multipart). */
  media?: { mimeType: string; text: string };
  /** The user the token acts for. */
  actor: string;
}

type Json = Record<string, unknown>;
const bool = (query: URLSearchParams, name: string, fallback: boolean) => (query.has(name) ? query.get(name) === 'true' : fallback);

/** How a caller asked for a file: who, and whether the published view's permissions are wanted. */
export interface FileView {
  actor: string;
  query: URLSearchParams;
}

/**
 * A file's permissions as permissions.list and the `permissions` field show them. With
 * `includePermissionsForView=published` a file published to the web also carries the published
 * view's permission (`view: "published"`: "The permission's role is published_reader", Permission
 * resource, https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions). The
 * fake shows it as `anyone`/`reader` with that view; the reference does not say more of its shape.
 */
export function listedPermissions(state: DriveState, file: FakeFile, query: URLSearchParams): Json[] {
  const listed: Json[] = state.effectivePermissions(file).map(({ permissionDetails, ...p }) => ({
    kind: 'drive#permission',
    ...p,
    ...(state.permissionDetailsInMyDrive || file.driveId ? { permissionDetails } : {}),
  }));
  const view = query.get('includePermissionsForView');
  if (view !== null && view !== 'published')
    throw driveError(400, 'invalid', `Invalid value for includePermissionsForView: ${view}. Only 'published' is supported.`, 'includePermissionsForView');
  if (view === 'published' && file.publishedToWeb)
    listed.push({ kind: 'drive#permission', id: 'publishedView', type: 'anyone', role: 'reader', view: 'published', allowFileDiscovery: false });
  return listed;
}

export function fileResource(state: DriveState, file: FakeFile, view?: FileView): Json {
  // `permissions`: "only available if the requesting user can share the file. Not populated for
  // items in shared drives." (File resource, https://developers.google.com/workspace/drive/api/reference/rest/v3/files)
  const canShare = view !== undefined && !file.driveId && canShareFile(state, file, view.actor);
  return {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    trashed: file.trashed,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    owners: file.driveId ? undefined : [{ kind: 'drive#user', emailAddress: file.owner, me: true }],
    writersCanShare: file.writersCanShare,
    copyRequiresWriterPermission: file.copyRequiresWriterPermission,
    version: String(file.version),
    ...(file.driveId ? { driveId: file.driveId } : {}),
    permissionIds: state.effectivePermissions(file).map((p) => p.id),
    ...(canShare && view ? { permissions: listedPermissions(state, file, view.query) } : {}),
  };
}

function canShareFile(state: DriveState, file: FakeFile, actor: string): boolean {
  try {
    shareable(state, file.id, actor);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drive's pages may hold fewer files than `pageSize` ("Partial or empty result pages are possible
 * even before the end of the files list has been reached", files.list). Asking for each file's
 * `permissions` is answered 100 files a page at most, however large the pageSize: the reference does
 * not say so, but Drive behaves that way, and a client must follow nextPageToken either way.
 */
const PAGE_WITH_PERMISSIONS = 100;
const asksForPermissions = (query: URLSearchParams) => /(^|[,(/])permissions\b/.test(query.get('fields') ?? '');

const HEAD_REVISION = '1';

function revisionResource(file: FakeFile): Json {
  const published = file.publishedToWeb === true;
  return { kind: 'drive#revision', id: HEAD_REVISION, modifiedTime: file.modifiedTime, published, publishAuto: published, publishedOutsideDomain: published };
}

function takeReservedId(state: DriveState, id: unknown): string | undefined {
  if (id === undefined) return undefined;
  if (typeof id !== 'string') throw driveError(400, 'invalid', 'Invalid value for id.');
  if (state.files.has(id)) throw driveError(409, 'fileIdInUse', 'A file already exists with the provided ID.', 'file.id');
  if (!state.reservedIds.has(id)) throw driveError(400, 'fileIdNotUsable', 'The provided file ID is not usable.', 'file.id');
  state.reservedIds.delete(id);
  return id;
}

function applyNewFileGrants(state: DriveState, file: FakeFile): void {
  for (const grant of state.newFileGrants) file.permissions.push({ id: permissionIdFor(grant.type, grant.emailAddress ?? grant.domain), ...grant });
}

const SETTABLE = new Set(['name', 'trashed', 'writersCanShare', 'copyRequiresWriterPermission', 'description', 'starred']);

export const driveMethods: Record<string, (state: DriveState, call: DriveCall) => Json | undefined> = {
  'drive.files.generateIds': (state, { query }) => {
    const count = Number(query.get('count') ?? '10');
    if (count < 1 || count > 1000) throw driveError(400, 'invalid', 'count must be between 1 and 1000');
    const ids = Array.from({ length: count }, () => state.newId());
    for (const id of ids) state.reservedIds.add(id);
    return { kind: 'drive#generatedIds', space: query.get('space') ?? 'drive', ids };
  },

  'drive.files.create': (state, { body, media, actor }) => {
    const id = takeReservedId(state, body['id']);
    const mimeType = String(body['mimeType'] ?? media?.mimeType ?? 'application/octet-stream');
    const parents = Array.isArray(body['parents']) ? (body['parents'] as string[]) : [];
    // Putting a file into a folder is an edit of that folder.
    for (const parent of parents) editable(state, parent, actor);
    if (mimeType === GOOGLE_DOC && media && media.mimeType !== 'text/markdown' && media.mimeType !== 'text/plain') {
      throw driveError(400, 'badContent', `Cannot convert ${media.mimeType} to a Google Doc in this fake`);
    }
    const file = state.addFile({
      ...(id ? { id } : {}),
      name: String(body['name'] ?? 'Untitled'),
      mimeType,
      parents,
      owner: actor,
      ...(mimeType === GOOGLE_DOC ? { document: media ? importedNodes(media) : [] } : {}),
    });
    applyNewFileGrants(state, file);
    return fileResource(state, file);
  },

  'drive.files.copy': (state, { params, body, actor }) => {
    const source = copyable(state, params['fileId'] ?? '', actor);
    if (source.mimeType === FOLDER) throw driveError(403, 'cannotCopyFile', 'This file cannot be copied by the user.');
    const id = takeReservedId(state, body['id']);
    const parents = Array.isArray(body['parents']) ? (body['parents'] as string[]) : source.parents;
    for (const parent of parents) editable(state, parent, actor);
    const document = state.documents.get(source.id);
    const file = state.addFile({
      ...(id ? { id } : {}),
      name: String(body['name'] ?? `Copy of ${source.name}`),
      mimeType: source.mimeType,
      parents,
      owner: actor,
      ...(document ? { document: [] } : {}),
    });
    if (document) state.documents.set(file.id, { ...structuredClone(document), documentId: file.id, title: file.name, revision: 1 });
    applyNewFileGrants(state, file);
    return fileResource(state, file);
  },

  'drive.files.get': (state, { params, query, actor }) => fileResource(state, visible(state, params['fileId'] ?? '', actor), { actor, query }),

  'drive.files.list': (state, { query, actor }) => {
    const matches = parseQuery(query.get('q') ?? '');
    const all = [...state.files.values()].filter((file) => roleOf(state, file, actor) !== undefined && matches(file));
    all.sort((a, b) => a.id.localeCompare(b.id));
    const asked = Number(query.get('pageSize') ?? '100');
    if (!Number.isInteger(asked) || asked < 1 || asked > 1000)
      throw driveError(400, 'invalid', `Invalid value '${query.get('pageSize')}'. Values must be within the range: [1, 1000]`, 'pageSize');
    const pageSize = asksForPermissions(query) ? Math.min(asked, PAGE_WITH_PERMISSIONS) : asked;
    const listing = `files:${actor}:${query.get('q') ?? ''}`;
    const start = readPageToken(listing, query.get('pageToken'));
    const files = all.slice(start, start + pageSize).map((file) => fileResource(state, file, { actor, query }));
    return { kind: 'drive#fileList', incompleteSearch: false, files, ...(start + pageSize < all.length ? { nextPageToken: issuePageToken(listing, start + pageSize) } : {}) };
  },

  'drive.files.update': (state, { params, query, body, actor }) => {
    const fileId = params['fileId'] ?? '';
    // Renaming needs edit access; trashing and the sharing settings are the owner's.
    const ownerOnly = Object.keys(body).some((key) => key === 'trashed' || key === 'writersCanShare' || key === 'copyRequiresWriterPermission');
    const file = ownerOnly ? owned(state, fileId, actor) : editable(state, fileId, actor);
    // Moving: a My Drive item whose last parent is removed goes to its owner's root (here: no parent).
    const ids = (name: string) => (query.get(name) ?? '').split(',').filter(Boolean);
    for (const parent of ids('addParents')) {
      if (state.get(parent).mimeType !== FOLDER) throw driveError(400, 'invalidParent', `The parent ${parent} is not a folder.`);
      editable(state, parent, actor);
    }
    file.parents = [...file.parents.filter((p) => !ids('removeParents').includes(p)), ...ids('addParents')];
    for (const [key, value] of Object.entries(body)) {
      if (!SETTABLE.has(key)) throw driveError(403, 'fieldNotWritable', `The resource body includes fields which are not directly writable. (${key})`);
      if (key === 'name') file.name = String(value);
      if (key === 'trashed') file.trashed = value === true;
      if (key === 'writersCanShare') file.writersCanShare = value === true;
      if (key === 'copyRequiresWriterPermission') file.copyRequiresWriterPermission = value === true;
    }
    const doc = state.documents.get(file.id);
    if (doc) doc.title = file.name;
    state.touch(file);
    return fileResource(state, file);
  },

  'drive.files.delete': (state, { params, actor }) => {
    const file = owned(state, params['fileId'] ?? '', actor);
    state.files.delete(file.id);
    state.documents.delete(file.id);
    state.record(file, state.tick(), true);
    return undefined;
  },

  'drive.permissions.list': (state, { params, query, actor }) => {
    const file = visible(state, params['fileId'] ?? '', actor);
    const all = listedPermissions(state, file, query);
    // Without pageSize a My Drive file's whole list comes back (the parameter's own description).
    const pageSize = query.has('pageSize') || file.driveId ? Number(query.get('pageSize') ?? '100') : all.length;
    const listing = `permissions:${file.id}`;
    const start = readPageToken(listing, query.get('pageToken'));
    const page = all.slice(start, start + pageSize);
    return { kind: 'drive#permissionList', permissions: page, ...(start + pageSize < all.length ? { nextPageToken: issuePageToken(listing, start + pageSize) } : {}) };
  },

  'drive.permissions.get': (state, { params, actor }) => {
    const file = visible(state, params['fileId'] ?? '', actor);
    const permission = state.effectivePermissions(file).find((p) => p.id === params['permissionId']);
    if (!permission) throw driveError(404, 'notFound', `Permission not found: ${params['permissionId']}.`, 'permissionId');
    return { kind: 'drive#permission', ...permission };
  },

  'drive.permissions.create': (state, { params, query, body, actor }) => {
    const file = shareable(state, params['fileId'] ?? '', actor);
    const type = body['type'] as StoredPermission['type'];
    const role = body['role'] as StoredPermission['role'];
    if (!GRANTEE_TYPES.includes(type)) throw driveError(400, 'invalid', `Invalid permission type: ${String(type)}`, 'permission.type');
    if (!ROLES.includes(role)) throw driveError(400, 'invalid', `Invalid permission role: ${String(role)}`, 'permission.role');
    if (role === 'owner') checkTransfer(state, file, actor, query, type);
    refuseSharedDriveRole(file, role);
    const email = typeof body['emailAddress'] === 'string' ? body['emailAddress'].toLowerCase() : undefined;
    const domain = typeof body['domain'] === 'string' ? body['domain'] : undefined;
    if ((type === 'user' || type === 'group') && !email) throw driveError(400, 'required', 'Permission field required: emailAddress', 'permission.emailAddress');
    if (type === 'domain' && !domain) throw driveError(400, 'required', 'Permission field required: domain', 'permission.domain');
    if (email && state.sharingRefused.has(email))
      throw driveError(403, 'shareOutNotPermitted', `Bad Request. User message: "You can't share this item with ${email} because of your organisation's sharing policy."`);
    const notify = bool(query, 'sendNotificationEmail', type === 'user' || type === 'group');
    if (query.has('emailMessage') && !notify)
      throw driveError(400, 'invalidSharingRequest', 'Bad Request. User message: "emailMessage cannot be set when sendNotificationEmail is false"');
    if (notify && (type === 'domain' || type === 'anyone')) throw driveError(400, 'invalidSharingRequest', 'Notifications can only be sent to users and groups.');
    const id = permissionIdFor(type, email ?? domain);
    const existing = file.permissions.find((p) => p.id === id);
    // Drive keeps one permission per grantee: granting again changes that one.
    const permission: StoredPermission = existing ?? { id, type, role, ...(email ? { emailAddress: email } : {}), ...(domain ? { domain } : {}) };
    if (!existing) file.permissions.push(permission);
    if (role === 'owner') transferOwnership(file, permission);
    permission.role = role;
    if (notify && email) state.notifications.push({ fileId: file.id, to: email, message: query.get('emailMessage') ?? undefined });
    state.touch(file);
    return { kind: 'drive#permission', ...permission };
  },

  'drive.permissions.update': (state, { params, query, body, actor }) => {
    const file = shareable(state, params['fileId'] ?? '', actor);
    const role = body['role'] as StoredPermission['role'];
    if (!ROLES.includes(role)) throw driveError(400, 'invalid', `Invalid permission role: ${String(role)}`, 'permission.role');
    const permission = file.permissions.find((p) => p.id === params['permissionId']);
    if (!permission) {
      if (state.effectivePermissions(file).some((p) => p.id === params['permissionId'])) {
        throw driveError(403, 'cannotModifyInheritedPermission', 'Cannot update or delete an inherited permission.');
      }
      throw driveError(404, 'notFound', `Permission not found: ${params['permissionId']}.`, 'permissionId');
    }
    if (permission.role === 'owner') throw driveError(403, 'cannotChangeOwnerRole', 'The owner role cannot be changed this way.');
    refuseSharedDriveRole(file, role);
    if (role === 'owner') {
      checkTransfer(state, file, actor, query, permission.type);
      transferOwnership(file, permission);
    }
    permission.role = role;
    state.touch(file);
    return { kind: 'drive#permission', ...permission };
  },

  'drive.permissions.delete': (state, { params, actor }) => {
    const file = shareable(state, params['fileId'] ?? '', actor);
    const index = file.permissions.findIndex((p) => p.id === params['permissionId']);
    if (index < 0) {
      if (state.effectivePermissions(file).some((p) => p.id === params['permissionId'])) {
        // Drive's current name for it (formerly cannotModifyInheritedTeamDrivePermission, shared drives only).
        throw driveError(403, 'cannotModifyInheritedPermission', 'Cannot update or delete an inherited permission.');
      }
      throw driveError(404, 'notFound', `Permission not found: ${params['permissionId']}.`, 'permissionId');
    }
    if (file.permissions[index]?.role === 'owner') throw driveError(403, 'cannotRemoveOwner', 'The owner of a file cannot be removed.');
    file.permissions.splice(index, 1);
    state.touch(file);
    return undefined;
  },

  // A Docs Editors file's publishing shows on its revisions (https://developers.google.com/workspace/drive/api/reference/rest/v3/revisions):
  // the fake keeps one, the head, under a fixed id.
  'drive.revisions.list': (state, { params, actor }) => {
    const file = visible(state, params['fileId'] ?? '', actor);
    return { kind: 'drive#revisionList', revisions: [revisionResource(file)] };
  },

  'drive.revisions.update': (state, { params, body, actor }) => {
    // Publishing is editing the file: readers and commenters cannot.
    const file = editable(state, params['fileId'] ?? '', actor);
    if (params['revisionId'] !== HEAD_REVISION) throw driveError(404, 'notFound', `Revision not found: ${params['revisionId']}.`, 'revisionId');
    if (body['published'] !== undefined) file.publishedToWeb = body['published'] === true;
    state.touch(file);
    return revisionResource(file);
  },

  'drive.changes.getStartPageToken': (state, { actor }) => ({ kind: 'drive#startPageToken', startPageToken: issueChangeToken(state, actor, state.changes.length + 1) }),

  'drive.changes.list': (state, { query, actor }) => {
    const token = readChangeToken(state, actor, query.get('pageToken'));
    const pageSize = Number(query.get('pageSize') ?? '100');
    const includeRemoved = bool(query, 'includeRemoved', true);
    const slice = state.changes.slice(token - 1, token - 1 + pageSize);
    const changes = slice.flatMap((change) => {
      // Only what this user could see, after the change or before it (then as removed).
      const after = change.access !== null && roleAmong(state, change.access, actor) !== undefined;
      const before = change.before !== null && roleAmong(state, change.before, actor) !== undefined;
      if (!after && !before) return [];
      const file = state.files.get(change.fileId);
      const removed = change.removed || !after || !file;
      if (removed && !includeRemoved) return [];
      const seen = !removed && file && roleOf(state, file, actor) !== undefined;
      return [
        { kind: 'drive#change', changeType: 'file', fileId: change.fileId, time: change.time, removed, ...(seen ? { file: fileResource(state, file, { actor, query }) } : {}) },
      ];
    });
    const next = token + slice.length;
    return next > state.changes.length
      ? { kind: 'drive#changeList', changes, newStartPageToken: issueChangeToken(state, actor, state.changes.length + 1) }
      : { kind: 'drive#changeList', changes, nextPageToken: issueChangeToken(state, actor, next) };
  },
};

/**
 * Change-feed tokens are the user's own: Drive's feed is per user ("Each notification channel is
 * associated both with a particular user", and changes.list lists "the changes for a user",
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/changes/list). The fake issues
 * the position as Drive's plain numbers, remembered per user; a token this user was never given
 * (another user's, or a made-up one) is a 400. The reference does not say what Drive answers for
 * another user's token: the service treats any 400, 404 or 410 on its token as "start over".
 */
export function issueChangeToken(state: DriveState, actor: string, position: number): string {
  state.changeTokens.add(`${actor}:${position}`);
  return String(position);
}

export function readChangeToken(state: DriveState, actor: string, token: string | null): number {
  const position = Number(token);
  if (!token || !Number.isInteger(position) || position < 1 || position > state.changes.length + 1 || !state.changeTokens.has(`${actor}:${position}`)) {
    throw driveError(400, 'invalid', 'Invalid Value', 'pageToken');
  }
  return position;
}

/**
 * What a converted upload becomes: Markdown through Drive's Markdown import, plain text as plain
 * paragraphs, one a line (a `#` or a `|` in a text file is just a character).
 */
function importedNodes(media: { mimeType: string; text: string }): DocNode[] {
  if (media.mimeType === 'text/markdown') return markdownToNodes(media.text);
  return media.text.split(/\r?\n/).map((line) => ({ kind: 'paragraph', text: line, style: 'NORMAL_TEXT' }));
}

/**
 * `organizer` and `fileOrganizer` are shared-drive roles ("Manager" and "Content manager": "Shared
 * drives only", https://developers.google.com/workspace/drive/api/guides/ref-roles): a My Drive file
 * cannot have them. The reference does not give the exact error; the fake answers Drive's 400 for an
 * invalid sharing request.
 */
function refuseSharedDriveRole(file: FakeFile, role: StoredPermission['role']): void {
  if ((role === 'organizer' || role === 'fileOrganizer') && !file.driveId) {
    throw driveError(400, 'invalidSharingRequest', `Bad Request. User message: "The ${role} role can only be granted on items in a shared drive."`, 'permission.role');
  }
}

/** Only the owner may hand a file over, only to a user, and only saying `transferOwnership=true`. */
function checkTransfer(state: DriveState, file: FakeFile, actor: string, query: URLSearchParams, type: StoredPermission['type']): void {
  if (!bool(query, 'transferOwnership', false))
    throw driveError(403, 'consentRequiredForOwnershipTransfer', 'The transferOwnership parameter must be enabled when the permission role is "owner".');
  owned(state, file.id, actor);
  if (type !== 'user') throw driveError(400, 'invalidOwnershipTransfer', 'Ownership can only be transferred to a user.');
}

/** A file has one owner: the new one takes the role, the previous owner keeps access as a writer. */
function transferOwnership(file: FakeFile, to: StoredPermission): void {
  for (const permission of file.permissions) if (permission.role === 'owner' && permission !== to) permission.role = 'writer';
  file.owner = to.emailAddress ?? file.owner;
}

/**
 * The part of Drive's query language the service uses: `'<id>' in parents`, `trashed = true|false`,
 * `modifiedTime > '<RFC 3339>'`, `mimeType = '<type>'`, joined with `and`. Anything else is a 400,
 * as Drive answers an invalid query (https://developers.google.com/workspace/drive/api/guides/search-files).
 */
function parseQuery(q: string): (file: FakeFile) => boolean {
  const terms = q.trim() === '' ? [] : q.split(/\s+and\s+/i);
  const tests = terms.map((term): ((file: FakeFile) => boolean) => {
    let m = /^'([^']+)' in parents$/.exec(term.trim());
    if (m) return (file) => file.parents.includes(m![1]!);
    m = /^trashed\s*=\s*(true|false)$/.exec(term.trim());
    if (m) return (file) => file.trashed === (m![1] === 'true');
    m = /^modifiedTime\s*(>|>=|<|<=)\s*'([^']+)'$/.exec(term.trim());
    if (m) {
      const [, op, time] = m;
      const at = Date.parse(time ?? '');
      if (Number.isNaN(at)) throw driveError(400, 'invalid', 'Invalid Value', 'q');
      return (file) => {
        const t = Date.parse(file.modifiedTime);
        return op === '>' ? t > at : op === '>=' ? t >= at : op === '<' ? t < at : t <= at;
      };
    }
    m = /^mimeType\s*=\s*'([^']+)'$/.exec(term.trim());
    if (m) return (file) => file.mimeType === m![1];
    throw driveError(400, 'invalid', 'Invalid Value', 'q');
  });
  return (file) => tests.every((test) => test(file));
}

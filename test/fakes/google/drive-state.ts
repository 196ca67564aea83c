import type { DocNode, FakeDocument } from './docs-model.js';
import { driveError, fileNotFound } from './errors.js';

export const FOLDER = 'application/vnd.google-apps.folder';
export const GOOGLE_DOC = 'application/vnd.google-apps.document';
export const ROLES = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'] as const;
export const GRANTEE_TYPES = ['user', 'group', 'domain', 'anyone'] as const;
type Role = (typeof ROLES)[number];
type GranteeType = (typeof GRANTEE_TYPES)[number];

export interface StoredPermission {
  id: string;
  type: GranteeType;
  role: Role;
  emailAddress?: string;
  domain?: string;
  allowFileDiscovery?: boolean;
}

export interface FakeFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  createdTime: string;
  modifiedTime: string;
  owner: string;
  writersCanShare: boolean;
  copyRequiresWriterPermission: boolean;
  /** Set for files in a shared drive (every member sees them). */
  driveId?: string;
  permissions: StoredPermission[];
  version: number;
  /** File > Share > Publish to the web (Docs Editors files): the head revision is published. */
  publishedToWeb?: boolean;
}

/** Who could see a file at some moment: its owner and its effective grants. */
export interface AccessSnapshot {
  owner: string;
  permissions: Pick<StoredPermission, 'type' | 'role' | 'emailAddress' | 'domain'>[];
}

/**
 * One entry of the change log. Drive's feed is per user: a change shows only to those who could see
 * the file after it (with the file) or before it (as `removed`: deleted, or their access lost).
 */
export interface Change {
  fileId: string;
  time: string;
  removed: boolean;
  /** Who could see the file after the change (null once deleted). */
  access: AccessSnapshot | null;
  /** Who could see it before. */
  before: AccessSnapshot | null;
}

/** One email Drive sent for a new permission (sendNotificationEmail). */
export interface SentNotification {
  fileId: string;
  to: string;
  message: string | undefined;
}

/** Drive's permission id identifies the grantee, the same on every file. */
export function permissionIdFor(type: GranteeType, value: string | undefined): string {
  if (type === 'anyone') return 'anyoneWithLink';
  let hash = 0;
  for (const char of `${type}:${value ?? ''}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${type === 'domain' ? 'd' : ''}${hash.toString().padStart(10, '0')}`;
}

/**
 * The Drive side of the fake: files with parents and owners, trash, permissions inherited from
 * folders (and not deletable on the child), reserved ids, a change feed and sent notifications.
 */
export class DriveState {
  readonly files = new Map<string, FakeFile>();
  readonly documents = new Map<string, FakeDocument>();
  readonly changes: Change[] = [];
  readonly notifications: SentNotification[] = [];
  readonly reservedIds = new Set<string>();
  /** Change-feed positions handed out, as `user:position` (a token is its user's own). */
  readonly changeTokens = new Set<string>();
  /**
   * Drive's reference has said `permissionDetails` is only populated for shared-drive items; set to
   * false to answer that way for My Drive files, so clients cannot rely on it alone.
   */
  permissionDetailsInMyDrive = true;
  /**
   * Grants Drive puts on every file created or copied, as a Workspace's default link sharing does
   * ("anyone in the organisation with the link"): direct grants, which the owner may remove.
   */
  readonly newFileGrants: Omit<StoredPermission, 'id'>[] = [];
  /** Google Groups: a grant to the group gives each member its role. */
  readonly groupMembers = new Map<string, Set<string>>();
  /** Addresses the domain's sharing policy will not share with (e.g. outside the organisation). */
  readonly sharingRefused = new Set<string>();
  private readonly lastAccess = new Map<string, AccessSnapshot | null>();
  private clock = Date.parse('2026-12-01T09:00:00Z');
  private idCounter = 0;

  /** A strictly increasing clock, so modifiedTime orders changes. */
  tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  newId(): string {
    this.idCounter += 1;
    return `1${this.idCounter.toString(36).padStart(8, '0')}Fk${Math.random().toString(36).slice(2, 12)}`;
  }

  touch(file: FakeFile): void {
    file.modifiedTime = this.tick();
    file.version += 1;
    this.record(file, file.modifiedTime);
  }

  /** Log a change to `file` (or its deletion) with who could see it before and after. */
  record(file: FakeFile, time: string, removed = false): void {
    const access = removed
      ? null
      : { owner: file.owner, permissions: this.effectivePermissions(file).map(({ type, role, emailAddress, domain }) => ({ type, role, emailAddress, domain })) };
    const change = { fileId: file.id, time, removed, access, before: this.lastAccess.get(file.id) ?? null };
    this.changes.push(change);
    this.lastAccess.set(file.id, access);
    this.onChange?.(change);
  }

  /** Told of every change as it is logged (push notifications). */
  onChange: ((change: Change) => void) | undefined;

  get(fileId: string): FakeFile {
    const file = this.files.get(fileId);
    if (!file) throw fileNotFound(fileId);
    return file;
  }

  addFile(input: { id?: string; name: string; mimeType: string; parents?: string[]; owner: string; driveId?: string; document?: DocNode[] }): FakeFile {
    const id = input.id ?? this.newId();
    const now = this.tick();
    const parents = input.parents ?? [];
    for (const parent of parents) if (this.get(parent).mimeType !== FOLDER) throw driveError(400, 'invalidParent', `The parent ${parent} is not a folder.`);
    const inSharedDrive = input.driveId ?? parents.map((p) => this.files.get(p)?.driveId).find(Boolean);
    const file: FakeFile = {
      id,
      name: input.name,
      mimeType: input.mimeType,
      parents,
      trashed: false,
      createdTime: now,
      modifiedTime: now,
      owner: input.owner,
      writersCanShare: true,
      copyRequiresWriterPermission: false,
      ...(inSharedDrive ? { driveId: inSharedDrive } : {}),
      permissions: [{ id: permissionIdFor('user', input.owner), type: 'user', role: 'owner', emailAddress: input.owner }],
      version: 1,
    };
    this.files.set(id, file);
    if (input.document) this.documents.set(id, { documentId: id, title: input.name, tabs: [{ tabId: 't.0', title: 'Tab 1', nodes: input.document }], revision: 1 });
    this.record(file, now);
    return file;
  }

  /** Direct grants plus those inherited from every ancestor folder, as permissions.list shows them. */
  effectivePermissions(file: FakeFile): (StoredPermission & { permissionDetails: { permissionType: 'file'; role: Role; inherited: boolean; inheritedFrom?: string }[] })[] {
    const merged = new Map<string, StoredPermission & { permissionDetails: { permissionType: 'file'; role: Role; inherited: boolean; inheritedFrom?: string }[] }>();
    const add = (permission: StoredPermission, inheritedFrom: string | undefined) => {
      const entry = merged.get(permission.id) ?? { ...permission, permissionDetails: [] };
      entry.permissionDetails.push({
        permissionType: 'file',
        role: permission.role,
        inherited: inheritedFrom !== undefined,
        // inheritedFrom is only populated for items in shared drives.
        ...(inheritedFrom && file.driveId ? { inheritedFrom } : {}),
      });
      if (ROLES.indexOf(permission.role) < ROLES.indexOf(entry.role)) entry.role = permission.role;
      merged.set(permission.id, entry);
    };
    for (const permission of file.permissions) add(permission, undefined);
    const seen = new Set<string>();
    const walk = (parents: string[]) => {
      for (const parentId of parents) {
        const parent = this.files.get(parentId);
        if (!parent || seen.has(parentId)) continue;
        seen.add(parentId);
        for (const permission of parent.permissions) if (permission.role !== 'owner' || permission.emailAddress !== file.owner) add(permission, parentId);
        walk(parent.parents);
      }
    };
    walk(file.parents);
    return [...merged.values()];
  }
}

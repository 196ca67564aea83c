import type { drive_v3 } from '@googleapis/drive';
import type { AuditSink } from '../../../domain/audit.js';
import { ProviderError } from '../../types.js';
import { isStatus, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { listPermissions, removePermission } from './permissions.js';
import { describePermission } from './parties.js';

type FolderOptions = Pick<GoogleProviderOptions, 'folderId' | 'subject'>;

/** The grants on the plans folder beyond its owner, the subject: each reaches every plan in it. */
export function beyondOwner(permissions: drive_v3.Schema$Permission[], subject: string): drive_v3.Schema$Permission[] {
  return permissions.filter((p) => !(p.role === 'owner' && p.emailAddress?.toLowerCase() === subject));
}

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
      actor: 'service',
      message: `Removed access for ${what} from the plans folder: every plan document in it inherited that access`,
      data: { folder: true, permission },
    });
  }
  return removed;
}

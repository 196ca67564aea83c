import type { SetupReport } from '../types.js';
import { isStatus, type GoogleApi } from './api/client.js';
import type { GoogleProviderOptions } from './options.js';
import { PERMISSION_ITEM } from './sharing/enforce.js';
import { beyondOwner, describePermission, listPermissions } from './sharing/grants.js';
import { errorMessage } from '../../errors.js';

/**
 * Is Google set up as the service needs? The token works (key valid, delegation granted), the plans
 * folder exists, is a folder in My Drive (a shared drive shows every file to every member) and is
 * shared with nobody but its owner (children inherit the folder's grants and cannot drop them).
 */
export async function checkSetup(api: GoogleApi, options: GoogleProviderOptions): Promise<SetupReport> {
  const problems: string[] = [];
  try {
    await api.tokens.getToken();
  } catch (error) {
    return { ok: false, problems: [errorMessage(error)] };
  }
  try {
    const folder = await api.call('files.get (plans folder)', (o) =>
      // Its permissions in the same answer (given to its owner): one request a check, not two.
      api.drive.files.get({ fileId: options.folderId, fields: `id,name,mimeType,driveId,trashed,permissions(${PERMISSION_ITEM})`, supportsAllDrives: true }, o),
    );
    if (folder.mimeType !== 'application/vnd.google-apps.folder') problems.push(`GOOGLE_PLANS_FOLDER_ID ${options.folderId} is not a folder`);
    if (folder.trashed) problems.push(`the plans folder ${folder.name ?? options.folderId} is in the trash`);
    if (folder.driveId) {
      problems.push(`the plans folder is in a shared drive (${folder.driveId}): every member of a shared drive sees every file; use a folder in ${options.subject}'s My Drive`);
    }
    // (A shared drive's members are the problem reported above; its own listing needs other flags.)
    const extra = folder.driveId ? [] : beyondOwner(folder.permissions ?? (await listPermissions(api, options.folderId)), options.subject);
    if (extra.length > 0) {
      problems.push(`the plans folder is shared with ${extra.map(describePermission).join(', ')}: every plan would inherit that; share it with nobody`);
    }
  } catch (error) {
    if (isStatus(error, 404)) problems.push(`the plans folder ${options.folderId} does not exist or ${options.subject} cannot see it`);
    else problems.push(errorMessage(error));
  }
  if (options.templateDocId) {
    try {
      await api.call('files.get (template)', (o) => api.drive.files.get({ fileId: options.templateDocId as string, fields: 'id,mimeType', supportsAllDrives: true }, o));
    } catch (error) {
      problems.push(isStatus(error, 404) ? `GOOGLE_TEMPLATE_DOC_ID ${options.templateDocId} does not exist or ${options.subject} cannot read it` : String(error));
    }
  }
  return { ok: problems.length === 0, problems };
}

import { errorMessage } from '../../../errors.js';
import { ProviderError } from '../../types.js';
import { isStatus, type GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { beyondOwner, describePermission, listPermissions, removePermission } from './grants.js';

/** How a document that must not stay readable was made so: gone, or kept where only its owner can open it. */
export type Disposal = 'deleted' | 'quarantined';

/**
 * Make a document nobody but its owner can read. Delete it for good (trashing does not revoke
 * access) and check it is gone. When Drive refuses the delete for good (a 403 no retry changes),
 * or `quarantineOnFailure` says the retries are used up, quarantine it instead: remove every grant
 * but the owner's, move it out of the plans folder (Drive puts a My Drive item whose last parent is
 * removed in its owner's root), so it inherits nothing, and check only the owner is left. Any other
 * failure is retryable: the caller's plan resumes and tries again.
 */
export async function disposeDocument(
  api: GoogleApi,
  options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>,
  fileId: string,
  how: { quarantineOnFailure: boolean },
): Promise<Disposal> {
  let refused: boolean;
  try {
    refused = (await deletePermanently(api, fileId)) === 'refused';
  } catch (error) {
    if (!how.quarantineOnFailure) throw error;
    refused = true;
  }
  if (!refused) return 'deleted';
  await quarantine(api, options, fileId);
  return 'quarantined';
}

async function deletePermanently(api: GoogleApi, fileId: string): Promise<'deleted' | 'refused'> {
  const retry = (error: unknown) => new ProviderError(`[google] deleting the exposed document ${fileId}: ${errorMessage(error)}`, { cause: error, retryable: true });
  try {
    await api.call('files.delete', (o) => api.drive.files.delete({ fileId }, o));
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable && !isStatus(error, 404)) return 'refused';
    if (!isStatus(error, 404)) throw retry(error);
  }
  try {
    await api.call('files.get (deleted?)', (o) => api.drive.files.get({ fileId, fields: 'id' }, o));
  } catch (error) {
    if (isStatus(error, 404)) return 'deleted';
    throw retry(error);
  }
  throw retry(new Error('it still exists after files.delete'));
}

async function quarantine(api: GoogleApi, options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>, fileId: string): Promise<void> {
  const fail = (what: string, cause?: unknown) =>
    new ProviderError(`[google] quarantining the document ${fileId} that Drive would not delete: ${what}`, { cause, retryable: true });
  try {
    // Direct grants here; what it inherits from the folder goes with the move.
    for (const permission of beyondOwner(await listPermissions(api, fileId), options.subject)) await removePermission(api, fileId, permission.id ?? '');
    await api.call('files.update (out of the plans folder)', (o) => api.drive.files.update({ fileId, removeParents: options.folderId, fields: 'id,parents' }, o));
  } catch (error) {
    throw fail(errorMessage(error), error);
  }
  const left = beyondOwner(await listPermissions(api, fileId), options.subject);
  if (left.length > 0) throw fail(`${left.map(describePermission).join('; ')} can still open it`);
}

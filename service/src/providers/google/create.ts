import type { drive_v3 } from '@googleapis/drive';
import type { PartyRole } from '../../domain/plan-schema.js';
import { ProviderError, type CreateDocumentInput, type CreatedDocument } from '../types.js';
import { isStatus, type GoogleApi } from './api/client.js';
import type { GoogleProviderOptions } from './options.js';
import { disposeDocument, type Disposal } from './sharing/dispose.js';
import { desiredGrants, planSharingRepairs, reconcileGrants } from './sharing/enforce.js';
import { describePermission, folderExposure, grantParty, listPermissions, lockSharingSettings, notificationText, removeExtras } from './sharing/grants.js';
import { fillTemplateDoc } from './template-fill.js';

/** What a create has done so far, saved after every remote step (the plan's createCheckpoint). */
export interface GoogleCheckpoint {
  fileId?: string;
  created?: boolean;
  filled?: boolean;
  locked?: boolean;
  granted?: PartyRole[];
  failedClosed?: string;
  /** Failing closed began: the document is being deleted; a resumed create finishes that first. */
  closing?: string;
  /** A step failed for good (not worth retrying); the half-made document was deleted. */
  abandoned?: string;
  /** Failed attempts at deleting an exposed document; at DELETE_ATTEMPTS it is quarantined instead. */
  deleteFailures?: number;
}

const DELETE_ATTEMPTS = 3;

const SERVICE = 'service';
export const docUrl = (fileId: string) => `https://docs.google.com/document/d/${fileId}/edit`;

/**
 * Create a plan document as a resumable step machine: reserve an id (files.generateIds), copy the
 * template doc or import the Markdown under that id, fill placeholders, lock re-sharing, check the
 * folder gives nobody access, grant the four one at a time with an email, verify. Each step is saved
 * before the next, and each is safe to repeat, so a retried or resumed create makes one document.
 */
export async function createPlanDocument(api: GoogleApi, options: GoogleProviderOptions, input: CreateDocumentInput): Promise<CreatedDocument> {
  let checkpoint = { ...input.checkpoint } as GoogleCheckpoint;
  const resumed = checkpoint.fileId !== undefined;
  const save = async (patch: GoogleCheckpoint) => {
    checkpoint = { ...checkpoint, ...patch };
    await input.saveCheckpoint({ ...checkpoint });
  };
  if (checkpoint.failedClosed) throw new ProviderError(checkpoint.failedClosed, { failClosed: true });
  if (checkpoint.abandoned) throw new ProviderError(checkpoint.abandoned);

  const fixFolder = `Fix: in Drive open the plans folder (GOOGLE_PLANS_FOLDER_ID=${options.folderId}), Share: remove everyone except ${options.subject} and set General access to Restricted (the folder must be in My Drive, not a shared drive); then create the plan again.`;
  /**
   * Make the document unreadable to all but its owner before saying it is gone: deleted for good, or
   * (Drive refusing that for good, or failing it on DELETE_ATTEMPTS attempts) quarantined. Counted in
   * the checkpoint, so a plan never stays `creating` for ever over a delete Drive will not do.
   */
  const dispose = async (): Promise<Disposal> => {
    const failures = checkpoint.deleteFailures ?? 0;
    try {
      return await disposeDocument(api, options, checkpoint.fileId as string, { quarantineOnFailure: failures + 1 >= DELETE_ATTEMPTS });
    } catch (error) {
      await save({ deleteFailures: failures + 1 });
      throw error;
    }
  };
  const closedMessage = (cause: string, disposal: Disposal) =>
    `[google] The plan document was not created: ${cause}. Drive does not let the service remove access that a document inherits from its folder, ` +
    (disposal === 'deleted'
      ? 'so the document was deleted permanently. '
      : `and Drive refused to delete the document, so the service removed every grant on it and moved it out of the plans folder into ${options.subject}'s My Drive, where only ${options.subject} can open it (file ${checkpoint.fileId}): delete it there. `) +
    fixFolder;
  /**
   * Trashing does not revoke access (whoever could read a trashed file still can), and a grant the
   * document inherits from its folder cannot be removed on the document: dispose of it, recorded
   * first, so a restart in the middle finishes the job.
   */
  const failClosed = async (cause: string): Promise<never> => {
    await save({ closing: cause });
    const disposal = await dispose();
    const message = closedMessage(cause, disposal);
    await input.audit({
      kind: 'sharing.violation',
      actor: SERVICE,
      message:
        disposal === 'deleted'
          ? `Document deleted permanently before anyone was told of it: ${cause}`
          : `Drive refused to delete the document: every grant on it was removed and it was moved out of the plans folder, where only ${options.subject} can open it (${cause})`,
      data: { fileId: checkpoint.fileId, disposal },
    });
    await save({ failedClosed: message });
    throw new ProviderError(message, { failClosed: true });
  };
  // An interrupted fail-closed (older versions saved the whole message): finish before saying it is gone.
  if (checkpoint.closing) await failClosed(checkpoint.closing.replace(/^\[google\] The plan document was not created: (.*?)\. Drive does not let.*$/s, '$1'));

  if (!checkpoint.fileId) {
    const ids = await api.call('files.generateIds', (o) => api.drive.files.generateIds({ count: 1, space: 'drive', type: 'files' }, o));
    const fileId = ids.ids?.[0];
    if (!fileId) throw new ProviderError('[google] files.generateIds: answered without an id');
    await save({ fileId });
  }
  const fileId = checkpoint.fileId as string;

  // A document inherits every grant of its folder: check the folder just before the document is made,
  // and again on every resumed attempt (it can be shared at any time), so no plan text sits in a
  // folder others can open, not even for the seconds before a delete.
  const exposed = await folderExposure(api, options);
  if (exposed.length > 0) {
    const cause = `the plans folder is shared with ${exposed.map(describePermission).join('; ')}, and every document in it would be too`;
    if (resumed) await failClosed(cause);
    const message = `[google] The plan document was not created: ${cause}. ${fixFolder}`;
    await input.audit({ kind: 'sharing.violation', actor: SERVICE, message: `No document was created: ${cause}` });
    await save({ failedClosed: message });
    throw new ProviderError(message, { failClosed: true });
  }

  if (!checkpoint.created) {
    await createFile(api, options, input, fileId, resumed);
    await save({ created: true });
  }
  try {
    if (options.templateDocId && !checkpoint.filled) {
      await fillTemplateDoc(api, fileId, input.placeholders);
      await save({ filled: true });
    }
    if (!checkpoint.locked) {
      await lockSharingSettings(api, fileId);
      await save({ locked: true });
    }

    const grants = desiredGrants(input.parties, options);
    const granted = new Set(checkpoint.granted ?? []);
    const issues: string[] = [];
    if (granted.size < grants.length) {
      // Before anyone gets an email, nobody but the owner may have access. After a restart: which
      // grants did the interrupted attempt make without recording them?
      const repairs = planSharingRepairs(await listPermissions(api, fileId), grants, options.subject);
      const blocked = [...repairs.unremovable, ...(await removeExtras(api, fileId, repairs.remove, input.audit, issues))];
      if (blocked.length > 0) await failClosed(blocked.map(describePermission).join('; '));
      if (resumed) for (const grant of grants) if (!repairs.grant.includes(grant) && !repairs.update.some((u) => u.grant === grant)) granted.add(grant.party);
    }
    const notify = { emailMessage: notificationText(input) };
    for (const grant of grants) {
      if (granted.has(grant.party)) continue;
      await grantParty(api, fileId, grant, notify);
      await input.audit({ kind: 'sharing.granted', actor: SERVICE, message: `Shared with ${grant.email} as ${grant.role}`, data: { party: grant.party, role: grant.role } });
      granted.add(grant.party);
      await save({ granted: [...granted] });
    }

    // Verify: exactly the owner and the four, repaired where someone was quicker than us.
    const verified = await reconcileGrants(api, options, fileId, grants, input.audit, { notify, stopAtUnremovable: true });
    issues.push(...verified.issues);
    if (verified.unremovable.length > 0) await failClosed(verified.unremovable.map(describePermission).join('; '));
    if (verified.unsettled) await failClosed('its access kept changing while it was being verified');
    return { docId: fileId, docUrl: docUrl(fileId), sharing: { state: issues.length > 0 ? 'repaired' : 'ok', issues } };
  } catch (error) {
    // A failure that retrying will not fix (a party Drive will not share with, a lost folder): do not
    // leave a half-shared document behind. Passing failures keep it for the resumed create.
    if (error instanceof ProviderError && !error.retryable && !error.failClosed) {
      // Nobody resumes an abandoned create: quarantine at once if the delete does not go through.
      const removed = await disposeDocument(api, options, fileId, { quarantineOnFailure: true }).then(
        (disposal) =>
          disposal === 'deleted'
            ? 'deleted'
            : `could not be deleted, so every grant on it was removed and it was moved into ${options.subject}'s My Drive (file ${fileId}): delete it there`,
        () => `could not be deleted: delete ${docUrl(fileId)} in Drive`,
      );
      const abandoned = `${error.message} (the half-made document ${removed})`;
      await save({ abandoned });
      // The plan's failure says where the document went, not only what failed.
      throw new ProviderError(abandoned, { cause: error });
    }
    throw error;
  }
}

async function createFile(api: GoogleApi, options: GoogleProviderOptions, input: CreateDocumentInput, fileId: string, resumed: boolean): Promise<void> {
  const exists = async (): Promise<boolean> => {
    try {
      const file = await api.call('files.get', (o) => api.drive.files.get({ fileId, fields: 'id,trashed' }, o));
      if (file.trashed) throw new ProviderError(`[google] The plan document ${fileId} is in the trash; create the plan again`, { failClosed: true });
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  };
  if (resumed && (await exists())) return;
  const metadata: drive_v3.Schema$File = { id: fileId, name: input.title, parents: [options.folderId] };
  try {
    await api.call(options.templateDocId ? 'files.copy' : 'files.create', async (o, attempt) => {
      // An attempt that got no answer (or a 500) may have created the file: look before repeating.
      if (attempt > 0 && (await exists())) return { data: { id: fileId } };
      if (options.templateDocId) {
        // The template may live in a shared drive (it holds nothing confidential); the copy goes into
        // the plans folder, whose privacy was checked above (a shared-drive folder fails that check).
        return api.drive.files.copy({ fileId: options.templateDocId, supportsAllDrives: true, fields: 'id', requestBody: metadata }, o);
      }
      return api.drive.files.create(
        {
          fields: 'id',
          requestBody: { ...metadata, mimeType: 'application/vnd.google-apps.document' },
          media: { mimeType: 'text/markdown', body: input.markdown },
        },
        // The client rewrites only the plain URL to the configured root, not the upload URL.
        { ...o, rootUrl: options.apiRootUrl },
      );
    });
  } catch (error) {
    // 409: the id is taken, i.e. an earlier attempt made this very file.
    if (isStatus(error, 409) && (await exists())) return;
    if (isStatus(error, 404)) {
      const what = options.templateDocId ? `the template Doc (GOOGLE_TEMPLATE_DOC_ID=${options.templateDocId}) or the plans folder` : 'the plans folder';
      throw new ProviderError(`${(error as Error).message}: ${what} (GOOGLE_PLANS_FOLDER_ID=${options.folderId}) does not exist or ${options.subject} cannot open it`, {
        cause: error,
      });
    }
    throw error;
  }
}

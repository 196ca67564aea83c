import type { docs_v1 } from '@googleapis/docs';
import { DocumentMissingError, type DocProvider, type DocRef } from '../types.js';
import { createGoogleApi, getLiveFile, isStatus } from './api/client.js';
import { DOCUMENT_FIELDS, googleDocToModel } from './convert.js';
import { createPlanDocument } from './create.js';
import { detectChanges, type KnownFile } from './changes.js';
import { appendSection, writeDates } from './document-edits.js';
import { closeDocument, reopenDocument } from './sharing/close.js';
import { enforceSharing } from './sharing/enforce.js';
import type { GoogleProviderOptions } from './options.js';
import { shareDocument } from './sharing/share.js';
import { checkSetup } from './setup.js';
import { confirmSharingInBulk } from './sharing/sweep.js';
import { driveChangeChannels } from './watch.js';

export type { GoogleProviderOptions, ServiceAccountKey } from './options.js';
export { googleOptionsFromConfig, parseServiceAccountKey } from './options.js';
// What reminders/ needs from Google (Gmail as REMINDER_SENDER), so it reaches no file of this folder but this one.
export { gmailTokenSource } from './api/auth.js';

/** How long the change feed's word on a document (trashed or not) saves a files.get on read. */
const KNOWN_FOR_MS = 10 * 60_000;
/** How long the feed's description of a file's sharing stands in for a files.get (once). */
const SHARING_SEEN_FOR_MS = 60_000;

/**
 * Plan documents in Google Docs, owned by the configured Workspace user (domain-wide delegation),
 * kept in a private folder and shared with exactly the four parties.
 */
export function googleProvider(options: GoogleProviderOptions): DocProvider {
  const api = createGoogleApi(options);
  const now = options.now ?? Date.now;
  const known = new Map<string, KnownFile>();

  async function readDocument(ref: DocRef) {
    const seen = known.get(ref.docId);
    if (seen && now() - seen.seenAt < KNOWN_FOR_MS) {
      if (seen.trashed) throw new DocumentMissingError(`[google] document ${ref.docId} is in the trash or deleted`);
    } else {
      // documents.get still answers for a trashed document: ask Drive.
      await getLiveFile(api, ref.docId, 'id');
    }
    let doc: docs_v1.Schema$Document;
    try {
      doc = await api.call('documents.get', (o) =>
        // Pending suggestions are not the plan yet: read it as if they were rejected.
        api.docs.documents.get({ documentId: ref.docId, includeTabsContent: true, suggestionsViewMode: 'PREVIEW_WITHOUT_SUGGESTIONS', fields: DOCUMENT_FIELDS }, o),
      );
    } catch (error) {
      if (isStatus(error, 404)) throw new DocumentMissingError(`[google] documents.get: document ${ref.docId} no longer exists`, { cause: error });
      throw error;
    }
    return googleDocToModel(doc);
  }

  /** The file as this cycle's change feed described it, used once: a later check asks Drive again. */
  function takeSeenFile(docId: string) {
    const seen = known.get(docId);
    if (!seen?.file || now() - seen.seenAt >= SHARING_SEEN_FOR_MS) return undefined;
    const { file, ...rest } = seen;
    known.set(docId, rest);
    return file;
  }

  return {
    name: 'google',
    createDocument: (input) => createPlanDocument(api, options, input),
    readDocument,
    detectChanges: (cursor, docs) => detectChanges(api, options, cursor, docs, known, now()),
    appendSection: (ref, section) => appendSection(api, ref, section),
    reopenDocument: (ref, parties, audit) => reopenDocument(api, options, ref, parties, audit),
    writeDates: (ref, change) => writeDates(api, ref, change),
    enforceSharing: (ref, parties, audit, how) => enforceSharing(api, options, ref, parties, audit, takeSeenFile(ref.docId), how),
    confirmSharing: (candidates) => confirmSharingInBulk(api, options, candidates),
    shareDocument: (input) => shareDocument(api, options, input),
    changeChannels: driveChangeChannels(api),
    closeDocument: (ref, parties, audit) => closeDocument(api, options, ref, parties, audit),
    // GET /api/health caches this and shares it among concurrent callers.
    checkSetup: () => checkSetup(api, options),
  } satisfies DocProvider;
}

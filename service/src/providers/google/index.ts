import type { DocProvider } from '../types.js';
import { createGoogleApi } from './api/client.js';
import { changeFeedMemory, detectChanges, driveChangeChannels } from './changes.js';
import { createPlanDocument } from './create.js';
import { appendSection, writeDates } from './document-edits.js';
import type { GoogleProviderOptions } from './options.js';
import { readDocument } from './read.js';
import { checkSetup } from './setup.js';
import { closeDocument, reopenDocument } from './sharing/close.js';
import { enforceSharing } from './sharing/enforce.js';
import { shareDocument } from './sharing/share.js';
import { confirmSharingInBulk } from './sharing/sweep.js';

export type { ServiceAccountKey } from './api/auth.js';
export type { GoogleProviderOptions } from './options.js';
export { googleOptionsFromConfig, parseServiceAccountKey } from './options.js';
// What reminders/ needs from Google (Gmail as REMINDER_SENDER), so it reaches no file of this folder but this one.
export { gmailTokenSource } from './api/auth.js';

/**
 * Plan documents in Google Docs, owned by the configured Workspace user (domain-wide delegation),
 * kept in a private folder and shared with exactly the four parties.
 */
export function googleProvider(options: GoogleProviderOptions): DocProvider {
  const api = createGoogleApi(options);
  // What the last change feed said about each document saves a files.get on the read and the sharing check after it.
  const feed = changeFeedMemory(options.now ?? Date.now);
  return {
    name: 'google',
    createDocument: (input) => createPlanDocument(api, options, input),
    readDocument: (ref) => readDocument(api, feed, ref),
    detectChanges: (cursor, docs) => detectChanges(api, options, cursor, docs, feed),
    appendSection: (ref, section) => appendSection(api, ref, section),
    reopenDocument: (ref, parties, audit) => reopenDocument(api, options, ref, parties, audit),
    writeDates: (ref, change) => writeDates(api, ref, change),
    enforceSharing: (ref, parties, audit, how) => enforceSharing(api, options, ref, parties, audit, feed.takeSeenFile(ref.docId), how),
    confirmSharing: (candidates) => confirmSharingInBulk(api, options, candidates),
    shareDocument: (input) => shareDocument(api, options, input),
    changeChannels: driveChangeChannels(api),
    closeDocument: (ref, parties, audit) => closeDocument(api, options, ref, parties, audit),
    // GET /api/health caches this and shares it among concurrent callers.
    checkSetup: () => checkSetup(api, options),
  } satisfies DocProvider;
}

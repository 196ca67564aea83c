import type { drive_v3 } from '@googleapis/drive';
import type { ChangeChannels, ChangeSet, DocRef } from '../types.js';
import { isStatus, type GoogleApi } from './api/client.js';
import { folderExposure } from './sharing/grants.js';
import type { GoogleProviderOptions } from './options.js';
import { FILE_SHARING_FIELDS, PUBLISHED_VIEW } from './sharing/enforce.js';

// Each changed file comes with what its sharing check needs, so an edit costs no files.get.
const CHANGE_FIELDS = `nextPageToken,newStartPageToken,changes(fileId,removed,time,file(${FILE_SHARING_FIELDS},modifiedTime))`;

/** How long the feed's description of a file's sharing stands in for a files.get (once). */
const SHARING_SEEN_FOR_MS = 60_000;

/** What the change feed said about a document in the last cycle (saves a files.get per read: read.ts). */
interface KnownFile {
  trashed: boolean;
  seenAt: number;
  /** The file as the feed described it, with its permissions: the next sharing check's first look. */
  file?: drive_v3.Schema$File;
}

/** What this provider's change feed last said about each document, for the reads and sharing checks after it. */
export type ChangeFeedMemory = ReturnType<typeof changeFeedMemory>;

export function changeFeedMemory(now: () => number) {
  const known = new Map<string, KnownFile>();
  return {
    known,
    now,
    /** The file as this cycle's change feed described it, used once: a later check asks Drive again. */
    takeSeenFile(docId: string): drive_v3.Schema$File | undefined {
      const seen = known.get(docId);
      if (!seen?.file || now() - seen.seenAt >= SHARING_SEEN_FOR_MS) return undefined;
      const { file, ...rest } = seen;
      known.set(docId, rest);
      return file;
    },
  };
}

/**
 * Which of `docs` changed since the cursor, in one `changes.list` call (more only past 1000 changes).
 * The cursor is Drive's page token; without one the answer is `all` and a fresh start token, so the
 * first cycle reads everything once. Sharing changes appear in the feed too, so a drifted grant is
 * re-checked in the same cycle. https://developers.google.com/workspace/drive/api/guides/manage-changes
 * A grant on the plans folder shows as a change of the folder alone, yet every document inherits it:
 * then (one permissions.list of the folder confirms it) every document's sharing is checked now.
 */
export async function detectChanges(
  api: GoogleApi,
  options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>,
  cursor: string | null,
  docs: DocRef[],
  feed: ChangeFeedMemory,
): Promise<ChangeSet> {
  const { known } = feed;
  const now = feed.now();
  if (cursor === null) {
    const start = await api.call('changes.getStartPageToken', (o) => api.drive.changes.getStartPageToken({}, o));
    if (!start.startPageToken) throw new Error('[google] changes.getStartPageToken: answered without a token');
    await learnFolder(api, options.folderId, docs, known, now);
    return { changed: 'all', cursor: start.startPageToken };
  }
  const wanted = new Set(docs.map((doc) => doc.docId));
  const changed = new Set<string>();
  let folderChanged = false;
  let pageToken = cursor;
  const answer = async (next: string): Promise<ChangeSet> => ({
    changed: [...changed],
    cursor: next,
    ...(folderChanged && (await folderShared(api, options)) ? { checkAllSharing: true } : {}),
  });
  for (;;) {
    const token = pageToken;
    let page: drive_v3.Schema$ChangeList;
    try {
      page = await api.call('changes.list', (o) =>
        api.drive.changes.list({ pageToken: token, pageSize: 1000, spaces: 'drive', includeRemoved: true, includePermissionsForView: PUBLISHED_VIEW, fields: CHANGE_FIELDS }, o),
      );
    } catch (error) {
      // A token Drive no longer accepts (expired, or from another account): start over with a full read.
      if (isStatus(error, 400, 404, 410)) return detectChanges(api, options, null, docs, feed);
      throw error;
    }
    for (const change of page.changes ?? []) {
      if (change.fileId === options.folderId) folderChanged = true;
      if (!change.fileId || !wanted.has(change.fileId)) continue;
      changed.add(change.fileId);
      known.set(change.fileId, { trashed: change.removed === true || change.file?.trashed === true, seenAt: now, ...(change.file ? { file: change.file } : {}) });
    }
    if (page.newStartPageToken) return answer(page.newStartPageToken);
    if (!page.nextPageToken) return answer(pageToken);
    pageToken = page.nextPageToken;
  }
}

/** The folder changed: is it shared beyond its owner now? Unsure (the check failed) counts as yes. */
async function folderShared(api: GoogleApi, options: Pick<GoogleProviderOptions, 'folderId' | 'subject'>): Promise<boolean> {
  try {
    return (await folderExposure(api, options)).length > 0;
  } catch {
    return true;
  }
}

/**
 * Before a full read: one files.list of the plans folder (1000 a page) says which documents are
 * trashed, so each read needs no files.get of its own. One not listed (deleted, or moved out of the
 * folder) is left unknown: its read asks Drive.
 */
async function learnFolder(api: GoogleApi, folderId: string, docs: DocRef[], known: Map<string, KnownFile>, now: number): Promise<void> {
  const wanted = new Set(docs.map((doc) => doc.docId));
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const page = await api.call('files.list', (o) =>
      api.drive.files.list(
        {
          q: `'${folderId.replace(/['\\]/g, '\\$&')}' in parents`,
          pageSize: 1000,
          spaces: 'drive',
          fields: 'nextPageToken,files(id,trashed)',
          ...(token ? { pageToken: token } : {}),
        },
        o,
      ),
    );
    for (const file of page.files ?? []) {
      if (!file.id || !wanted.has(file.id)) continue;
      known.set(file.id, { trashed: file.trashed === true, seenAt: now });
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
}

/**
 * Drive push notifications for the acting user's change feed: changes.watch opens a `web_hook`
 * channel to the address from a page token; Drive then POSTs a notification on every change, with
 * the channel's id and token in X-Goog-Channel-ID and X-Goog-Channel-Token; channels.stop ends it.
 * Drive caps a channel's life (it answers the expiration it chose) and renews nothing itself.
 * https://developers.google.com/workspace/drive/api/guides/push
 */
export function driveChangeChannels(api: GoogleApi): ChangeChannels {
  return {
    async open(request) {
      const channel = await api.call('changes.watch', (o) =>
        api.drive.changes.watch(
          {
            pageToken: request.cursor,
            spaces: 'drive',
            requestBody: { id: request.id, type: 'web_hook', address: request.address, token: request.token, expiration: String(request.expiresAt) },
          },
          o,
        ),
      );
      if (!channel.resourceId) throw new Error('[google] changes.watch: answered without a resourceId');
      return { resourceId: channel.resourceId, expiresAt: channel.expiration ? Number(channel.expiration) : request.expiresAt };
    },
    async stop(channel) {
      try {
        await api.call('channels.stop', (o) => api.drive.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }, o));
      } catch (error) {
        // Expired or stopped before: nothing left to stop.
        if (!isStatus(error, 404)) throw error;
      }
    },
  };
}

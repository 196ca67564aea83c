import type { drive_v3 } from '@googleapis/drive';
import type { BulkSharingCheck, SharingCandidate } from '../../types.js';
import type { GoogleApi } from '../api/client.js';
import type { GoogleProviderOptions } from '../options.js';
import { desiredGrants, FILE_SHARING_FIELDS, PUBLISHED_VIEW, sharingSettled } from './enforce.js';

/** Drive's largest page; asking for permissions, Drive answers 100 files a page at most anyway. */
const PAGE_SIZE = 1000;

/**
 * The sharing sweep in pages, not documents: files.list on the plans folder returns each file's
 * permissions (to whoever may share it) and, with `includePermissionsForView=published`, the
 * published view, so one request judges up to a page of plans with the same comparison every repair
 * makes (sharingSettled: planSharingRepairs against the plan's desired grants). What the answer
 * cannot settle (no permissions given, a file not listed in the folder, anything to repair) is left
 * to the per-document check, and counted.
 * https://developers.google.com/workspace/drive/api/reference/rest/v3/files/list
 */
export async function confirmSharingInBulk(api: GoogleApi, options: GoogleProviderOptions, candidates: SharingCandidate[]): Promise<BulkSharingCheck> {
  const byDoc = new Map(candidates.map((candidate) => [candidate.ref.docId, candidate]));
  const confirmed: string[] = [];
  let undecided = 0;
  let toRepair = 0;
  let requests = 0;
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const page: drive_v3.Schema$FileList = await api.call('files.list (sharing sweep)', (o) =>
      api.drive.files.list(
        {
          q: `'${options.folderId.replace(/['\\]/g, '\\$&')}' in parents and trashed = false`,
          pageSize: PAGE_SIZE,
          spaces: 'drive',
          includePermissionsForView: PUBLISHED_VIEW,
          fields: `nextPageToken,files(${FILE_SHARING_FIELDS})`,
          ...(token ? { pageToken: token } : {}),
        },
        o,
      ),
    );
    requests++;
    for (const file of page.files ?? []) {
      const candidate = file.id ? byDoc.get(file.id) : undefined;
      if (!candidate || !file.id) continue;
      byDoc.delete(file.id);
      const settled = sharingSettled(file, desiredGrants(candidate.parties, options), options);
      if (settled === true) confirmed.push(file.id);
      else if (settled === undefined) undecided++;
      else toRepair++;
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  // Not in the folder's listing: moved out, trashed or deleted. Its own check says which.
  undecided += byDoc.size;
  return { confirmed, undecided, toRepair, requests };
}

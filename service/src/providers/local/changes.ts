import type { ChangeSet, DocRef } from '../types.js';
import { checkedId, type LocalContext } from './context.js';

/** File times can be coarse and a save can race a cycle: look back a little further than the cursor. */
const CHANGE_OVERLAP_MS = 2_000;

/** The documents whose text changed since the cursor (a time in ms), by the store's change times. */
export async function detectLocalChanges(ctx: LocalContext, cursor: string | null, docs: DocRef[]): Promise<ChangeSet> {
  const startedAt = Date.now();
  if (!cursor) return { changed: 'all', cursor: String(startedAt) };
  // A missing document "changed" too: reading it records that it is gone.
  const changed = await ctx.blobs.changedSince(
    docs.map((doc) => checkedId(doc.docId)),
    Number(cursor) - CHANGE_OVERLAP_MS,
  );
  return { changed, cursor: String(startedAt) };
}

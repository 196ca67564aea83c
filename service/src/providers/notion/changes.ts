import { isFullPage } from '@notionhq/client';
import type { ChangeSet, DocRef } from '../types.js';
import { idKey } from '../same-id.js';
import { getPage, isRemembered, queryTimeFrom, rememberPage, type NotionContext } from './context.js';
import { step } from './api/errors.js';

/**
 * Which plan pages changed since the cursor, in one paginated query of the data source filtered
 * on `last_edited_time` (a constant few requests whatever the number of plans). Notion keeps
 * that time to the minute, so the window starts a little before the previous cycle did. The pages
 * the query returns (properties, `public_url`, `in_trash`) are kept for this cycle's reads and
 * sharing checks. A null cursor (first cycle) lists every page and reports `all`.
 */
export async function detectPageChanges(ctx: NotionContext, cursor: string | null, docs: DocRef[]): Promise<ChangeSet> {
  const startedAt = new Date(ctx.clock.now()).toISOString();
  const since = cursor && !Number.isNaN(Date.parse(cursor)) ? queryTimeFrom(cursor, ctx.changeOverlapMs) : null;
  ctx.sharingMisses = 0;
  const seen = await queryPages(ctx, since);
  if (!since) return { changed: 'all', cursor: startedAt };
  return { changed: docs.filter((doc) => seen.has(idKey(doc.docId))).map((doc) => doc.docId), cursor: startedAt };
}

/** Pages of the data source (edited since `since`, or all), every page of results, remembered for this cycle. */
export async function queryPages(ctx: NotionContext, since: string | null): Promise<Set<string>> {
  const seen = new Set<string>();
  let start_cursor: string | undefined;
  do {
    const result = await step('dataSources.query', () =>
      ctx.client.dataSources.query({
        data_source_id: ctx.dataSourceId,
        ...(since ? { filter: { timestamp: 'last_edited_time' as const, last_edited_time: { on_or_after: since } } } : {}),
        page_size: 100,
        start_cursor,
      }),
    );
    for (const item of result.results) {
      if (!isFullPage(item)) continue;
      rememberPage(ctx, item);
      seen.add(idKey(item.id));
    }
    start_cursor = result.has_more ? (result.next_cursor ?? undefined) : undefined;
  } while (start_cursor);
  return seen;
}

/** Sharing checks of pages the cycle's query did not return, after which one listing beats a retrieve each. */
const LIST_AFTER_MISSES = 20;

/**
 * The page for a sharing check. The slower sweep checks every plan, most of them unchanged: after
 * a few pages not remembered from the change query, one unfiltered listing (100 pages a request)
 * remembers them all, instead of one pages.retrieve per plan. A page the listing does not return
 * (trashed, moved out) is still retrieved, so it is reported as before.
 */
export async function pageForSharingCheck(ctx: NotionContext, pageId: string) {
  if (!isRemembered(ctx, pageId)) {
    ctx.sharingMisses = (ctx.sharingMisses ?? 0) + 1;
    if (ctx.sharingMisses >= LIST_AFTER_MISSES) {
      ctx.sharingMisses = 0;
      await queryPages(ctx, null);
    }
  }
  return getPage(ctx, pageId);
}

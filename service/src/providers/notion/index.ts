import type { RetryOptions } from '@notionhq/client';
import type { DocProvider } from '../types.js';
import { detectPageChanges } from './changes.js';
import { createNotionClient } from './client.js';
import { getPage, titleOf, type NotionContext } from './context.js';
import { createPlanPage } from './create.js';
import { appendSection, writeDates } from './document-edits.js';
import { step } from './errors.js';
import { fromNotionBlocks } from './from-blocks.js';
import { parsePropertyNames } from './properties.js';
import { systemClock, type Clock } from './rate-limit.js';
import { readBlockTree } from './read.js';
import { checkNotionSetup } from './setup.js';
import { closePlanPage, enforcePageSharing, reopenPlanPage } from './sharing.js';
import { sharePlanPage } from './share.js';
import { userDirectory } from './users.js';

export interface NotionProviderOptions {
  /** NOTION_TOKEN: the integration's secret. */
  token: string;
  /** NOTION_DATA_SOURCE_ID: the "Coaching plans" database's data source. */
  dataSourceId: string;
  /** NOTION_BASE_URL; default https://api.notion.com. */
  baseUrl?: string;
  /** NOTION_PROPERTIES: renames such as "HR=People team,Start=Begins". */
  properties?: string;
  /** Tests and proxies supply their own. */
  fetch?: typeof fetch;
  /** Tests pass a virtual clock so pacing and back-off cost no real time. */
  clock?: Clock;
  /** Client-side pacing; default 3 requests/s on average with bursts of 3. `false` turns it off. */
  rateLimit?: { requestsPerSecond?: number; burst?: number } | false;
  /** The SDK's retry settings (it retries after ours gave up). */
  retry?: RetryOptions | false;
  /** Overlap before the previous cycle's start when asking what changed; default 2 minutes. */
  changeOverlapMs?: number;
  /** How long pages seen by the change query serve reads and sharing checks; default 2 minutes. */
  pageCacheMs?: number;
  /**
   * NOTION_TEMPLATE_ID: create plan pages from this template of the database (its id, or `default`
   * for the database's default template) and fill its `{{placeholders}}`, instead of writing the
   * repository template's content.
   */
  templateId?: string;
}

/**
 * Plans as pages of one "Coaching plans" database. Notion's API cannot share a page: the
 * database's page-level access rules grant each page to the people in its four Person
 * properties, and this provider keeps those properties exactly the plan's parties.
 */
export function notionProvider(options: NotionProviderOptions): DocProvider {
  const clock = options.clock ?? systemClock;
  const rateLimit = options.rateLimit === false ? false : { requestsPerSecond: options.rateLimit?.requestsPerSecond ?? 3, burst: options.rateLimit?.burst ?? 3 };
  const client = createNotionClient({
    token: options.token,
    baseUrl: options.baseUrl ?? 'https://api.notion.com',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    rateLimit,
    retry: options.retry,
  });
  const ctx: NotionContext = {
    client,
    clock,
    dataSourceId: options.dataSourceId,
    names: parsePropertyNames(options.properties),
    users: userDirectory(client, clock),
    pageCacheMs: options.pageCacheMs ?? 2 * 60_000,
    changeOverlapMs: options.changeOverlapMs ?? 2 * 60_000,
    pages: new Map(),
    ...(options.templateId
      ? { template: options.templateId === 'default' ? { type: 'default' as const } : { type: 'template_id' as const, template_id: options.templateId } }
      : {}),
  };

  return {
    name: 'notion',
    createDocument: (input) => createPlanPage(ctx, input),
    async readDocument(ref) {
      const page = await getPage(ctx, ref.docId);
      const warnings: string[] = [];
      const nodes = await step('blocks.children.list', () => readBlockTree(client, ref.docId, warnings), { missingIsDocument: true });
      const model = fromNotionBlocks(nodes, titleOf(page));
      return warnings.length > 0 ? { ...model, warnings } : model;
    },
    detectChanges: (cursor, docs) => detectPageChanges(ctx, cursor, docs),
    enforceSharing: (ref, parties, audit) => enforcePageSharing(ctx, ref, parties, audit),
    appendSection: (ref, section) => appendSection(ctx, ref, section),
    reopenDocument: (ref, _parties, audit) => reopenPlanPage(ctx, ref, audit),
    writeDates: (ref, change) => writeDates(ctx, ref, change),
    shareDocument: (input) => sharePlanPage(ctx, input),
    closeDocument: (ref, _parties, audit) => closePlanPage(ctx, ref, audit),
    checkSetup: () => checkNotionSetup(ctx),
  } satisfies DocProvider;
}

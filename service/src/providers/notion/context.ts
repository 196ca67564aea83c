import { isFullDataSource, isFullPage, type Client, type DataSourceObjectResponse, type PageObjectResponse, type RetryOptions } from '@notionhq/client';
import { idKey } from '../same-id.js';
import { DocumentMissingError } from '../types.js';
import { createNotionClient } from './api/client.js';
import { step } from './api/errors.js';
import { systemClock, type Clock } from './api/rate-limit.js';
import { parsePropertyNames, type PropertyNames } from './properties.js';
import { userDirectory, type UserDirectory } from './users.js';

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

/** What the provider's operations share: the client, settings and short-lived caches. */
export interface NotionContext {
  client: Client;
  clock: Clock;
  dataSourceId: string;
  names: PropertyNames;
  users: UserDirectory;
  /** How long a page seen by a query stays good enough for the same cycle's reads and checks. */
  pageCacheMs: number;
  /** Subtracted from the previous cycle's start before querying (last_edited_time is rounded to the minute). */
  changeOverlapMs: number;
  pages: Map<string, { page: PageObjectResponse; at: number }>;
  /** Create plan pages from this database template instead of writing the content. */
  template?: { type: 'default' } | { type: 'template_id'; template_id: string };
  schema?: { at: number; dataSource: DataSourceObjectResponse };
  /** Notion refused to add missing properties (see schema.ts): when, and what it said. */
  schemaRefusal?: { at: number; reason: string };
  /** Sharing checks since the last change query of pages it did not return (see pageForSharingCheck). */
  sharingMisses?: number;
}

/** The client, settings and empty caches of one provider instance: nothing outlives it. */
export function createNotionContext(options: NotionProviderOptions): NotionContext {
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
  return {
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
}

/** Pages are remembered only from the change query, for the reads and checks of the same cycle. */
export function rememberPage(ctx: NotionContext, page: PageObjectResponse): void {
  ctx.pages.set(idKey(page.id), { page, at: ctx.clock.now() });
}

/** Whether a fresh copy of the page is remembered (no request needed for it). */
export function isRemembered(ctx: NotionContext, pageId: string): boolean {
  const cached = ctx.pages.get(idKey(pageId));
  return cached !== undefined && ctx.clock.now() - cached.at <= ctx.pageCacheMs;
}

/** After our own update the remembered copy is out of date. */
export function forgetPage(ctx: NotionContext, pageId: string): void {
  ctx.pages.delete(idKey(pageId));
}

/**
 * The plan's page, from this cycle's query when fresh, else retrieved. A trashed page, or one the
 * integration can no longer see, is DocumentMissingError.
 */
export async function getPage(ctx: NotionContext, pageId: string, options: { fresh?: boolean } = {}): Promise<PageObjectResponse> {
  const cached = ctx.pages.get(idKey(pageId));
  let page = !options.fresh && cached && ctx.clock.now() - cached.at <= ctx.pageCacheMs ? cached.page : undefined;
  if (!page) {
    const response = await step('pages.retrieve', () => ctx.client.pages.retrieve({ page_id: pageId }), { missingIsDocument: true });
    if (!isFullPage(response)) throw new DocumentMissingError(`[notion] pages.retrieve: page ${pageId} came back without its properties`);
    page = response;
  }
  // 2026-03-11 answers `in_trash` only (`archived` is gone from responses).
  if (page.in_trash) {
    throw new DocumentMissingError(`[notion] the plan's page ${pageId} is in the trash: restore it in Notion (Trash) to resume the plan`);
  }
  return page;
}

/** The "Coaching plans" data source (schema), retrieved once every few minutes. */
export async function getDataSource(ctx: NotionContext, maxAgeMs = 5 * 60_000): Promise<DataSourceObjectResponse> {
  if (ctx.schema && ctx.clock.now() - ctx.schema.at <= maxAgeMs) return ctx.schema.dataSource;
  const dataSource = await step('dataSources.retrieve', () => ctx.client.dataSources.retrieve({ data_source_id: ctx.dataSourceId }));
  if (!isFullDataSource(dataSource)) throw new Error(`[notion] dataSources.retrieve: data source ${ctx.dataSourceId} came back without its properties`);
  ctx.schema = { at: ctx.clock.now(), dataSource };
  return dataSource;
}

/** The name of the data source's title property (it can be renamed freely in Notion). */
export function titlePropertyName(dataSource: DataSourceObjectResponse): string {
  return Object.entries(dataSource.properties).find(([, p]) => p.type === 'title')?.[0] ?? 'Name';
}

/** ISO time floored to the minute, minus an overlap: Notion compares `last_edited_time` at minute precision. */
export function queryTimeFrom(iso: string, overlapMs: number): string {
  const ms = Date.parse(iso) - overlapMs;
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

/** The page's title as plain text. */
export function titleOf(page: PageObjectResponse): string | undefined {
  const title = Object.values(page.properties).find((p) => p.type === 'title');
  return title?.type === 'title' ? title.title.map((t) => t.plain_text).join('') : undefined;
}

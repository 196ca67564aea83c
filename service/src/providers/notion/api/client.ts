import { Client, LogLevel, type RetryOptions } from '@notionhq/client';
import { pacedFetch, TokenBucket, type Clock } from './rate-limit.js';

/**
 * The API version whose shapes this provider sends and reads. 2026-03-11
 * (https://developers.notion.com/docs/upgrade-guide-2026-03-11): Append block children places
 * blocks with `position` (no more `after`), trash is `in_trash` only (no `archived`), and the
 * `transcription` block type is `meeting_notes`. The guide asks for @notionhq/client 5.12.0 or later.
 */
export const NOTION_VERSION = '2026-03-11';

export interface NotionClientOptions {
  token: string;
  baseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  /** Client-side pacing; `false` turns it off (tests that show why it is there). */
  rateLimit: { requestsPerSecond: number; burst: number } | false;
  /** The SDK's own retry (on top of ours, which handles 429 and 5xx on reads first). */
  retry?: RetryOptions | false;
}

/** `@notionhq/client` with every request paced by a token bucket and retried as Notion asks. */
export function createNotionClient(options: NotionClientOptions): Client {
  const bucket = options.rateLimit ? new TokenBucket({ ratePerSecond: options.rateLimit.requestsPerSecond, burst: options.rateLimit.burst, clock: options.clock }) : null;
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    notionVersion: NOTION_VERSION,
    fetch: pacedFetch({ fetch: options.fetch, clock: options.clock, bucket }),
    retry: options.retry ?? {},
    // The SDK's timeout spans our whole fetch, limiter waits and Retry-After included; each network
    // attempt has its own 30 s timeout in pacedFetch.
    timeoutMs: 10 * 60_000,
    // Failed requests surface as ProviderError with the details; the SDK's console warnings would repeat them.
    logLevel: LogLevel.ERROR,
  });
}

import type { Client } from '@notionhq/client';
import type { Clock } from './api/rate-limit.js';

export interface WorkspaceUsers {
  /** person user id by lower-case email */
  byEmail: Map<string, string>;
  /** people listed without an email: the integration lacks the "user information with email" capability */
  withoutEmail: number;
  fetchedAt: number;
}

/**
 * The workspace's people by email, from `users.list` (paginated, 100 a page). Guests are not
 * listed by the API, so an email not found is a person the service cannot give access to.
 * Cached; a miss refreshes once if the cache is older than `refreshAfterMs`.
 */
export function userDirectory(client: Client, clock: Clock, options: { ttlMs?: number; refreshAfterMs?: number } = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const refreshAfterMs = options.refreshAfterMs ?? 60_000;
  let cache: WorkspaceUsers | undefined;
  let loading: Promise<WorkspaceUsers> | undefined;

  async function load(): Promise<WorkspaceUsers> {
    const byEmail = new Map<string, string>();
    let withoutEmail = 0;
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ page_size: 100, start_cursor: cursor });
      for (const user of page.results) {
        if (user.type !== 'person') continue;
        const email = user.person.email?.trim().toLowerCase();
        if (email) byEmail.set(email, user.id);
        else withoutEmail++;
      }
      cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return { byEmail, withoutEmail, fetchedAt: clock.now() };
  }

  async function get(maxAgeMs: number): Promise<WorkspaceUsers> {
    if (cache && clock.now() - cache.fetchedAt <= maxAgeMs) return cache;
    loading ??= load().finally(() => (loading = undefined));
    cache = await loading;
    return cache;
  }

  return {
    list: () => get(ttlMs),
    /** User ids for these emails; `missing` lists the emails the workspace does not have. */
    async resolve(emails: string[]): Promise<{ ids: Map<string, string>; missing: string[] }> {
      let users = await get(ttlMs);
      const wanted = emails.map((e) => e.toLowerCase());
      if (wanted.some((e) => !users.byEmail.has(e)) && clock.now() - users.fetchedAt > refreshAfterMs) users = await get(0);
      const ids = new Map<string, string>();
      const missing: string[] = [];
      for (const email of wanted) {
        const id = users.byEmail.get(email);
        if (id) ids.set(email, id);
        else missing.push(email);
      }
      return { ids, missing };
    },
  };
}

export type UserDirectory = ReturnType<typeof userDirectory>;

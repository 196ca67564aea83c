/**
 * Who has a document open, from the editor page's heartbeat. Held in memory: it only has to be
 * right for the next half minute, and losing it on a restart costs nothing. (On Workers each
 * isolate keeps its own, so two people served by different isolates may not see each other.)
 */

import { z } from 'zod';
import type { Identity } from '../auth/access.js';
import { hostedDocument } from './hosted-document.js';
import type { PlanReads } from '../store/types.js';
import type { PlanServices } from './services.js';
import { type DocumentAuthors, nameOn } from './document-authors.js';

/** A heartbeat older than this means the page was closed (the page beats every 10 s). */
export const PRESENCE_TTL_MS = 30_000;

export interface PresenceTracker {
  /** Record that `email` has the document open (or closed it) and list the others who have it open. */
  beat(docKey: string, email: string, at: number, leaving?: boolean): string[];
}

export function presenceTracker(): PresenceTracker {
  const open = new Map<string, Map<string, number>>();
  return {
    beat(docKey, email, at, leaving = false) {
      const seen = open.get(docKey) ?? new Map<string, number>();
      if (leaving) seen.delete(email);
      else seen.set(email, at);
      for (const [who, last] of seen) if (at - last > PRESENCE_TTL_MS) seen.delete(who);
      if (seen.size) open.set(docKey, seen);
      else open.delete(docKey);
      return [...seen.keys()].filter((who) => who !== email).sort();
    },
  };
}

export { nameOn } from './document-authors.js';

/** POST /api/plans/{id}/document/presence's body. */
export const presenceSchema = z.strictObject({ leaving: z.boolean().optional() });

/**
 * The editor's heartbeat: who else has the document open (by the names the plan gives them), and
 * its current version (and who saved it), so an idle page picks up others' saves and names them;
 * and whether someone chose to keep their lines over this person's since the last beat.
 */
export async function documentPresence(
  deps: Pick<PlanServices, 'providers' | 'clock'> & { store: PlanReads },
  tracker: PresenceTracker,
  caller: Identity,
  id: string,
  { leaving }: z.infer<typeof presenceSchema>,
  authors?: DocumentAuthors,
): Promise<{ others: { name: string }[]; version: string; savedBy: { name: string } | null; replaced: { by: string; at: string }[] }> {
  const { plan, editor, ref } = await hostedDocument(deps, caller, id);
  const others = tracker.beat(plan.id, caller.email, deps.clock.now().getTime(), leaving);
  const { version } = await editor.load(ref);
  const savedBy = authors?.savedBy(plan.id, version);
  // Someone chose to keep their lines over this person's: told once, by name.
  const replaced = (authors?.takeNotices(plan.id, caller.email) ?? []).map((notice) => ({ by: nameOn(plan, notice.by), at: notice.at }));
  return { others: others.map((email) => ({ name: nameOn(plan, email) })), version, savedBy: savedBy ? { name: nameOn(plan, savedBy) } : null, replaced };
}

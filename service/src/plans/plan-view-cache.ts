import { type Identity, canSeePlan } from '../auth/access.js';
import type { PlanRecord } from '../domain/plan.js';
import type { PlanVersion } from '../store/types.js';
import { type SharedPlanView, planAbilities, sharedPlanView } from './plan-view.js';
import type { PlanServices } from './services.js';

/** One plan as the dashboard needs it, derived once per (plan version, day). */
export interface CachedPlan {
  plan: PlanRecord;
  version: number;
  day: string;
  view: SharedPlanView;
  /** The view as JSON without its closing brace, made on first use, so `can` can be appended per caller. */
  jsonHead?: string;
}

/** Past this many changed plans, one query for all of them beats reading them by id in chunks. */
const RELOAD_ALL_OVER = 500;

/**
 * The plans a caller may see, each with its status and view already computed. A plan's status used
 * to be computed for every plan on every request (1.2 s for HR at 5,000 plans); now each request
 * asks the store only for (id, version) pairs, one index-only query, and reads and recomputes only
 * the plans whose version moved, or all of them once a day when "today" moves on.
 * Per process (on Workers, per isolate): a cold cache costs one full read, as before.
 */
export function createPlanViewCache(deps: Pick<PlanServices, 'store' | 'clock' | 'thresholds'>) {
  const cache = new Map<string, CachedPlan>();

  const derive = (plan: PlanRecord, version: number, day: string): CachedPlan => {
    const entry = { plan, version, day, view: sharedPlanView(plan, day, deps.thresholds) };
    cache.set(plan.id, entry);
    return entry;
  };

  async function refresh(filter: { all: true } | { email: string }, versions: PlanVersion[], day: string): Promise<void> {
    const stale = versions.filter((v) => cache.get(v.id)?.version !== v.version);
    if (stale.length === 0) return;
    // A version read before the plan itself is at most as new as the plan: if a write lands in
    // between, the next request sees a higher version and reads the plan again. Never the reverse.
    const versionOf = new Map(stale.map((v) => [v.id, v.version]));
    const plans = stale.length > RELOAD_ALL_OVER ? await deps.store.listPlans(filter) : await deps.store.getPlans(stale.map((v) => v.id));
    for (const plan of plans) {
      const version = versionOf.get(plan.id);
      if (version !== undefined) derive(plan, version, day);
    }
  }

  return {
    /** Every plan this caller may see, newest first as `listPlans` orders them, and the day they were computed for. */
    async visible(caller: Identity): Promise<{ day: string; plans: CachedPlan[] }> {
      const day = deps.clock.today();
      const filter = caller.isHr ? ({ all: true } as const) : { email: caller.email };
      const versions = await deps.store.listPlanVersions(filter);
      await refresh(filter, versions, day);
      if ('all' in filter && cache.size > versions.length) {
        const listed = new Set(versions.map((v) => v.id));
        for (const id of cache.keys()) if (!listed.has(id)) cache.delete(id);
      }
      const entries: CachedPlan[] = [];
      for (const { id } of versions) {
        let entry = cache.get(id);
        if (!entry) continue;
        if (entry.day !== day) entry = derive(entry.plan, entry.version, day);
        // The store's email query already chose these; the access rule still has the last word.
        if (canSeePlan(caller, entry.plan)) entries.push(entry);
      }
      return { day, plans: entries };
    },
  };
}
export type PlanViewCache = ReturnType<typeof createPlanViewCache>;

/** The contract's Plan object for this caller, as JSON text: the cached view plus this caller's `can`. */
export function planViewJson(entry: CachedPlan, caller: Identity): string {
  entry.jsonHead ??= JSON.stringify(entry.view).slice(0, -1);
  return `${entry.jsonHead},"can":${JSON.stringify(planAbilities(entry.plan, caller))}}`;
}

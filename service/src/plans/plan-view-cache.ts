import { type Identity, canSeePlan } from '../auth/access.js';
import type { PlanRecord } from '../domain/plan.js';
import type { PlanReads, PlanVersion } from '../store/types.js';
import { type SharedPlanView, planAbilities, sharedPlanView } from './plan-view.js';
import type { PlanServices } from './services.js';

/** One plan as the dashboard needs it, derived once per (plan version, day). */
export interface CachedPlan {
  plan: PlanRecord;
  version: number;
  /** The plan's `touched` when its check times were last taken in. */
  touched: number;
  day: string;
  view: SharedPlanView;
  /** The view as JSON without its closing brace, made on first use, so `can` can be appended per caller. */
  jsonHead?: string;
  /** The overview's compact row as JSON (plans/dashboard-index.ts), made on first use; it holds no check time. */
  rowJson?: string;
}

/** What `visible` answers: the same `plans` array, by identity, for as long as none of them changed. */
export interface VisiblePlans {
  day: string;
  plans: CachedPlan[];
}

/** Past this many changed plans, one query for all of them beats reading them by id in chunks. */
const RELOAD_ALL_OVER = 500;
/** Callers whose listing is kept; past this the longest unused is dropped (it costs one index query to make again). */
const MAX_LISTINGS = 1000;

interface Listing {
  mark: string;
  versions: PlanVersion[];
  /** The cache's generation and the day `answer` was built for. */
  generation: number;
  answer: VisiblePlans;
}

/**
 * The plans a caller may see, each with its status and view already computed. A plan's status used
 * to be computed for every plan on every request (1.2 s for HR at 5,000 plans). Now:
 * - a request asks the store one question, "has any plan been written?" (`planWritesMark`), and while
 *   the answer stays the same it gets the very same array as before, so what was derived from that
 *   array (counts, sorted indexes: plans/dashboard-index.ts) is reused;
 * - when something was written, the caller's (id, version, touched) list is read again, one
 *   index-only query, and only plans whose version moved are read and recomputed;
 * - a plan whose `touched` alone moved (a sweep that read the same text and found the same sharing)
 *   only has its check times read again: its status, its row and every index stay;
 * - once a day, when "today" moves on, every status is recomputed.
 * Per process (on Workers, per isolate): a cold cache costs one full read, as before.
 */
export function createPlanViewCache(deps: Pick<PlanServices, 'clock' | 'thresholds'> & { store: PlanReads }) {
  const cache = new Map<string, CachedPlan>();
  const listings = new Map<string, Listing>();
  /** Raised whenever an entry is derived again or dropped: arrays built before it may be stale. */
  let generation = 0;

  const derive = (plan: PlanRecord, version: number, touched: number, day: string): CachedPlan => {
    const entry = { plan, version, touched, day, view: sharedPlanView(plan, day, deps.thresholds) };
    cache.set(plan.id, entry);
    generation++;
    return entry;
  };

  /** New check times into the entry itself: every array holding it sees them; its status and row stay. */
  async function takeCheckTimes(moved: PlanVersion[]): Promise<void> {
    const touchedOf = new Map(moved.map((v) => [v.id, v.touched]));
    for (const times of await deps.store.getCheckTimes(moved.length > RELOAD_ALL_OVER ? 'all' : moved.map((v) => v.id))) {
      const entry = cache.get(times.id);
      const touched = touchedOf.get(times.id);
      if (!entry || touched === undefined) continue;
      const sharing = { ...entry.plan.sharing, checkedAt: times.sharingCheckedAt };
      entry.plan = { ...entry.plan, lastPolledAt: times.lastPolledAt, sharing };
      entry.view = { ...entry.view, lastPolledAt: times.lastPolledAt, sharing };
      entry.touched = touched;
      entry.jsonHead = undefined;
    }
  }

  async function refresh(filter: { all: true } | { email: string }, versions: PlanVersion[], day: string): Promise<void> {
    const stale = versions.filter((v) => cache.get(v.id)?.version !== v.version);
    const touchedOnly = versions.filter((v) => cache.get(v.id)?.version === v.version && cache.get(v.id)?.touched !== v.touched);
    // A version read before the plan itself is at most as new as the plan: if a write lands in
    // between, the next request sees a higher version and reads the plan again. Never the reverse.
    if (stale.length > 0) {
      const listed = new Map(stale.map((v) => [v.id, v]));
      const plans = stale.length > RELOAD_ALL_OVER ? await deps.store.listPlans(filter) : await deps.store.getPlans(stale.map((v) => v.id));
      for (const plan of plans) {
        const v = listed.get(plan.id);
        if (v) derive(plan, v.version, v.touched, day);
      }
    }
    if (touchedOnly.length > 0) await takeCheckTimes(touchedOnly);
  }

  function build(caller: Identity, versions: PlanVersion[], day: string): VisiblePlans {
    const plans: CachedPlan[] = [];
    for (const { id } of versions) {
      let entry = cache.get(id);
      if (!entry) continue;
      if (entry.day !== day) entry = derive(entry.plan, entry.version, entry.touched, day);
      // The store's email query already chose these; the access rule still has the last word.
      if (canSeePlan(caller, entry.plan)) plans.push(entry);
    }
    return { day, plans };
  }

  return {
    /** Every plan this caller may see, newest first as `listPlans` orders them, and the day they were computed for. */
    async visible(caller: Identity): Promise<VisiblePlans> {
      const day = deps.clock.today();
      const key = caller.isHr ? '*' : caller.email;
      const filter = caller.isHr ? ({ all: true } as const) : { email: caller.email };
      // Asked before the listing: a write landing after it moves the mark again, so it is never missed.
      const mark = await deps.store.planWritesMark();
      let listing = listings.get(key);
      listings.delete(key);
      if (listing?.mark !== mark) {
        const versions = await deps.store.listPlanVersions(filter);
        await refresh(filter, versions, day);
        if ('all' in filter && cache.size > versions.length) {
          const listed = new Set(versions.map((v) => v.id));
          for (const id of cache.keys()) if (!listed.has(id) && cache.delete(id)) generation++;
        }
        listing = { mark, versions, generation: -1, answer: { day, plans: [] } };
      }
      if (listing.generation !== generation || listing.answer.day !== day) {
        listing.answer = build(caller, listing.versions, day);
        listing.generation = generation;
      }
      listings.set(key, listing);
      if (listings.size > MAX_LISTINGS) listings.delete(listings.keys().next().value as string);
      return listing.answer;
    },
  };
}
export type PlanViewCache = ReturnType<typeof createPlanViewCache>;

/** The contract's Plan object for this caller, as JSON text: the cached view plus this caller's `can`. */
export function planViewJson(entry: CachedPlan, caller: Identity): string {
  entry.jsonHead ??= JSON.stringify(entry.view).slice(0, -1);
  return `${entry.jsonHead},"can":${JSON.stringify(planAbilities(entry.plan, caller))}}`;
}

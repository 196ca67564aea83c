import type { PlanRecord } from '../domain/plan.js';
import type { DocumentEdit } from '../store/types.js';

/** Work in flight by key: a start while the same key runs joins the running work instead of running it twice. */
export interface KeyedOnce<T> {
  run(key: string, start: () => Promise<T>): Promise<T>;
}

export function keyedOnce<T>(): KeyedOnce<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, start) {
      const already = running.get(key);
      if (already) return already;
      const work = start().finally(() => running.delete(key));
      running.set(key, work);
      return work;
    },
  };
}

/**
 * The resumable document steps in flight, so a retry, a poll cycle and a second click never run one
 * plan's steps twice at once. Owned by one composition (runtime/compose.ts builds it with the
 * services): two services in one process (tests) share nothing, and on Workers it lives as long as
 * the isolate's build. The steps themselves are checkpointed in the store; this only stops overlap.
 */
export interface InFlight {
  /** A plan's create (plans/create-plan.ts), by plan id. */
  creates: KeyedOnce<PlanRecord>;
  /** A plan's share with the team member (plans/share-plan.ts), by plan id; the failure, if any. */
  shares: KeyedOnce<string | null>;
  /** A close, extend, reopen or dates edit (plans/document-edits.ts), by edit id. */
  edits: KeyedOnce<DocumentEdit>;
}

export function inFlight(): InFlight {
  return { creates: keyedOnce(), shares: keyedOnce(), edits: keyedOnce() };
}

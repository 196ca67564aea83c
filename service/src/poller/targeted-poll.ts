import { type PollServices, pollPlan } from '../plans/poll-plan.js';
import type { PlanServices } from '../plans/services.js';
import type { PlanReads, PollQueue } from '../store/types.js';
import { sameId } from '../providers/same-id.js';


/**
 * Workers: a webhook's documents are marked for reading, and the cycle that runs under the
 * delivery's `waitUntil` (or the next cron invocation) reads them within its budget.
 */
export async function markDocumentsChanged(deps: { store: PlanReads & PollQueue }, provider: string, docIds: string[]): Promise<number> {
  const plans = (await deps.store.listPollTargets()).filter(
    (plan) => plan.provider === provider && plan.state === 'ready' && docIds.some((id) => sameId(id, plan.docId)),
  );
  if (plans.length > 0) await deps.store.markPollDue(plans.map((plan) => ({ planId: plan.id, due: 'read' as const })), {});
  return plans.length;
}

/**
 * Webhooks say "this document changed": poll just those plans a little later, gathering the bursts
 * a person's typing sends into one read. Deliveries are at-most-once, so the timer stays the safety net.
 */
export function createTargetedPoller(deps: PollServices & Pick<PlanServices, 'log'>, provider: string, delayMs: number) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  async function flush() {
    timer = null;
    const docIds = [...pending];
    pending.clear();
    const plans = (await deps.store.listPlans({ all: true })).filter(
      (plan) => plan.provider === provider && plan.state === 'ready' && plan.docId && docIds.some((id) => sameId(id, plan.docId as string)),
    );
    for (const plan of plans) await pollPlan(deps, plan, { read: true, checkSharing: true });
  }

  return {
    request(docIds: string[]) {
      for (const id of docIds) pending.add(id);
      timer ??= setTimeout(() => {
        running = running.then(flush).catch((error: unknown) => deps.log(`[poller] targeted poll failed: ${String(error)}`));
      }, delayMs);
    },
    /** Wait for what was requested so far (tests, shutdown). */
    async settle() {
      if (timer) {
        clearTimeout(timer);
        running = running.then(flush);
      }
      await running;
    },
  };
}

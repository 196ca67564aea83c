import type { Identity } from '../auth/access.js';
import { AppError } from '../errors.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { type PlanDetail, type ReadServices, readPlanDetail, recordHrRead, visiblePlan } from './plan-view.js';

/** A plan read by "poll now" is not read again for this long: the next callers get that read's answer. */
export const POLL_NOW_REUSE_MS = 10_000;

/**
 * POST /api/plans/{id}/poll: read one plan's document and check its sharing now, for any of its readers;
 * the answer is the plan's full detail, so HR's read is recorded like GET /api/plans/{id}'s.
 *
 * Each read costs the provider's quota, and any party may ask as often as they like, so a plan is read
 * at most once per POLL_NOW_REUSE_MS (in this process or isolate): callers within that time, or while
 * the read is under way, share it and get the plan as it left. What is kept is one entry per plan read
 * in the last few seconds.
 */
export function createPollNow(deps: PollServices & ReadServices) {
  const recent = new Map<string, { at: number; read: Promise<unknown> }>();

  return async function pollPlanNow(caller: Identity, id: string): Promise<PlanDetail> {
    const plan = await visiblePlan(deps, caller, id);
    if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; there is no document to read yet.`);
    const now = deps.clock.now().getTime();
    for (const [planId, entry] of recent) if (now - entry.at >= POLL_NOW_REUSE_MS) recent.delete(planId);
    let entry = recent.get(plan.id);
    if (!entry) {
      const read = pollPlan(deps, plan, { read: true, checkSharing: true });
      entry = { at: now, read };
      recent.set(plan.id, entry);
      // A read that failed outright (not a provider's failure, which is recorded) is not served again.
      read.catch(() => recent.delete(plan.id));
    }
    await entry.read;
    const detail = await readPlanDetail(deps, caller, plan.id);
    await recordHrRead(deps, caller, plan);
    return detail;
  };
}

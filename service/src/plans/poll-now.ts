import type { Identity } from '../auth/access.js';
import { AppError } from '../errors.js';
import type { PlanDetail } from './plan-view.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { type ReadServices, readPlanDetail, visiblePlan } from './read-plans.js';

/** POST /api/plans/{id}/poll: read one plan's document and check its sharing now, for any of its readers. */
export async function pollPlanNow(deps: PollServices & ReadServices, caller: Identity, id: string): Promise<PlanDetail> {
  const plan = await visiblePlan(deps, caller, id);
  if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; there is no document to read yet.`);
  await pollPlan(deps, plan, { read: true, checkSharing: true });
  return readPlanDetail(deps, caller, plan.id);
}

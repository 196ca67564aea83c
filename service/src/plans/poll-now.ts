import type { Identity } from '../auth/access.js';
import { AppError } from '../errors.js';
import type { PlanDetail } from './plan-view.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { type ReadServices, readPlanDetail, recordHrRead, visiblePlan } from './read-plans.js';

/**
 * POST /api/plans/{id}/poll: read one plan's document and check its sharing now, for any of its readers;
 * the answer is the plan's full detail, so HR's read is recorded like GET /api/plans/{id}'s.
 */
export async function pollPlanNow(deps: PollServices & ReadServices, caller: Identity, id: string): Promise<PlanDetail> {
  const plan = await visiblePlan(deps, caller, id);
  if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; there is no document to read yet.`);
  await pollPlan(deps, plan, { read: true, checkSharing: true });
  const detail = await readPlanDetail(deps, caller, plan.id);
  await recordHrRead(deps, caller, plan);
  return detail;
}

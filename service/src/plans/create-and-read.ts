import type { Identity } from '../auth/access.js';
import type { PlanRequest } from '../domain/plan-schema.js';
import { AppError } from '../errors.js';
import { type CreateServices, createPlan } from './create-plan.js';
import type { PlanDetail } from './plan-view.js';
import { type PollServices, pollPlan } from './poll-plan.js';
import { type ReadServices, readPlanDetail } from './read-plans.js';

/**
 * POST /api/plans: create the plan, read its new document once (so the first answer already shows
 * its activities), and load the plan once for the answer. A create that failed or is still under
 * way is an error that carries the plan, so the caller sees how far it got.
 */
export async function createAndReadPlan(
  deps: CreateServices & PollServices & ReadServices,
  caller: Identity,
  request: PlanRequest,
  idempotencyKey: string | undefined,
): Promise<PlanDetail> {
  const { plan } = await createPlan(deps, caller, request, idempotencyKey);
  if (plan.state === 'ready' && plan.parsed === null) await pollPlan(deps, plan, { read: true, checkSharing: false });
  const detail = await readPlanDetail(deps, caller, plan.id);
  if (plan.state === 'failed') throw new AppError('provider_failed', plan.failure ?? 'The document could not be created.', [], { plan: detail });
  if (plan.state === 'creating') throw new AppError('provider_unavailable', detail.failure ?? 'The document is still being created.', [], { plan: detail });
  return detail;
}

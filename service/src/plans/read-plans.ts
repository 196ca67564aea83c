import { type Identity, canSeePlan } from '../auth/access.js';
import type { PlanRecord } from '../domain/plan.js';
import { notFound } from '../errors.js';
import type { PlanDeps } from './plan-deps.js';

/** The plan, if this caller may see it; otherwise exactly the answer for a plan that does not exist. */
export async function visiblePlan(deps: Pick<PlanDeps, 'store'>, caller: Identity, id: string): Promise<PlanRecord> {
  const plan = await deps.store.getPlan(id);
  if (!plan || !canSeePlan(caller, plan)) throw notFound();
  return plan;
}

/** Every plan this caller may see: all for HR, the plans they are a party to for everyone else. */
export async function visiblePlans(deps: Pick<PlanDeps, 'store'>, caller: Identity): Promise<PlanRecord[]> {
  const plans = await deps.store.listPlans(caller.isHr ? { all: true } : { email: caller.email });
  return plans.filter((plan) => canSeePlan(caller, plan));
}

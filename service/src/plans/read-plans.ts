import { type Identity, canManagePlan, canSeePlan, rolesOn } from '../auth/access.js';
import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { notFound } from '../errors.js';
import { type PlanDetail, planDetailView } from './plan-view.js';
import type { AuditLog, PlanReads } from '../store/types.js';
import type { PlanServices } from './services.js';

/** What reading plans for a caller needs: the store, and "today" and the thresholds for their status. */
export type ReadServices = Pick<PlanServices, 'clock' | 'thresholds'> & { store: PlanReads & AuditLog };

/** The plan, if this caller may see it; otherwise exactly the answer for a plan that does not exist. */
export async function visiblePlan(deps: { store: PlanReads }, caller: Identity, id: string): Promise<PlanRecord> {
  const plan = await deps.store.getPlan(id);
  if (!plan || !canSeePlan(caller, plan)) throw notFound();
  return plan;
}

/** Every plan this caller may see: all for HR, the plans they are a party to for everyone else. */
export async function visiblePlans(deps: { store: PlanReads }, caller: Identity): Promise<PlanRecord[]> {
  const plans = await deps.store.listPlans(caller.isHr ? { all: true } : { email: caller.email });
  return plans.filter((plan) => canSeePlan(caller, plan));
}

/** GET /api/plans/{id}, and the answer of every use case that changes one plan: loaded once, with its audit. */
export async function readPlanDetail(deps: ReadServices, caller: Identity, id: string): Promise<PlanDetail> {
  const plan = await visiblePlan(deps, caller, id);
  return planDetailView(plan, await deps.store.listAudit(plan.id), deps.clock.today(), deps.thresholds, caller);
}

/**
 * Whether the dashboard offers this person "New plan": HR, whoever manages a plan, and people with no
 * plan yet (a new manager). Someone whose plans all have them as the team member does not start
 * plans. Only a hint for the page: POST /api/plans checks the new plan's parties itself.
 */
export async function mayStartPlans(deps: { store: PlanReads }, caller: Identity): Promise<boolean> {
  if (caller.isHr) return true;
  const plans = await visiblePlans(deps, caller);
  return plans.length === 0 || plans.some((plan) => canManagePlan(caller, plan));
}

/**
 * The one home of "HR read this plan's content": HR sees every plan, so each read of a plan's content
 * (its detail, its poll answer, its document, the editor page, its record) by HR who is not one of its
 * four parties is written to the plan's audit as `plan.viewed` (who, and when), so the parties can see
 * who outside them looked. Reads by the parties (HR named on the plan included), and the answers of use
 * cases that change a plan, are not recorded. Every route that answers plan content calls this.
 */
export async function recordHrRead(deps: { store: AuditLog }, reader: Identity, plan: Pick<PlanRecord, 'id' | PartyRole>): Promise<void> {
  if (!reader.isHr || rolesOn(reader, plan).length > 0) return;
  await deps.store.appendAudit(plan.id, [{ kind: 'plan.viewed', actor: reader.email, message: `Plan read by HR (${reader.email}).` }]);
}

/** GET /api/plans/{id}: the detail, the read recorded when HR outside the plan made it (recordHrRead). */
export async function viewPlanDetail(deps: ReadServices, caller: Identity, id: string): Promise<PlanDetail> {
  const plan = await readPlanDetail(deps, caller, id);
  await recordHrRead(deps, caller, plan);
  return plan;
}

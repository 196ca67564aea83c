import { type Identity, canManagePlan } from '../auth/access.js';
import type { AuditInput } from '../domain/audit.js';
import { daysBetween } from '../domain/dates.js';
import { LIMITS, closeRequestSchema, extendRequestSchema } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import type { z } from 'zod';
import { AppError, errorMessage, zodIssueDetails } from '../errors.js';
import { providerFor } from '../providers/registry.js';
import type { PlanDetail } from './plan-view.js';
import { type ReadServices, readPlanDetail, visiblePlan } from './read-plans.js';
import type { PlanServices } from './services.js';

type ChangeServices = ReadServices & Pick<PlanServices, 'providers'>;

function invalid(error: z.ZodError): AppError {
  return new AppError('invalid_input', 'The request has invalid fields.', zodIssueDetails(error));
}

/** A plan the caller may see but not manage answers 404 too: the contract has no 403. */
async function managedPlan(deps: Pick<PlanServices, 'store'>, caller: Identity, id: string): Promise<PlanRecord> {
  const plan = await visiblePlan(deps, caller, id);
  if (!canManagePlan(caller, plan)) {
    throw new AppError('not_found', "No such plan that you can change: only its manager, the manager's manager or HR can.");
  }
  if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; only a ready plan can be changed.`);
  return plan;
}

/**
 * Close a plan with its outcome. The provider keeps the record as agreed (e.g. editors become
 * commenters); if that remote step fails the plan still closes and the audit says so.
 */
export async function closePlan(deps: ChangeServices, caller: Identity, id: string, body: unknown): Promise<PlanDetail> {
  const parsed = closeRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const plan = await managedPlan(deps, caller, id);
  const events: AuditInput[] = [];
  const provider = providerFor(deps.providers, plan.provider);
  if (provider?.closeDocument && plan.docId) {
    try {
      await provider.closeDocument({ planId: plan.id, docId: plan.docId }, plan, async (event) => {
        events.push(event);
      });
    } catch (error) {
      events.push({ kind: 'sharing.violation', actor: 'service', message: `Could not lock the document on close: ${errorMessage(error)}` });
    }
  }
  const outcome = parsed.data.outcome;
  events.push({ kind: 'plan.closed', actor: caller.email, message: `Closed: ${outcome.replace('_', ' ')}${parsed.data.note ? `. ${parsed.data.note}` : ''}` });
  await deps.store.markClosed(plan.id, { at: deps.clock.now().toISOString(), outcome, note: parsed.data.note ?? null }, events);
  return readPlanDetail(deps, caller, plan.id);
}

/** Move the end date; the plan may last at most LIMITS.maxPlanDays in all. */
export async function extendPlan(deps: ReadServices, caller: Identity, id: string, body: unknown): Promise<PlanDetail> {
  const parsed = extendRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error);
  const plan = await managedPlan(deps, caller, id);
  const { endDate } = parsed.data;
  if (endDate <= plan.endDate) throw new AppError('invalid_input', 'The request has invalid fields.', [{ path: 'endDate', message: `must be after the current end date ${plan.endDate}` }]);
  if (daysBetween(plan.startDate, endDate) > LIMITS.maxPlanDays) {
    throw new AppError('invalid_input', 'The request has invalid fields.', [{ path: 'endDate', message: `a plan may last at most ${LIMITS.maxPlanDays} days` }]);
  }
  await deps.store.extendPlan(plan.id, endDate, [{ kind: 'plan.extended', actor: caller.email, message: `End date moved from ${plan.endDate} to ${endDate}.` }]);
  return readPlanDetail(deps, caller, plan.id);
}

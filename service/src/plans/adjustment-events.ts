import type { AuditInput } from '../domain/audit.js';
import { planAdjustments } from '../domain/adjustments.js';
import type { ParsedPlan, PlanRecord } from '../domain/plan.js';

/**
 * After both agreed, the document is the plan: each change to its goal state or activities between
 * two readings is one `plan.adjusted` event (which part, a short before and after), visible to the
 * four in the plan's audit and listed in its record. Before agreement the plan is still being
 * shaped together, and changes are not adjustments. Who typed it the document does not say.
 */
export function adjustmentEvents(plan: PlanRecord, before: ParsedPlan, after: ParsedPlan): AuditInput[] {
  if (plan.state !== 'ready' || plan.stage !== 'agreed') return [];
  return planAdjustments(before, after, plan.goalState).map((adjustment) => ({
    kind: 'plan.adjusted',
    actor: 'service',
    message: `In the document: ${adjustment.message}`,
    data: { part: adjustment.part, before: adjustment.before, after: adjustment.after },
  }));
}

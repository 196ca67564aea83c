import { type Identity, canManagePlan, rolesOn } from '../auth/access.js';
import { daysBetween, readableDate } from '../domain/dates.js';
import type { DocumentEditIntent, PlanReads } from '../store/types.js';
import { type EditServices, runDocumentEdit } from './document-edits.js';
import { OUTCOME_WORDS } from '../domain/document-edits.js';
import { checkInList } from '../templates/template.js';
import { LIMITS, type closeRequestSchema, type extendRequestSchema, type reopenRequestSchema } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { type PlanDetail, type ReadServices, readPlanDetail, visiblePlan } from './plan-view.js';

type ChangeServices = ReadServices & EditServices;

const ROLE_WORDS = { teamMember: 'team member', manager: 'manager', managersManager: "manager's manager", hr: 'HR' } as const;

/** The caller as the document names them: "Ben Ortiz (manager)", or their email for HR outside the plan. */
export function actingAs(plan: PlanRecord, caller: Identity): string {
  const role = rolesOn(caller, plan).find((r) => r !== 'teamMember');
  return role ? `${plan[role].name} (${ROLE_WORDS[role]})` : `${caller.email} (HR)`;
}

/** Record the intent with the plan's change (done by `write`), then run the edit's steps. */
async function writeAndEdit(
  deps: ChangeServices,
  plan: PlanRecord,
  intent: DocumentEditIntent,
  write: (edit: { id: string; intent: DocumentEditIntent }) => Promise<void>,
): Promise<void> {
  const edit = { id: crypto.randomUUID(), intent };
  await write(edit);
  const stored = (await deps.store.getPlan(plan.id)) ?? plan;
  await runDocumentEdit(deps, stored, { ...edit, planId: plan.id, done: [], lastError: null, createdAt: deps.clock.now().toISOString(), finishedAt: null });
}

/** The bodies of close, extend and reopen, as the HTTP edge validated them (domain/plan-schema.ts). */
export type CloseRequest = z.infer<typeof closeRequestSchema>;
export type ExtendRequest = z.infer<typeof extendRequestSchema>;
export type ReopenRequest = z.infer<typeof reopenRequestSchema>;

/** A plan the caller cannot see answers 404; one they see but may not change, 403 (API.md, the handbook's order). */
async function managedPlan(deps: { store: PlanReads }, caller: Identity, id: string): Promise<PlanRecord> {
  const plan = await visiblePlan(deps, caller, id);
  if (!canManagePlan(caller, plan)) {
    throw new AppError('forbidden', "Only the plan's manager, the manager's manager or HR can close or extend it.");
  }
  if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; only a ready plan can be changed.`);
  return plan;
}

/**
 * Close a plan with its outcome. The plan is closed at once; then the closing section goes into the
 * document, the document is locked (the record kept as agreed) and the four are told, as resumable
 * steps (plans/document-edits.ts): a step a provider outage stops is retried by the next poll cycle.
 * Before the end date a reason is required (the note): closing early is a decision to explain.
 */
export async function closePlan(deps: ChangeServices, caller: Identity, id: string, request: CloseRequest): Promise<PlanDetail> {
  const plan = await managedPlan(deps, caller, id);
  const today = deps.clock.today();
  const note = request.note || null;
  if (today < plan.endDate && !note) {
    throw new AppError('invalid_input', 'The request has invalid fields.', [
      { path: 'note', message: `the plan runs until ${readableDate(plan.endDate)}: closing it early needs a reason in the note` },
    ]);
  }
  const outcome = request.outcome;
  const at = deps.clock.now().toISOString();
  const event = {
    kind: 'plan.closed' as const,
    actor: caller.email,
    message: `Closed${today < plan.endDate ? ' early' : ''}: ${outcome.replace('_', ' ')}${note ? `. ${note}` : ''}`,
  };
  const intent: DocumentEditIntent = { kind: 'close', notice: { outcome, note, closedOn: today, closedBy: actingAs(plan, caller) } };
  await writeAndEdit(deps, plan, intent, (edit) => deps.store.markClosed(plan.id, { at, outcome, note }, [event], edit));
  return readPlanDetail(deps, caller, plan.id);
}

/**
 * Move the end date, in the document too, with the check-in list that grows with it (the status,
 * reminders and the calendar count the check-ins from the dates); the plan may last at most
 * LIMITS.maxPlanDays in all.
 */
export async function extendPlan(deps: ChangeServices, caller: Identity, id: string, { endDate }: ExtendRequest): Promise<PlanDetail> {
  const plan = await managedPlan(deps, caller, id);
  if (endDate <= plan.endDate)
    throw new AppError('invalid_input', 'The request has invalid fields.', [{ path: 'endDate', message: `must be after the current end date ${plan.endDate}` }]);
  if (daysBetween(plan.startDate, endDate) > LIMITS.maxPlanDays) {
    throw new AppError('invalid_input', 'The request has invalid fields.', [{ path: 'endDate', message: `a plan may last at most ${LIMITS.maxPlanDays} days` }]);
  }
  const checkIns = { from: checkInList(plan), to: checkInList({ ...plan, endDate }) };
  const change = { from: plan.endDate, to: endDate, changedOn: deps.clock.today(), changedBy: actingAs(plan, caller) };
  const intent: DocumentEditIntent = { kind: 'extend', change: checkIns.from === checkIns.to ? change : { ...change, checkIns } };
  const event = { kind: 'plan.extended' as const, actor: caller.email, message: `End date moved from ${plan.endDate} to ${endDate}.` };
  await writeAndEdit(deps, plan, intent, (edit) => deps.store.extendPlan(plan.id, endDate, [event], edit));
  return readPlanDetail(deps, caller, plan.id);
}

/**
 * HR reopens a closed plan, saying why (issue 22: a plan closed by mistake, or taken up again). The
 * plan is ready again, its outcome and note cleared from the plan (the audit keeps what they were);
 * the reason goes into the document and the parties' roles close lowered come back, as resumable
 * steps. The team member and the managers see the plan but may not reopen it (403).
 */
export async function reopenPlan(deps: ChangeServices, caller: Identity, id: string, { reason }: ReopenRequest): Promise<PlanDetail> {
  const plan = await visiblePlan(deps, caller, id);
  if (!caller.isHr) throw new AppError('forbidden', 'Only HR can reopen a closed plan.');
  if (plan.state !== 'closed') throw new AppError('invalid_state', `The plan is ${plan.state}; only a closed plan can be reopened.`);
  const was = plan.outcome ? `${OUTCOME_WORDS[plan.outcome]}${plan.closeNote ? ` ("${plan.closeNote}")` : ''}` : 'no outcome';
  const event = {
    kind: 'plan.reopened' as const,
    actor: caller.email,
    message: `Reopened: ${reason.replace(/[.!?]+$/, '')}. It was closed on ${(plan.closedAt ?? '').slice(0, 10)} as ${was}.`,
  };
  const intent: DocumentEditIntent = { kind: 'reopen', notice: { reopenedOn: deps.clock.today(), reopenedBy: actingAs(plan, caller), reason } };
  await writeAndEdit(deps, plan, intent, (edit) => deps.store.reopenPlan(plan.id, deps.clock.now().toISOString(), [event], edit));
  return readPlanDetail(deps, caller, plan.id);
}

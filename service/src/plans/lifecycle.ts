import type { z } from 'zod';
import { type Identity, agreeingRole, canAlignPlan, canSharePlan } from '../auth/access.js';
import type { alignRequestSchema, shareRequestSchema } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { AppError } from '../errors.js';
import { type PlanDetail, type ReadServices, readPlanDetail, visiblePlan } from './plan-view.js';
import { type ShareServices, runShareSteps, sharingDates, sharingUnderWay } from './share-plan.js';
import { type EditServices, runDocumentEdit } from './document-edits.js';
import { actingAs } from './close-extend.js';
import { checkInList } from '../templates/template.js';
import type { DocumentEdit } from '../store/types.js';

/**
 * The handbook's order as use cases: align (the manager's manager or HR), share (the manager or
 * HR), agree (the team member and the manager, each for themselves). Each checks, in this order:
 * the caller can see the plan (404), may take this step (403 `forbidden`), and the plan is at the
 * stage the step belongs to (409); nothing is written unless all hold. The body was checked at the
 * HTTP edge (400) before any of this.
 */
export type LifecycleServices = ReadServices & ShareServices & EditServices;

/** The bodies of align and share, as the HTTP edge validated them (domain/plan-schema.ts); agree has none. */
export type AlignRequest = z.infer<typeof alignRequestSchema>;
export type ShareRequest = z.infer<typeof shareRequestSchema>;

async function planFor(deps: LifecycleServices, caller: Identity, id: string, may: (plan: PlanRecord) => boolean, who: string): Promise<PlanRecord> {
  const plan = await visiblePlan(deps, caller, id);
  if (!may(plan)) throw new AppError('forbidden', `Only ${who}.`);
  return plan;
}

function requireReady(plan: PlanRecord): void {
  if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; only a ready plan moves on in the handbook's order.`);
}

const wrongStage = (message: string) => new AppError('wrong_stage', message);

/** POST /api/plans/{id}/align: the manager's manager (or HR) aligns on a draft, with an optional note. */
export async function alignPlan(deps: LifecycleServices, caller: Identity, id: string, { note }: AlignRequest): Promise<PlanDetail> {
  const plan = await planFor(deps, caller, id, (p) => canAlignPlan(caller, p), "the plan's manager's manager or HR can align on a draft");
  requireReady(plan);
  if (plan.stage !== 'draft') throw wrongStage(`The plan is ${plan.stage}: alignment is a step of the draft, before it is shared.`);
  if (plan.alignment) throw wrongStage(`The draft was already aligned by ${plan.alignment.by} at ${plan.alignment.at}.`);
  const alignment = { by: caller.email, at: deps.clock.now().toISOString(), note: note ?? '' };
  const event = { kind: 'plan.aligned' as const, actor: caller.email, message: `Aligned on the draft${alignment.note ? `: ${alignment.note}` : ''}.` };
  if (!(await deps.store.alignPlan(plan.id, alignment, [event]))) throw wrongStage('The draft was aligned or shared meanwhile.');
  return readPlanDetail(deps, caller, plan.id);
}

/**
 * POST /api/plans/{id}/share: the manager (or HR) shares an aligned draft with its team member.
 * The stage becomes `shared` with the share pending, in one write; then the provider gives the
 * team member access. Sent again while the share is pending (after a crash or an outage), it
 * carries on; once shared, it is a 409. A share the provider could not finish is a 503 whose plan
 * says it is half shared; the next poll cycle finishes it.
 */
export async function sharePlan(deps: LifecycleServices, caller: Identity, id: string, { keepDates }: ShareRequest): Promise<PlanDetail> {
  const plan = await planFor(deps, caller, id, (p) => canSharePlan(caller, p), "the plan's manager or HR can share it with the team member");
  requireReady(plan);
  let sharing = plan;
  if (plan.stage === 'draft') {
    if (!plan.alignment)
      throw new AppError('alignment_pending', `The draft waits for ${plan.managersManager.name} (the manager's manager) or HR to align on it before it is shared.`);
    const at = deps.clock.now().toISOString();
    const dates = sharingDates(plan, deps.clock.today(), keepDates === true);
    const moved =
      dates.startDate !== plan.startDate ? ` Its start date had passed: the plan now runs ${dates.startDate} to ${dates.endDate} (was ${plan.startDate} to ${plan.endDate}).` : '';
    const event = { kind: 'plan.shared' as const, actor: caller.email, message: `Shared with ${plan.teamMember.name} (${plan.teamMember.email}).${moved}`, data: { ...dates } };
    const edit = moved ? movedDatesEdit(plan, dates, deps.clock.today(), actingAs(plan, caller)) : undefined;
    const started = await deps.store.startSharing(plan.id, { at, ...dates, sharing: sharingUnderWay(plan) }, [event], edit);
    const now = await deps.store.getPlan(plan.id);
    if (!now || (!started && !now.sharePending)) throw wrongStage('The plan was shared meanwhile.');
    sharing = now;
    // The dates go into the document before the team member is given it (and told of it); a step
    // an outage stops is finished by the next poll cycle (resumeDocumentEdits), the share goes on.
    if (started && edit) await runDocumentEdit(deps, now, { ...edit, planId: plan.id, done: [], lastError: null, createdAt: at, finishedAt: null });
  } else if (!plan.sharePending) {
    throw wrongStage(`The plan is already ${plan.stage === 'agreed' ? 'shared and agreed' : 'shared'} with ${plan.teamMember.name}.`);
  }
  const failure = await runShareSteps(deps, sharing);
  const detail = await readPlanDetail(deps, caller, plan.id);
  if (failure) throw new AppError('provider_unavailable', `The plan is half shared: ${failure}. Share again, or the next poll cycle finishes it.`, [], { plan: detail });
  return detail;
}

/** The document edit that moves a draft's dates as it is shared: start, end and the check-in list. */
function movedDatesEdit(plan: PlanRecord, dates: { startDate: string; endDate: string }, today: string, by: string): Pick<DocumentEdit, 'id' | 'intent'> {
  const checkIns = { from: checkInList(plan), to: checkInList({ ...plan, ...dates }) };
  const change = { from: plan.endDate, to: dates.endDate, start: { from: plan.startDate, to: dates.startDate }, checkIns, changedOn: today, changedBy: by };
  return { id: crypto.randomUUID(), intent: { kind: 'share', change } };
}

/** POST /api/plans/{id}/agree: the team member or the manager agrees with the plan as it stands, once each. */
export async function agreePlan(deps: LifecycleServices, caller: Identity, id: string): Promise<PlanDetail> {
  const plan = await planFor(deps, caller, id, (p) => agreeingRole(caller, p) !== null, "the plan's team member and manager agree with it, each for themselves");
  requireReady(plan);
  const role = agreeingRole(caller, plan) as 'teamMember' | 'manager';
  if (plan.stage === 'draft') throw wrongStage('The plan is a draft: it is agreed on once it is shared with the team member.');
  const earlier = plan.agreement[role];
  if (earlier) throw wrongStage(`You agreed with this plan at ${earlier}.`);
  const at = deps.clock.now().toISOString();
  const other = role === 'teamMember' ? plan.agreement.manager : plan.agreement.teamMember;
  const event = {
    kind: 'plan.agreed' as const,
    actor: caller.email,
    message: `${role === 'teamMember' ? 'The team member' : 'The manager'} agreed with the plan${other ? '; both have agreed' : ''}.`,
  };
  if (!(await deps.store.recordAgreement(plan.id, role, at, [event]))) throw wrongStage('Your agreement was recorded meanwhile.');
  return readPlanDetail(deps, caller, plan.id);
}

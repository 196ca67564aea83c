/**
 * What a caller is shown of a plan, in one place: whether they may see it at all (visiblePlan: a plan
 * they may not see answers exactly as one that does not exist), what they see of it (planDetailView,
 * planView: the Plan object of docs/api.md, with `can`, what they may do), and, after a create or a
 * share, who was told (whoWasTold). Every use case that answers with a plan ends here.
 */
import { type Identity, agreeingRole, canAlignPlan, canManagePlan, canSeePlan, canSharePlan, rolesOn } from '../auth/access.js';
import type { AuditEvent } from '../domain/audit.js';
import { partsNow } from '../domain/parse-sections.js';
import { PARTY_ROLES, type PartyRole } from '../domain/plan-schema.js';
import type { Party, PlanRecord, PlanStatus } from '../domain/plan.js';
import { type StatusThresholds, computeStatus } from '../domain/status.js';
import { notFound } from '../errors.js';
import type { AuditLog, PlanReads } from '../store/types.js';
import { planTitle } from '../templates/template.js';
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

/** The Plan object of the HTTP contract (docs/api.md), computed for one caller and one "today". */
export function planView(plan: PlanRecord, today: string, thresholds: StatusThresholds, viewer: Identity) {
  return { ...sharedPlanView(plan, today, thresholds), can: planAbilities(plan, viewer) };
}
export type PlanView = ReturnType<typeof planView>;

/** What a caller may do with the plan: the one part of the view that depends on who asks. */
export function planAbilities(plan: Pick<PlanRecord, 'state' | 'stage' | 'alignment' | 'agreement' | 'sharePending' | PartyRole>, viewer: Identity) {
  const ready = plan.state === 'ready';
  // Only a ready plan can be closed or extended, and only by its manager, manager's manager or HR.
  const manage = ready && canManagePlan(viewer, plan);
  const draft = plan.stage === 'draft';
  const agreeAs = agreeingRole(viewer, plan);
  return {
    close: manage,
    extend: manage,
    poll: ready,
    // The next step of the handbook's order, for whoever it belongs to (plans/lifecycle.ts).
    align: ready && draft && plan.alignment === null && canAlignPlan(viewer, plan),
    share: ready && ((draft && plan.alignment !== null) || plan.sharePending) && canSharePlan(viewer, plan),
    agree: ready && !draft && agreeAs !== null && plan.agreement[agreeAs] === null,
    // HR (only) may reopen a closed plan, with a reason (plans/close-extend.ts).
    reopen: plan.state === 'closed' && viewer.isHr,
  };
}

/** The view without `can`: the same for every caller, so it can be computed once per (reading, day). */
export function sharedPlanView(plan: PlanRecord, today: string, thresholds: StatusThresholds) {
  const status: PlanStatus = computeStatus(plan, plan.parsed, today, thresholds);
  return {
    id: plan.id,
    provider: plan.provider,
    kind: plan.kind,
    stage: plan.stage,
    alignment: plan.alignment,
    agreement: plan.agreement,
    docUrl: plan.docUrl,
    title: planTitle(plan),
    teamMember: plan.teamMember,
    manager: plan.manager,
    managersManager: plan.managersManager,
    hr: plan.hr,
    // What the document says now (the form's words where it does not say).
    developmentArea: partsNow(plan).developmentArea,
    startDate: plan.startDate,
    endDate: plan.endDate,
    updateCadenceDays: plan.updateCadenceDays,
    state: plan.state,
    failure: plan.failure ?? (typeof plan.createCheckpoint.lastError === 'string' ? plan.createCheckpoint.lastError : null),
    // Every entry's date, for the dots on the overview's timelines.
    status: { ...status, entryDates: (plan.parsed?.progressEntries ?? []).map((entry) => entry.date) },
    sharing: plan.sharing,
    lastPolledAt: plan.lastPolledAt,
    pollError: plan.pollError,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
    closedAt: plan.closedAt,
    outcome: plan.outcome,
    closeNote: plan.closeNote,
  };
}
export type SharedPlanView = ReturnType<typeof sharedPlanView>;

/** The detail view adds what the document says, the parser's warnings and the audit log. */
export function planDetailView(plan: PlanRecord, audit: AuditEvent[], today: string, thresholds: StatusThresholds, viewer: Identity) {
  // The document's words now; the form's where the document does not say (domain/parse-sections.ts).
  const parts = partsNow(plan);
  return {
    ...planView(plan, today, thresholds, viewer),
    currentState: parts.currentState,
    goalState: parts.goalState,
    supportAssets: parts.supportAssets,
    plannedActivities: plan.activities,
    activities: plan.parsed?.activities ?? [],
    progressEntries: plan.parsed?.progressEntries ?? [],
    warnings: plan.parsed?.warnings ?? [],
    audit: audit.map(({ id, at, kind, actor, message }) => ({ id, at, kind, actor, message })),
  };
}
export type PlanDetail = ReturnType<typeof planDetailView>;

/**
 * Who a create (or a share) told, and how (issue 22.7), so the person who did it knows whether to
 * tell anyone themselves. Google Drive emails each person it grants access to (the provider asks
 * for it: `sendNotificationEmail` with a note); Notion and local documents send nothing when made.
 * The reminder channels carry the reminders and notices that follow, not the create itself.
 */
export interface Told {
  /** People who were sent a message now, and by what. */
  people: { role: PartyRole; name: string; email: string; by: 'drive_email' }[];
  /** The configured reminder channels (names), through which reminders and notices will come; empty: none. */
  reminderChannels: string[];
}

/**
 * `roles`: who was just given access (a create: the four, or a draft's three; a share: the team
 * member). Only Google tells them, by Drive's own email.
 */
export function whoWasTold(plan: { provider: string } & Record<PartyRole, Party>, roles: readonly PartyRole[] = PARTY_ROLES, reminderChannels: readonly string[] = []): Told {
  const people = plan.provider === 'google' ? roles.map((role) => ({ role, name: plan[role].name, email: plan[role].email, by: 'drive_email' as const })) : [];
  return { people, reminderChannels: [...reminderChannels] };
}

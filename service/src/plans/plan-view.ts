import { type Identity, agreeingRole, canAlignPlan, canManagePlan, canSharePlan } from '../auth/access.js';
import type { AuditEvent } from '../domain/audit.js';
import { partsNow } from '../domain/parse-sections.js';
import type { PartyRole } from '../domain/plan-schema.js';
import type { PlanRecord, PlanStatus } from '../domain/plan.js';
import { type StatusThresholds, computeStatus } from '../domain/status.js';
import { planTitle } from '../templates/template.js';

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

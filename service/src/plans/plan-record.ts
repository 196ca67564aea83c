/**
 * The record of a plan (GET /api/plans/{id}/record): what HR keeps once a plan is done, and what the
 * four can print at any time. Built from the stored plan, its last reading of the document and its
 * audit, never from a new remote call, so it is the same whatever a provider is doing now.
 */
import type { Identity } from '../auth/access.js';
import type { AuditEvent } from '../domain/audit.js';
import { OUTCOME_WORDS } from '../domain/document-edits.js';
import { partsNow } from '../domain/parse-sections.js';
import type { CheckInStatus, PlanRecord, ProgressEntry } from '../domain/plan.js';
import type { Party, PartyRole } from '../domain/plan-schema.js';
import { computeStatus } from '../domain/status.js';
import { planTitle } from '../templates/template.js';
import { type ReadServices, recordHrRead, visiblePlan } from './plan-view.js';

export interface RecordActivity {
  title: string;
  owner: string | null;
  due: string | null;
  status: string;
  /** The date it was first seen Done (an achievement), when it was. */
  doneOn: string | null;
}

export interface RecordEvent {
  at: string;
  by: string;
  text: string;
}

/** Everything the record shows, in the order it shows it; plain text, escaped by each format. */
export interface PlanRecordView {
  title: string;
  generatedAt: string;
  /** When the document was last read: the record is as of then. */
  readAt: string | null;
  parties: { role: string; party: Party }[];
  startDate: string;
  endDate: string;
  state: PlanRecord['state'];
  /** The seven parts, each as the document says it now (the form's words when the document does not say). */
  parts: { heading: string; text: string }[];
  activities: RecordActivity[];
  progress: ProgressEntry[];
  checkIns: CheckInStatus[];
  /** Growth or performance plan, and where it is in the handbook's order. */
  kind: PlanRecord['kind'];
  stage: PlanRecord['stage'];
  /** Alignment and agreement as the plan records them, in sentences. */
  agreement: string[];
  /** The plan's course from its audit: started, aligned, shared, agreed, extended, closed, reopened. */
  steps: RecordEvent[];
  adjustments: RecordEvent[];
  outcome: { words: string; note: string | null; closedAt: string; by: string | null } | null;
}

/** One table of the record: its columns, its rows, and what stands instead when it has no rows (null: the empty table). */
export interface RecordTable {
  header: string[];
  rows: (string | null)[][];
  empty: string | null;
}

/** The record's tables, declared once for both formats (the HTML page and the Markdown), so they cannot drift apart. */
export function recordTables(record: PlanRecordView): Record<'people' | 'activities' | 'progress' | 'checkIns', RecordTable> {
  return {
    people: { header: ['Role', 'Name', 'Email'], rows: record.parties.map((p) => [p.role, p.party.name, p.party.email]), empty: null },
    activities: { header: ['Activity', 'Owner', 'Due', 'Status', 'Done on'], rows: record.activities.map((a) => [a.title, a.owner, a.due, a.status, a.doneOn]), empty: null },
    progress: { header: ['Date', 'Update', 'By'], rows: record.progress.map((p) => [p.date, p.text, p.by ?? null]), empty: 'No entries.' },
    checkIns: { header: ['Due', 'State', 'Met on'], rows: record.checkIns.map((c) => [c.due, c.state, c.metOn]), empty: 'None due.' },
  };
}

const ROLE_WORDS: Record<PartyRole, string> = { teamMember: 'Team member', manager: 'Manager', managersManager: "Manager's manager", hr: 'HR' };
const STATUS_WORDS: Record<string, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

/** Events of the plan's own course (started, aligned, shared, agreed, extended, closed, reopened), not reads or adjustments. */
const STEP_KINDS = /^plan\.(?!viewed$|adjusted$|extended$|create_failed$)/;

function event(audit: AuditEvent): RecordEvent {
  return { at: audit.at, by: audit.actor, text: audit.message };
}

/** The record's content for one plan, from what is stored. */
export function planRecordView(plan: PlanRecord, audit: AuditEvent[], deps: { today: string; now: string; thresholds: ReadServices['thresholds'] }): PlanRecordView {
  const status = computeStatus(plan, plan.parsed, deps.today, deps.thresholds);
  const parsed = plan.parsed;
  const activities: RecordActivity[] = parsed
    ? parsed.activities.map((a) => ({ title: a.title, owner: a.owner ?? null, due: a.due ?? null, status: STATUS_WORDS[a.status] ?? a.status, doneOn: a.doneOn ?? null }))
    : plan.activities.map((a) => ({ title: a.title, owner: a.owner ?? null, due: a.due ?? null, status: 'Not read yet', doneOn: null }));
  const cadence = plan.updateCadenceDays === 7 ? 'Every week (7 days)' : `Every ${plan.updateCadenceDays} days`;
  const closed = [...audit].reverse().find((e) => e.kind === 'plan.closed');
  const now = partsNow(plan);
  return {
    title: planTitle(plan),
    generatedAt: deps.now,
    readAt: plan.lastPolledAt,
    parties: (Object.keys(ROLE_WORDS) as PartyRole[]).map((role) => ({ role: ROLE_WORDS[role], party: plan[role] })),
    startDate: plan.startDate,
    endDate: plan.endDate,
    state: plan.state,
    kind: plan.kind,
    stage: plan.stage,
    agreement: agreementLines(plan),
    parts: [
      { heading: 'Development area', text: now.developmentArea },
      { heading: 'Current state', text: now.currentState },
      { heading: 'Goal state', text: now.goalState },
      { heading: 'Timeline', text: `From ${plan.startDate} to ${plan.endDate}.` },
      { heading: 'Support assets', text: now.supportAssets },
      { heading: 'Update cadence', text: `${cadence}; check-ins are due on ${status.checkIns.map((c) => c.due).join(', ') || 'the end date'}.` },
    ],
    activities,
    progress: [...(parsed?.progressEntries ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    checkIns: status.checkIns,
    steps: audit.filter((e) => STEP_KINDS.test(e.kind)).map(event),
    adjustments: audit.filter((e) => e.kind === 'plan.adjusted' || e.kind === 'plan.extended').map(event),
    outcome:
      plan.state === 'closed' && plan.outcome ? { words: OUTCOME_WORDS[plan.outcome], note: plan.closeNote, closedAt: plan.closedAt ?? '', by: closed?.actor ?? null } : null,
  };
}

/** Who aligned and who agreed, and when; who is still to. */
function agreementLines(plan: PlanRecord): string[] {
  const lines: string[] = [];
  const a = plan.alignment;
  lines.push(
    a ? `Aligned by ${a.by} on ${a.at.slice(0, 10)}${a.note ? `: ${a.note}` : '.'}` : 'No alignment recorded (the plan was not drafted for alignment, or is not aligned yet).',
  );
  for (const role of ['teamMember', 'manager'] as const) {
    const at = plan.agreement[role];
    lines.push(
      at ? `${plan[role].name} (${ROLE_WORDS[role].toLowerCase()}) agreed on ${at.slice(0, 10)}.` : `${plan[role].name} (${ROLE_WORDS[role].toLowerCase()}) has not agreed yet.`,
    );
  }
  return lines;
}

/** GET /api/plans/{id}/record: the same access rule as the plan; HR outside the plan is audited. */
export async function readPlanRecord(deps: ReadServices, caller: Identity, id: string): Promise<PlanRecordView> {
  const plan = await visiblePlan(deps, caller, id);
  await recordHrRead(deps, caller, plan);
  const audit = await deps.store.listAudit(plan.id);
  return planRecordView(plan, audit, { today: deps.clock.today(), now: deps.clock.now().toISOString(), thresholds: deps.thresholds });
}

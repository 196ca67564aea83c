import { z } from 'zod';
import { addDays } from '../domain/dates.js';
import { PLAN_KINDS } from '../domain/plan-stage.js';
import type { CachedPlan } from './plan-view-cache.js';
import type { SharedPlanView } from './plan-view.js';

/** The overview's sortable columns, in the order the table shows them. */
export const DASHBOARD_SORTS = [
  'teamMember',
  'manager',
  'developmentArea',
  'provider',
  'startDate',
  'endDate',
  'timeline',
  'activities',
  'phase',
  'health',
  'lastEntry',
  'nextCheckIn',
  'missed',
  'sharing',
  'stage',
] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

export const MAX_PAGE_ROWS = 1000;

/** The overview's stage filter: a plan's `stage`, with drafts also told apart by whether they are aligned. */
export const STAGE_FILTERS = ['draft', 'awaiting_alignment', 'awaiting_sharing', 'shared', 'agreed'] as const;

/** Where a plan is in the handbook's order, as the overview's stage column shows it. */
export function stageStep(p: Pick<SharedPlanView, 'stage' | 'alignment'>): 'awaiting_alignment' | 'awaiting_sharing' | 'shared' | 'agreed' {
  if (p.stage === 'draft') return p.alignment ? 'awaiting_sharing' : 'awaiting_alignment';
  return p.stage;
}

/**
 * The query parameters of `GET /api/dashboard` that ask for one page of compact rows. Without any of
 * them the route answers as it always did (every plan, in full).
 */
export const dashboardQuerySchema = z.object({
  q: z.string().max(200).optional().describe("Part of the team member's name or email, the manager's, or the manager's manager's name (any case)"),
  health: z.enum(['on_track', 'at_risk', 'off_track', 'overdue', 'awaiting_alignment', 'awaiting_sharing']).optional(),
  stage: z.enum(STAGE_FILTERS).optional().describe('draft (either kind of draft), awaiting_alignment, awaiting_sharing (aligned drafts), shared, agreed'),
  kind: z.enum(PLAN_KINDS).optional(),
  phase: z.enum(['scheduled', 'active', 'ended', 'closed']).optional(),
  manager: z.string().max(320).optional().describe("The manager's email"),
  provider: z.string().max(40).optional(),
  sharing: z.enum(['ok', 'repaired', 'violation', 'pending']).optional(),
  sort: z.enum(DASHBOARD_SORTS).default('endDate'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
export const DASHBOARD_QUERY_KEYS = Object.keys(dashboardQuerySchema.shape);

const HEALTH_ORDER: Record<string, number> = { awaiting_alignment: -2, awaiting_sharing: -1, on_track: 0, at_risk: 1, off_track: 2, overdue: 3 };
const STAGE_ORDER: Record<string, number> = { awaiting_alignment: 0, awaiting_sharing: 1, shared: 2, agreed: 3 };
const PHASE_ORDER: Record<string, number> = { scheduled: 0, active: 1, ended: 2, closed: 3 };
const SHARING_ORDER: Record<string, number> = { ok: 0, pending: 1, repaired: 2, violation: 3 };

/** The value a column sorts by, as the overview sorted it in the browser. Missing dates sort last ascending. */
const SORT_VALUE: Record<DashboardSort, (p: SharedPlanView) => string | number> = {
  teamMember: (p) => p.teamMember.name.toLowerCase(),
  manager: (p) => p.manager.name.toLowerCase(),
  developmentArea: (p) => p.developmentArea.toLowerCase(),
  provider: (p) => p.provider,
  startDate: (p) => p.startDate,
  endDate: (p) => p.endDate,
  // The overview's Timeline column holds the start and end dates: it orders plans by end date.
  timeline: (p) => `${p.endDate} ${p.startDate}`,
  activities: (p) => (p.status.activities.total ? p.status.activities.done / p.status.activities.total : -1),
  phase: (p) => PHASE_ORDER[p.status.phase] ?? 9,
  health: (p) => HEALTH_ORDER[p.status.health] ?? 9,
  lastEntry: (p) => p.status.lastEntryDate ?? '9999',
  nextCheckIn: (p) => p.status.nextCheckInDue ?? '9999',
  missed: (p) => p.status.missedCheckIns,
  sharing: (p) => SHARING_ORDER[p.sharing.state] ?? 9,
  stage: (p) => STAGE_ORDER[stageStep(p)] ?? 9,
};

export const byName = new Intl.Collator('en').compare;

export function matchesFilters(p: SharedPlanView, f: DashboardQuery): boolean {
  if (f.health && p.status.health !== f.health) return false;
  if (f.phase && p.status.phase !== f.phase) return false;
  if (f.manager && p.manager.email.toLowerCase() !== f.manager.toLowerCase()) return false;
  if (f.provider && p.provider !== f.provider) return false;
  if (f.sharing && p.sharing.state !== f.sharing) return false;
  if (f.kind && p.kind !== f.kind) return false;
  if (f.stage && !(f.stage === 'draft' ? p.stage === 'draft' : stageStep(p) === f.stage)) return false;
  const q = f.q?.trim().toLowerCase();
  if (q) {
    const names = `${p.teamMember.name} ${p.teamMember.email} ${p.manager.name} ${p.manager.email} ${p.managersManager.name}`.toLowerCase();
    if (!names.includes(q)) return false;
  }
  return true;
}

/** Sorted by the column, then by team member name; `desc` reverses the column only, as the table did. */
export function sortPlans(plans: CachedPlan[], sort: DashboardSort, dir: 'asc' | 'desc'): CachedPlan[] {
  const value = SORT_VALUE[sort];
  const sign = dir === 'asc' ? 1 : -1;
  return plans
    .map((entry) => ({ entry, v: value(entry.view) }))
    .sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : byName(a.entry.view.teamMember.name, b.entry.view.teamMember.name)))
    .map((x) => x.entry);
}

/** A row of the overview's table: the fields the table and its CSV export use, nothing more. */
export function dashboardRow(p: SharedPlanView) {
  const s = p.status;
  return {
    id: p.id,
    // The plan's one name, as its document, reminders and calendar say it.
    title: p.title,
    provider: p.provider,
    kind: p.kind,
    stage: p.stage,
    alignment: p.alignment,
    agreement: p.agreement,
    docUrl: p.docUrl,
    teamMember: p.teamMember,
    manager: p.manager,
    managersManager: p.managersManager,
    hr: p.hr,
    developmentArea: p.developmentArea,
    startDate: p.startDate,
    endDate: p.endDate,
    state: p.state,
    status: {
      phase: s.phase,
      health: s.health,
      day: s.day,
      totalDays: s.totalDays,
      percentElapsed: s.percentElapsed,
      activities: s.activities,
      progressEntries: s.progressEntries,
      lastEntryDate: s.lastEntryDate,
      nextCheckInDue: s.nextCheckInDue,
      missedCheckIns: s.missedCheckIns,
      checkIns: s.checkIns,
      entryDates: s.entryDates,
    },
    sharing: { state: p.sharing.state, issues: p.sharing.issues },
    // A closed plan's row shows its outcome instead of a health colour, and the CSV export carries it.
    outcome: p.outcome,
    closedAt: p.closedAt,
  };
}
export type DashboardRow = ReturnType<typeof dashboardRow>;

/**
 * One page of the overview for this caller (built as text by plans/dashboard-index.ts). `mine` holds
 * the plans where the caller is the team member (never for HR, who sees every plan in the table);
 * `rows` the rest, filtered, sorted and paged; `total` how many matched (`unfiltered`: how many
 * without the filters); `options` the managers and providers the filters can offer.
 */
export interface DashboardPage {
  total: number;
  unfiltered: number;
  offset: number;
  limit: number;
  rows: DashboardRow[];
  mine: DashboardRow[];
  options: { managers: { email: string; name: string }[]; providers: string[] };
}

/** The numbers at the top of HR's overview: the questions HR asks first. */
export function dashboardCounts(plans: Pick<SharedPlanView, 'state' | 'status' | 'endDate' | 'sharing' | 'stage'>[], today: string) {
  // Drafts are not running yet (no check-ins, no health): counted apart, not as active or scheduled.
  const ready = plans.filter((p) => p.state === 'ready');
  const open = ready.filter((p) => p.stage !== 'draft');
  const weekEnd = addDays(today, 7);
  return {
    total: plans.length,
    active: open.filter((p) => p.status.phase === 'active').length,
    scheduled: open.filter((p) => p.status.phase === 'scheduled').length,
    atRisk: open.filter((p) => p.status.health === 'at_risk').length,
    offTrack: open.filter((p) => p.status.health === 'off_track').length,
    overdue: open.filter((p) => p.status.health === 'overdue').length,
    awaitingAlignment: ready.filter((p) => p.status.health === 'awaiting_alignment').length,
    awaitingSharing: ready.filter((p) => p.status.health === 'awaiting_sharing').length,
    endingThisWeek: open.filter((p) => p.status.phase === 'active' && p.endDate >= today && p.endDate <= weekEnd).length,
    sharingViolations: plans.filter((p) => p.sharing.state === 'violation').length,
    closed: plans.filter((p) => p.state === 'closed').length,
    failed: plans.filter((p) => p.state === 'failed' || p.state === 'creating').length,
  };
}
export type DashboardCounts = ReturnType<typeof dashboardCounts>;

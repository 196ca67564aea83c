import type { Identity } from '../auth/access.js';
import { addDays } from '../domain/dates.js';
import { type DashboardPage, type DashboardQuery, dashboardPage } from './dashboard-query.js';
import { type PlanViewCache, planViewJson } from './plan-view-cache.js';
import type { PlanView, SharedPlanView } from './plan-view.js';

/** The numbers at the top of HR's overview: the questions HR asks first. */
export function dashboardCounts(plans: Pick<SharedPlanView, 'state' | 'status' | 'endDate' | 'sharing'>[], today: string) {
  const open = plans.filter((p) => p.state === 'ready');
  const weekEnd = addDays(today, 7);
  return {
    total: plans.length,
    active: open.filter((p) => p.status.phase === 'active').length,
    scheduled: open.filter((p) => p.status.phase === 'scheduled').length,
    atRisk: open.filter((p) => p.status.health === 'at_risk').length,
    offTrack: open.filter((p) => p.status.health === 'off_track').length,
    overdue: open.filter((p) => p.status.health === 'overdue').length,
    endingThisWeek: open.filter((p) => p.status.phase === 'active' && p.endDate >= today && p.endDate <= weekEnd).length,
    sharingViolations: plans.filter((p) => p.sharing.state === 'violation').length,
    closed: plans.filter((p) => p.state === 'closed').length,
    failed: plans.filter((p) => p.state === 'failed' || p.state === 'creating').length,
  };
}

/**
 * GET /api/dashboard for this caller, as JSON text without `generatedAt` (the ETag covers the rest).
 * Without a query: every visible plan in full (`Dashboard`), joined from each plan's cached JSON.
 * With one: the overview's page (`DashboardPageAnswer`): counts over every visible plan, compact
 * rows filtered, sorted and paged.
 */
export async function readDashboardJson(views: PlanViewCache, caller: Identity, query: DashboardQuery | null): Promise<string> {
  const { day, plans } = await views.visible(caller);
  const counts = dashboardCounts(plans.map((entry) => entry.view), day);
  if (query) return JSON.stringify({ today: day, counts, ...dashboardPage(plans, query, caller) });
  return `{"today":${JSON.stringify(day)},"counts":${JSON.stringify(counts)},"plans":[${plans.map((entry) => planViewJson(entry, caller)).join(',')}]}`;
}

type Counts = ReturnType<typeof dashboardCounts>;
/** GET /api/dashboard without parameters. */
export interface Dashboard {
  generatedAt: string;
  today: string;
  counts: Counts;
  plans: PlanView[];
}
/** GET /api/dashboard with the overview's parameters. */
export type DashboardPageAnswer = { generatedAt: string; today: string; counts: Counts } & DashboardPage;

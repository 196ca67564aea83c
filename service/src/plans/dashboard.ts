import type { Identity } from '../auth/access.js';
import { addDays } from '../domain/dates.js';
import type { PlanView } from './plan-view.js';
import { type ReadServices, listPlanViews } from './read-plans.js';

/** The numbers at the top of HR's overview: the questions HR asks first. */
export function dashboardCounts(plans: PlanView[], today: string) {
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

/** GET /api/dashboard: the caller's plans and the counts over them, as of one "today". */
export async function readDashboard(deps: ReadServices, caller: Identity) {
  const today = deps.clock.today();
  const plans = await listPlanViews(deps, caller);
  return { generatedAt: deps.clock.now().toISOString(), today, counts: dashboardCounts(plans, today), plans };
}
export type Dashboard = Awaited<ReturnType<typeof readDashboard>>;

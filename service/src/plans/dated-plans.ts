import type { Identity } from '../auth/access.js';
import { planCheckIns } from '../domain/check-ins.js';
import type { DatedPlan } from '../domain/plan-dates.js';
import { type ThisWeek, thisWeek } from '../domain/this-week.js';
import type { CachedPlan, PlanViewCache } from './plan-view-cache.js';

/** An open plan the caller may see, as the plan-view cache keeps it, with its check-ins as of `day`. */
export interface OpenPlan {
  entry: CachedPlan;
  dated: DatedPlan;
}

/**
 * The open plans (state ready) this caller may see, each with its check-ins: what the calendar feed
 * and "This week" are made of. Closed, failed and unfinished plans owe nothing, so they are left out.
 * Reads through the plan-view cache, so it costs what the dashboard costs.
 */
export async function openPlansOf(views: PlanViewCache, caller: Identity, graceDays: number): Promise<{ day: string; plans: OpenPlan[]; closed: CachedPlan[] }> {
  const { day, plans } = await views.visible(caller);
  const open: OpenPlan[] = [];
  // Closed plans, for the calendar's one "Plan closed" event each.
  const closed: CachedPlan[] = [];
  for (const entry of plans) {
    const { plan } = entry;
    if (plan.state === 'closed') closed.push(entry);
    if (plan.state !== 'ready') continue;
    const checkIns = planCheckIns(plan, plan.parsed, day, graceDays);
    open.push({ entry, dated: { id: plan.id, title: entry.view.title, teamMember: { name: plan.teamMember.name }, docUrl: plan.docUrl, endDate: plan.endDate, checkIns } });
  }
  return { day, plans: open, closed };
}

/** GET /api/this-week: the dashboard's "This week" panel for the caller. */
export async function readThisWeek(views: PlanViewCache, caller: Identity, graceDays: number): Promise<ThisWeek> {
  const { day, plans } = await openPlansOf(views, caller, graceDays);
  return thisWeek(
    plans.map((plan) => plan.dated),
    day,
  );
}

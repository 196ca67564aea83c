import type { Identity } from '../auth/access.js';
import type { DashboardIndex } from './dashboard-index.js';
import type { DashboardCounts, DashboardPage, DashboardQuery } from './dashboard-query.js';
import type { PlanViewCache } from './plan-view-cache.js';
import type { PlanView } from './plan-view.js';

/**
 * GET /api/dashboard for this caller, as JSON text without `generatedAt` (the ETag covers the rest).
 * Without a query: every visible plan in full (`Dashboard`), joined from each plan's cached JSON.
 * With one: the overview's page (`DashboardPageAnswer`), a slice of the caller's index. Both take
 * their counts from the same snapshot (plans/dashboard-index.ts).
 */
export async function readDashboardJson(views: PlanViewCache, index: DashboardIndex, caller: Identity, query: DashboardQuery | null): Promise<string> {
  const visible = await views.visible(caller);
  return query ? index.pageJson(visible, caller, query) : index.fullJson(visible, caller);
}

/** GET /api/dashboard without parameters. */
export interface Dashboard {
  generatedAt: string;
  today: string;
  counts: DashboardCounts;
  plans: PlanView[];
}
/** GET /api/dashboard with the overview's parameters. */
export type DashboardPageAnswer = { generatedAt: string; today: string; counts: DashboardCounts } & DashboardPage;

import { Hono } from 'hono';
import { closePlan, extendPlan } from '../plans/close-extend.js';
import { createAndReadPlan } from '../plans/create-and-read.js';
import { readDashboardJson } from '../plans/dashboard.js';
import { DASHBOARD_QUERY_KEYS, type DashboardQuery, dashboardQuerySchema } from '../plans/dashboard-query.js';
import { createPlanViewCache, planViewJson } from '../plans/plan-view-cache.js';
import { pollPlanNow } from '../plans/poll-now.js';
import { readPlanDetail, recordHrRead } from '../plans/read-plans.js';
import { AppError, zodIssueDetails } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { generatedJson } from './etag.js';
import { jsonBody } from './json-body.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The overview's page parameters, or null when the caller passed none of them (the full answer). */
function dashboardQuery(params: Record<string, string>): DashboardQuery | null {
  const given = Object.fromEntries(DASHBOARD_QUERY_KEYS.filter((key) => key in params).map((key) => [key, params[key]]));
  if (Object.keys(given).length === 0) return null;
  const parsed = dashboardQuerySchema.safeParse(given);
  if (!parsed.success) throw new AppError('invalid_input', 'The dashboard query has invalid parameters.', zodIssueDetails(parsed.error, '(query)'));
  return parsed.data;
}

/** /api/plans, /api/poll and /api/dashboard (docs/api.md): each parses the request, calls one use case, answers. */
export function planRoutes(deps: AppDeps) {
  const views = createPlanViewCache(deps);

  return new Hono<AppEnv>()
    .post('/plans', async (c) => {
      const caller = requireIdentity(c);
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('invalid_input', 'Idempotency-Key must be 1-200 visible ASCII characters.', [{ path: 'Idempotency-Key', message: 'is malformed' }]);
      }
      return c.json({ plan: await createAndReadPlan(deps, caller, await jsonBody(c), key) }, 201);
    })
    .get('/plans', async (c) => {
      const caller = requireIdentity(c);
      const { plans } = await views.visible(caller);
      return c.body(`{"plans":[${plans.map((entry) => planViewJson(entry, caller)).join(',')}]}`, 200, { 'content-type': 'application/json' });
    })
    .get('/plans/:id', async (c) => {
      const reader = requireIdentity(c);
      const plan = await readPlanDetail(deps, reader, c.req.param('id'));
      await recordHrRead(deps, reader, plan.id);
      return c.json({ plan });
    })
    .post('/plans/:id/poll', async (c) => c.json({ plan: await pollPlanNow(deps, requireIdentity(c), c.req.param('id')) }))
    .post('/plans/:id/close', async (c) => {
      const caller = requireIdentity(c);
      return c.json({ plan: await closePlan(deps, caller, c.req.param('id'), await jsonBody(c)) });
    })
    .post('/plans/:id/extend', async (c) => {
      const caller = requireIdentity(c);
      return c.json({ plan: await extendPlan(deps, caller, c.req.param('id'), await jsonBody(c)) });
    })
    .post('/poll', async (c) => {
      const caller = requireIdentity(c);
      if (!caller.isHr) throw new AppError('not_found', 'Only HR can run a full poll cycle.');
      const { polled, changed, errors } = await deps.runPollCycle();
      return c.json({ polled, changed, errors });
    })
    .get('/dashboard', async (c) => {
      const caller = requireIdentity(c);
      return generatedJson(c, deps.clock.now(), await readDashboardJson(views, caller, dashboardQuery(c.req.query())));
    });
}

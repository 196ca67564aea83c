import { Hono } from 'hono';
import { closePlan, extendPlan } from '../plans/close-extend.js';
import { createAndReadPlan } from '../plans/create-and-read.js';
import { readDashboard } from '../plans/dashboard.js';
import { pollPlanNow } from '../plans/poll-now.js';
import { listPlanViews, readPlanDetail } from '../plans/read-plans.js';
import { AppError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { jsonBody } from './json-body.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** /api/plans, /api/poll and /api/dashboard (docs/api.md): each parses the request, calls one use case, answers. */
export function planRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/plans', async (c) => {
      const caller = requireIdentity(c);
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('invalid_input', 'Idempotency-Key must be 1-200 visible ASCII characters.', [{ path: 'Idempotency-Key', message: 'is malformed' }]);
      }
      return c.json({ plan: await createAndReadPlan(deps, caller, await jsonBody(c), key) }, 201);
    })
    .get('/plans', async (c) => c.json({ plans: await listPlanViews(deps, requireIdentity(c)) }))
    .get('/plans/:id', async (c) => c.json({ plan: await readPlanDetail(deps, requireIdentity(c), c.req.param('id')) }))
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
    .get('/dashboard', async (c) => c.json(await readDashboard(deps, requireIdentity(c))));
}

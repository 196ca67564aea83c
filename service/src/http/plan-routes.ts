import { Hono } from 'hono';
import { closePlan, extendPlan } from '../plans/close-extend.js';
import { createPlan } from '../plans/create-plan.js';
import { thresholds, today } from '../plans/plan-deps.js';
import { planDetailView, planView } from '../plans/plan-view.js';
import { visiblePlan, visiblePlans } from '../plans/read-plans.js';
import { pollPlan } from '../poller/poll-plan.js';
import { AppError } from '../errors.js';
import { dashboardCounts } from './dashboard-counts.js';
import { type AppDeps, type AppEnv, jsonBody, requireIdentity } from './context.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** /api/plans, /api/poll and /api/dashboard, as API.md documents them. */
export function planRoutes(deps: AppDeps) {
  const detail = async (id: string, viewer: ReturnType<typeof requireIdentity>) => {
    const plan = await visiblePlan(deps, viewer, id);
    return planDetailView(plan, await deps.store.listAudit(plan.id), today(deps), thresholds(deps.config), viewer);
  };

  return new Hono<AppEnv>()
    .post('/plans', async (c) => {
      const caller = requireIdentity(c);
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('invalid_input', 'Idempotency-Key must be 1-200 visible ASCII characters.', [{ path: 'Idempotency-Key', message: 'is malformed' }]);
      }
      const { plan } = await createPlan(deps, caller, await jsonBody(c), key);
      // Read the new document once, so the first answer already shows its activities.
      if (plan.state === 'ready' && plan.parsed === null) await pollPlan(deps, plan, { read: true, checkSharing: false });
      const view = await detail(plan.id, caller);
      if (plan.state === 'failed') throw new AppError('provider_failed', plan.failure ?? 'The document could not be created.', [], { plan: view });
      if (plan.state === 'creating') throw new AppError('provider_unavailable', `${view.failure ?? 'The document is still being created.'}`, [], { plan: view });
      return c.json({ plan: view }, 201);
    })
    .get('/plans', async (c) => {
      const caller = requireIdentity(c);
      const day = today(deps);
      const plans = await visiblePlans(deps, caller);
      return c.json({ plans: plans.map((p) => planView(p, day, thresholds(deps.config), caller)) });
    })
    .get('/plans/:id', async (c) => c.json({ plan: await detail(c.req.param('id'), requireIdentity(c)) }))
    .post('/plans/:id/poll', async (c) => {
      const caller = requireIdentity(c);
      const plan = await visiblePlan(deps, caller, c.req.param('id'));
      if (plan.state !== 'ready') throw new AppError('invalid_state', `The plan is ${plan.state}; there is no document to read yet.`);
      await pollPlan(deps, plan, { read: true, checkSharing: true });
      return c.json({ plan: await detail(plan.id, caller) });
    })
    .post('/plans/:id/close', async (c) => {
      const caller = requireIdentity(c);
      const plan = await closePlan(deps, caller, c.req.param('id'), await jsonBody(c));
      return c.json({ plan: await detail(plan.id, caller) });
    })
    .post('/plans/:id/extend', async (c) => {
      const caller = requireIdentity(c);
      const plan = await extendPlan(deps, caller, c.req.param('id'), await jsonBody(c));
      return c.json({ plan: await detail(plan.id, caller) });
    })
    .post('/poll', async (c) => {
      const caller = requireIdentity(c);
      if (!caller.isHr) throw new AppError('not_found', 'Only HR can run a full poll cycle.');
      const { polled, changed, errors } = await deps.runPollCycle();
      return c.json({ polled, changed, errors });
    })
    .get('/dashboard', async (c) => {
      const caller = requireIdentity(c);
      const day = today(deps);
      const plans = (await visiblePlans(deps, caller)).map((p) => planView(p, day, thresholds(deps.config), caller));
      return c.json({ generatedAt: deps.now().toISOString(), today: day, counts: dashboardCounts(plans, day), plans });
    });
}

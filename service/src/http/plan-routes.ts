import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { closeRequestSchema, extendRequestSchema, planRequestSchema, reopenRequestSchema } from '../domain/plan-schema.js';
import { sharedRoles } from '../domain/plan-stage.js';
import { closePlan, extendPlan, reopenPlan } from '../plans/close-extend.js';
import { createAndReadPlan } from '../plans/create-plan.js';
import { createDashboardIndex } from '../plans/dashboard-index.js';
import { type Dashboard, type DashboardPageAnswer, readDashboardJson } from '../plans/dashboard.js';
import { DASHBOARD_QUERY_KEYS, dashboardQuerySchema } from '../plans/dashboard-query.js';
import { type PlanViewCache, createPlanViewCache, planViewJson } from '../plans/plan-view-cache.js';
import { createPollNow } from '../plans/poll-now.js';
import { type PlanView, viewPlanDetail, whoWasTold } from '../plans/plan-view.js';
import { AppError } from '../errors.js';
import { dashboardSchema, planAnswerSchema, planCreatedSchema, plansAnswerSchema, pollCycleSchema } from './api-schemas.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity, signedIn } from './caller.js';
import { generatedJson, jsonText } from './etag.js';
import { SIGNED_IN, errorAnswers, jsonAnswer } from './openapi.js';
import { jsonInput, queryInput } from './valid-input.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const tags = ['plans'];

/** Whether the caller asked for one page of the overview (any of its parameters) rather than every plan in full. */
const asksForPage = (params: Record<string, string>) => DASHBOARD_QUERY_KEYS.some((key) => key in params);

const invalidRequest = { message: 'The request has invalid fields.' };

/** /api/plans, /api/poll and /api/dashboard (docs/api.md): each parses the request, calls one use case, answers. */
export function planRoutes(deps: AppDeps, views: PlanViewCache = createPlanViewCache(deps)) {
  const index = createDashboardIndex();
  const pollPlanNow = createPollNow(deps);
  return new Hono<AppEnv>()
    .post(
      '/plans',
      describeRoute({
        tags,
        summary: 'Start a plan: create its document, share it with the four parties, read it once',
        security: SIGNED_IN,
        parameters: [
          {
            in: 'header',
            name: 'Idempotency-Key',
            required: false,
            schema: { type: 'string', maxLength: 200 },
            description: 'Retries with the same key and body answer the same plan; another body is a 409.',
          },
        ],
        responses: {
          201: jsonAnswer('The plan, ready, with what its document says, and who was told (`notified`)', planCreatedSchema),
          ...errorAnswers('invalid_input', 'unauthenticated', 'idempotency_conflict', 'payload_too_large', 'provider_failed', 'provider_unavailable'),
        },
      }),
      signedIn,
      jsonInput(planRequestSchema, { message: 'The plan has invalid fields.' }),
      async (c) => {
        const caller = requireIdentity(c);
        const key = c.req.header('idempotency-key');
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
          throw new AppError('invalid_input', 'Idempotency-Key must be 1-200 visible ASCII characters.', [{ path: 'Idempotency-Key', message: 'is malformed' }]);
        }
        const plan = await createAndReadPlan(deps, caller, c.req.valid('json'), key);
        // Who was told, and how: the person who made the plan then knows whom to tell themselves.
        return c.json({ plan, notified: whoWasTold(plan, sharedRoles(plan.stage), deps.reminderChannels) }, 201);
      },
    )
    .get(
      '/plans',
      describeRoute({
        tags,
        summary: 'The plans the caller may see',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The plans', plansAnswerSchema), ...errorAnswers('unauthenticated') },
      }),
      async (c) => {
        const caller = requireIdentity(c);
        const { plans } = await views.visible(caller);
        return jsonText<{ plans: PlanView[] }>(c, `{"plans":[${plans.map((entry) => planViewJson(entry, caller)).join(',')}]}`);
      },
    )
    .get(
      '/plans/:id',
      describeRoute({
        tags,
        summary: 'One plan with its activities, progress entries, warnings and audit',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The plan', planAnswerSchema), ...errorAnswers('unauthenticated', 'not_found') },
      }),
      async (c) => {
        return c.json({ plan: await viewPlanDetail(deps, requireIdentity(c), c.req.param('id')) });
      },
    )
    .post(
      '/plans/:id/poll',
      describeRoute({
        tags,
        summary: "Read the plan's document and check its sharing now",
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The plan after the read', planAnswerSchema), ...errorAnswers('unauthenticated', 'not_found', 'invalid_state') },
      }),
      async (c) => c.json({ plan: await pollPlanNow(requireIdentity(c), c.req.param('id')) }),
    )
    .post(
      '/plans/:id/close',
      describeRoute({
        tags,
        summary: 'Close the plan with its outcome (manager, manager’s manager or HR)',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The closed plan', planAnswerSchema), ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state') },
      }),
      signedIn,
      jsonInput(closeRequestSchema, invalidRequest),
      async (c) => {
        const caller = requireIdentity(c);
        return c.json({ plan: await closePlan(deps, caller, c.req.param('id'), c.req.valid('json')) });
      },
    )
    .post(
      '/plans/:id/reopen',
      describeRoute({
        tags,
        summary: 'Reopen a closed plan, saying why (HR): the reason goes into the document and the audit, and the parties edit it again',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The reopened plan', planAnswerSchema), ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state') },
      }),
      signedIn,
      jsonInput(reopenRequestSchema, invalidRequest),
      async (c) => {
        const caller = requireIdentity(c);
        return c.json({ plan: await reopenPlan(deps, caller, c.req.param('id'), c.req.valid('json')) });
      },
    )
    .post(
      '/plans/:id/extend',
      describeRoute({
        tags,
        summary: 'Move the end date, in the document too with its check-in list (a plan lasts 90 days at most)',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The extended plan', planAnswerSchema), ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state') },
      }),
      signedIn,
      jsonInput(extendRequestSchema, invalidRequest),
      async (c) => {
        const caller = requireIdentity(c);
        return c.json({ plan: await extendPlan(deps, caller, c.req.param('id'), c.req.valid('json')) });
      },
    )
    .post(
      '/poll',
      describeRoute({
        tags,
        summary: 'One full poll cycle now (HR)',
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('What the cycle did', pollCycleSchema), ...errorAnswers('unauthenticated', 'not_found') },
      }),
      async (c) => {
        const caller = requireIdentity(c);
        if (!caller.isHr) throw new AppError('not_found', 'Only HR can run a full poll cycle.');
        const { polled, changed, errors } = await deps.runPollCycle();
        return c.json({ polled, changed, errors });
      },
    )
    .get(
      '/dashboard',
      describeRoute({
        tags,
        summary: "The caller's plans with the counts HR's overview starts with; page, filter and sort parameters give compact rows (docs/api.md)",
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The overview', dashboardSchema), ...errorAnswers('unauthenticated') },
      }),
      signedIn,
      queryInput(dashboardQuerySchema, { message: 'The dashboard query has invalid parameters.' }),
      async (c) => {
        const caller = requireIdentity(c);
        const page = asksForPage(c.req.query()) ? c.req.valid('query') : null;
        return generatedJson<Dashboard | DashboardPageAnswer>(c, deps.clock.now(), await readDashboardJson(views, index, caller, page));
      },
    );
}

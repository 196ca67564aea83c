import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { agreeRequestSchema, alignRequestSchema, shareRequestSchema } from '../domain/plan-schema.js';
import { agreePlan, alignPlan, sharePlan } from '../plans/lifecycle.js';
import { planAnswerSchema, planCreatedSchema } from './api-schemas.js';
import { whoWasTold } from '../plans/plan-view.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity, signedIn } from './caller.js';
import { SIGNED_IN, errorAnswers, jsonAnswer } from './openapi.js';
import { jsonInput } from './valid-input.js';

const tags = ['plans'];
const invalidRequest = { message: 'The request has invalid fields.' };
/** These steps may be sent with no body at all (`curl -X POST`): that is the empty object. */
const optional = { optional: true };
/** Placed after the validator: its description of the body, marked optional. */
const optionalBody = { required: false, content: {} };

/**
 * The handbook's order (docs/api.md): align, share, agree. Each parses the request, calls one use
 * case (plans/lifecycle.ts), answers the plan. 404 when the caller cannot see the plan, 403 when
 * they can but the step is not theirs, 409 when the plan is not at the step's stage.
 */
export function lifecycleRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post(
      '/plans/:id/align',
      signedIn,
      jsonInput(alignRequestSchema, invalidRequest, optional),
      describeRoute({
        tags,
        summary: "Align on a draft, with an optional note (the manager's manager or HR)",
        security: SIGNED_IN,
        requestBody: optionalBody,
        responses: {
          200: jsonAnswer('The aligned draft', planAnswerSchema),
          ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state', 'wrong_stage'),
        },
      }),
      async (c) => c.json({ plan: await alignPlan(deps, requireIdentity(c), c.req.param('id'), c.req.valid('json')) }),
    )
    .post(
      '/plans/:id/share',
      signedIn,
      jsonInput(shareRequestSchema, invalidRequest, optional),
      describeRoute({
        tags,
        summary: 'Share an aligned draft with the team member (the manager or HR); a draft whose start passed starts today, same length, unless keepDates',
        security: SIGNED_IN,
        requestBody: optionalBody,
        responses: {
          200: jsonAnswer('The shared plan, and who was told (`notified`)', planCreatedSchema),
          ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state', 'wrong_stage', 'alignment_pending', 'provider_unavailable'),
        },
      }),
      async (c) => {
        const plan = await sharePlan(deps, requireIdentity(c), c.req.param('id'), c.req.valid('json'));
        // Who was told: the team member, by Drive's email on Google; nobody otherwise (plans/plan-view.ts).
        return c.json({ plan, notified: whoWasTold(plan, ['teamMember'], deps.reminderChannels) });
      },
    )
    .post(
      '/plans/:id/agree',
      signedIn,
      jsonInput(agreeRequestSchema, invalidRequest, optional),
      describeRoute({
        tags,
        summary: 'Agree with the plan as it stands (the team member or the manager, each for themselves)',
        security: SIGNED_IN,
        requestBody: optionalBody,
        responses: {
          200: jsonAnswer('The plan with the agreement recorded', planAnswerSchema),
          ...errorAnswers('invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'invalid_state', 'wrong_stage'),
        },
      }),
      async (c) => c.json({ plan: await agreePlan(deps, requireIdentity(c), c.req.param('id')) }),
    );
}

import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { remindMissedCheckIn } from '../plans/remind-plan.js';
import { planDetailSchema } from './api-schemas.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { SIGNED_IN, errorAnswers, jsonAnswer } from './openapi.js';

const remindAnswerSchema = z
  .object({ sent: z.array(z.string()).describe('Each delivery: "ana@acme.test by gmail", "the webhook room"'), plan: planDetailSchema })
  .meta({ id: 'RemindAnswer' });

/** POST /api/plans/{id}/remind: HR's reminder about a missed check-in (plans/remind-plan.ts). */
export function remindRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/plans/:id/remind',
    describeRoute({
      tags: ['plans'],
      summary: 'HR: remind the team member and the manager of a missed check-in, through the reminder channels',
      description:
        'Once a day at most per plan (409 after that), only while a check-in is missed and a reminder channel is set up (409 otherwise). Names, dates, the title and the link; no plan text. Audited as `reminder.requested` with who asked, and each delivery as `notice.sent`. 403 for a party who is not HR.',
      security: SIGNED_IN,
      responses: {
        200: jsonAnswer('Who was told, and the plan', remindAnswerSchema),
        ...errorAnswers('unauthenticated', 'forbidden', 'not_found', 'invalid_state', 'provider_failed'),
      },
    }),
    async (c) => c.json(await remindMissedCheckIn(deps, requireIdentity(c), c.req.param('id'))),
  );
}

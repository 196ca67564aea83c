import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { readPlanRecord } from '../plans/plan-record.js';
import { recordMarkdown } from '../plans/record-markdown.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { SIGNED_IN, errorAnswers } from './openapi.js';
import { recordPage, recordPolicy } from './record-page.js';
import { cspNonce } from './security-headers.js';
import { queryInput } from './valid-input.js';

const recordQuerySchema = z.object({ format: z.enum(['html', 'md']).default('html').describe('`md` for Markdown; the HTML page otherwise') });
const formatRefusal = { message: 'The record comes as html or md.', issues: [{ path: 'format', message: 'must be "html" or "md"' }] };

/** GET /api/plans/{id}/record: the plan's record, as a printable page or (?format=md) as Markdown. */
export function recordRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/plans/:id/record',
    describeRoute({
      tags: ['plans'],
      summary: "The plan's record: the seven parts, activities with their dates, progress log, check-ins met or missed, alignment, agreement, adjustments and outcome",
      description:
        'From the stored plan and its last reading of the document (no remote call). A printable HTML page (print it to PDF from the browser), or Markdown with `?format=md`. Same access rule as the plan; a read by HR outside the plan is audited as `plan.viewed`.',
      security: SIGNED_IN,
      responses: {
        200: { description: 'The record', content: { 'text/html': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } } } },
        ...errorAnswers('invalid_input', 'unauthenticated', 'not_found'),
      },
    }),
    queryInput(recordQuerySchema, formatRefusal),
    async (c) => {
      const { format } = c.req.valid('query');
      const record = await readPlanRecord(deps, requireIdentity(c), c.req.param('id'));
      c.header('x-robots-tag', 'noindex');
      if (format === 'md') {
        return c.body(recordMarkdown(record), 200, { 'content-type': 'text/markdown; charset=utf-8' });
      }
      const nonce = cspNonce();
      c.header('content-security-policy', recordPolicy(nonce));
      return c.html(recordPage(record, nonce));
    },
  );
}

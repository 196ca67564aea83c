/**
 * GET /api/openapi.json: the HTTP API as OpenAPI 3.1, generated (hono-openapi) from the routes
 * themselves. Each route carries a `describeRoute(...)` whose answers are the schemas in
 * api-schemas.ts; its request body and query are described by the very validators that check them
 * (valid-input.ts). A route without a description is missing from it, and test/e2e/openapi.test.ts
 * fails: docs/api.md says how to add one.
 */
import type { Hono } from 'hono';
import { openAPIRouteHandler, resolver } from 'hono-openapi';
import type { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { errorSchema } from './api-schemas.js';
import type { AppEnv } from './caller.js';

/** A JSON answer described by a zod schema. */
export function jsonAnswer(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema: resolver(schema) } } };
}

/** The error answers a route can give, each with its status from ERROR_STATUS and the one error shape. */
export function errorAnswers(...codes: ErrorCode[]) {
  const byStatus: Record<string, { description: string; content: ReturnType<typeof jsonAnswer>['content'] }> = {};
  for (const code of codes) {
    const status = String(ERROR_STATUS[code]);
    const earlier = byStatus[status];
    byStatus[status] = earlier ? { ...earlier, description: `${earlier.description}, ${code}` } : jsonAnswer(code, errorSchema);
  }
  return byStatus;
}

/** Routes that need a signed-in caller: a Bearer token or the dashboard's session cookie. */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/** Serve the description of `app` (every route registered on it, also those added after this call). */
export function openApiRoute(app: Hono<AppEnv>) {
  return openAPIRouteHandler(app, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Coaching Plans',
        version: '1',
        description:
          'Coaching plans shared with exactly four people, their status, and the sign-in the dashboard uses. Errors are `{"error": {"code", "message", "issues"}}`; a plan the caller may not see is a 404, exactly as one that does not exist. See docs/api.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API_TOKENS token.' },
          session: { type: 'apiKey', in: 'cookie', name: 'coaching_session', description: 'The dashboard session (POST /api/session).' },
        },
      },
    },
    defaultValidationErrorResponse: false,
  });
}

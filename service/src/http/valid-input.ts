/**
 * Requests checked at the edge: hono-openapi's `validator`, so one zod schema both refuses a bad
 * request (before any use case runs, so nothing changes) and describes it in GET /api/openapi.json.
 * A refusal is the API's one error shape (docs/api.md): 400 `invalid_input`, each bad field named.
 */
import type { Context } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import type { z } from 'zod';
import { AppError, type IssueDetail, type SchemaIssue, issueDetails } from '../errors.js';
import { MAX_BODY_BYTES, jsonBody } from './json-body.js';

/** What a refusal says: the message, and the issues when a route words them itself rather than per field. */
export interface Refusal {
  message: string;
  issues?: IssueDetail[];
}

/** The validator's hook: a failed check becomes the documented 400 (app.onError answers it). */
function refuseInvalid(refusal: Refusal, root: string) {
  return (result: { success: true } | { success: false; error: readonly SchemaIssue[] }) => {
    if (!result.success) throw new AppError('invalid_input', refusal.message, refusal.issues ?? issueDetails(result.error, root));
  };
}

export interface JsonInputOptions {
  /** The body cap; past it a 400 (json-body.ts). */
  maxBytes?: number;
  /** The step may be sent with no body at all (`curl -X POST`): that is the empty object. */
  optional?: boolean;
}

/** No Content-Type and no length: a POST without a body. */
function noBody(c: Context): boolean {
  return c.req.header('content-type') === undefined && (c.req.header('content-length') ?? '0') === '0';
}

/**
 * The JSON body, checked by `schema`; the route reads it typed with `c.req.valid('json')`. The body is
 * read once, capped (json-body.ts: not JSON, too large, malformed are 400s too), and handed to the
 * validator through Hono's body cache, so the validator never reads an uncapped stream.
 */
export function jsonInput<Schema extends z.ZodType>(schema: Schema, refusal: Refusal, options: JsonInputOptions = {}) {
  const check = validator('json', schema, refuseInvalid(refusal, '(body)'));
  const readThenCheck: typeof check = async (c, next) => {
    if (!(options.optional && noBody(c))) {
      const body = await jsonBody(c, options.maxBytes ?? MAX_BODY_BYTES);
      // A promise, as Hono caches it (a bare `null` body would read as "nothing cached").
      c.req.bodyCache.json = Promise.resolve(options.optional && body === null ? {} : body);
    }
    return check(c, next);
  };
  // hono-openapi finds a route's request description under this symbol: the validator's own.
  return Object.assign(readThenCheck, { [uniqueSymbol]: (check as unknown as Record<symbol, unknown>)[uniqueSymbol] });
}

/** The query parameters, checked by `schema` (unknown parameters are left alone); read with `c.req.valid('query')`. */
export function queryInput<Schema extends z.ZodType>(schema: Schema, refusal: Refusal) {
  return validator('query', schema, refuseInvalid(refusal, '(query)'));
}

/**
 * Requests checked at the edge: hono-openapi's `validator`, so one zod schema both refuses a bad
 * request (before any use case runs, so nothing changes) and describes it in GET /api/openapi.json.
 * A refusal is the API's one error shape (docs/api.md): 400 `invalid_input`, each bad field named.
 */
import type { Context } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import type { z } from 'zod';
import { AppError, type IssueDetail, type SchemaIssue, issueDetails } from '../errors.js';

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
  /** The body cap; past it a 400 (below). */
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
 * read once, capped (jsonBody below: not JSON, too large, malformed are 400s too), and handed to the
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

// The body itself: read once, capped, and drained after a refusal.
/** Every body but a document's: the largest create is a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, or a 400 that says what is wrong with it; `maxBytes` for a route that needs more. */
async function jsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('invalid_input', 'The body must be JSON (Content-Type: application/json).', [{ path: '(body)', message: 'must be JSON' }]);
  }
  const text = await readCapped(c, maxBytes);
  if (text === null) {
    throw new AppError('invalid_input', `The body is larger than ${maxBytes} bytes.`, [{ path: '(body)', message: 'is too large' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
}

/**
 * After a refusal, the most of the rest of a body read and thrown away before answering, so the
 * next request on the same keep-alive connection is not read from the middle of this body (under
 * `wrangler dev` it then never got an answer). Past this the body is cancelled and the connection
 * closed: an endless upload costs at most the cap and this.
 */
export const DRAIN_MAX_BYTES = 512 * 1024;

/** The body as text, or null once it passes `max` bytes: kept no further, so a huge upload fills no memory. */
async function readCapped(c: Context, max: number): Promise<string | null> {
  const request = c.req.raw;
  const declared = Number(request.headers.get('content-length'));
  if (!request.body) return '';
  const reader = request.body.getReader();
  if (declared > max) {
    await discardRest(c, reader, declared > max + DRAIN_MAX_BYTES ? 0 : DRAIN_MAX_BYTES);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await discardRest(c, reader, DRAIN_MAX_BYTES);
      return null;
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Read what is left of a refused body and keep none of it, up to `bound` bytes; past that, cancel it
 * and ask for the connection to be closed (`Connection: close`): it is no longer in step.
 */
async function discardRest(c: Context, reader: ReadableStreamDefaultReader<Uint8Array>, bound: number): Promise<void> {
  let left = bound;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    left -= read.value.byteLength;
    if (left < 0) {
      c.header('connection', 'close');
      await reader.cancel();
      return;
    }
  }
}

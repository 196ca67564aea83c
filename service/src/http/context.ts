import type { Context } from 'hono';
import type { Identity } from '../auth/access.js';
import type { IdentityOptions } from '../auth/identify.js';
import type { PlanDeps } from '../plans/plan-deps.js';
import type { CycleResult } from '../poller/poll-cycle.js';
import { AppError } from '../errors.js';

/** Everything the HTTP layer needs, built by the runtime. */
export interface AppDeps extends PlanDeps {
  identity: IdentityOptions;
  /** One full poll cycle now (shared with a running one). */
  runPollCycle(): Promise<CycleResult>;
  /** Notion webhook deliveries: poll these pages soon. */
  onNotionPagesChanged?(pageIds: string[]): void | Promise<void>;
}

export type AppEnv = { Variables: { identity: Identity | null } };

/** The caller, or a 401 in the documented shape. */
export function requireIdentity(c: Context<AppEnv>): Identity {
  const identity = c.get('identity');
  if (!identity) throw new AppError('unauthenticated', 'Sign in first: send Authorization: Bearer <token>, or sign in on the dashboard.');
  return identity;
}

export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, or a 400 that says what is wrong with it. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('invalid_input', 'The body must be JSON (Content-Type: application/json).', [{ path: '(body)', message: 'must be JSON' }]);
  }
  const text = await readCapped(c.req.raw, MAX_BODY_BYTES);
  if (text === null) {
    throw new AppError('invalid_input', `The body is larger than ${MAX_BODY_BYTES} bytes.`, [{ path: '(body)', message: 'is too large' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
}

/** The body as text, or null once it passes `max` bytes: read no further, so a huge upload costs nothing. */
async function readCapped(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get('content-length')) > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await reader.cancel();
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

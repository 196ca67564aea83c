import type { Context, MiddlewareHandler } from 'hono';
import type { Identity } from '../auth/access.js';
import { AppError } from '../errors.js';

/** The app's Hono environment: the identity middleware sets the caller on every request. */
export type AppEnv = { Variables: { identity: Identity | null } };

/** The caller, or a 401 in the documented shape. */
export function requireIdentity(c: Context<AppEnv>): Identity {
  const identity = c.get('identity');
  if (!identity) throw new AppError('unauthenticated', 'Sign in first: send Authorization: Bearer <token>, or sign in on the dashboard.');
  return identity;
}

/**
 * A route for signed-in callers only: the 401 comes before its body is read or checked, so an
 * anonymous request costs no parsing (the handler still takes the caller with requireIdentity).
 */
export const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireIdentity(c);
  await next();
};

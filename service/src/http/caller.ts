import type { Context } from 'hono';
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

/**
 * The request's edge checks, before any route reads it: where it comes from (refuseCrossSiteRequests,
 * on every request) and who calls (requireIdentity, signedIn). The identity itself is found by
 * auth/identify.ts; what the caller may do with a plan, by auth/access.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Identity } from '../auth/access.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/** The app's Hono environment: the identity middleware sets the caller on every request. */
export type AppEnv = { Variables: { identity: Identity | null } };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser attaches its ambient credentials to a form or fetch sent from any site: the session cookie
 * (SameSite=Lax still allows top-level form posts from a sibling subdomain), and behind Cloudflare
 * Access the CF_Authorization cookie, from which Access's edge adds the assertion this service trusts.
 * Every browser names the page a state-changing request came from in Origin; one that is not this
 * service (`null` included: a sandboxed frame or a redirect chain) is refused. So every state change
 * is checked, whatever identifies it, except Bearer requests: a page on another site cannot set
 * Authorization, so they carry no ambient credential. Sign-in itself is held to the same rule, so no
 * other site can sign a browser in as someone else. Servers (a webhook) send no Origin and pass.
 */
export function refuseCrossSiteRequests(deps: { config: Pick<Config, 'PUBLIC_URL'> }): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || /^Bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
    const origin = c.req.header('origin');
    const ownOrigins = [publicOrigin, new URL(c.req.url).origin];
    // Without Origin (older clients, scripts), Fetch Metadata still tells a cross-site browser request.
    const crossSite = origin === undefined ? ['cross-site', 'same-site'].includes(c.req.header('sec-fetch-site') ?? '') : !ownOrigins.includes(origin);
    if (crossSite) throw new AppError('csrf', 'This request came from another site and was refused. Use the dashboard itself.');
    return next();
  };
}

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

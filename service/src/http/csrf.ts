import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser attaches the session cookie to a form or fetch sent from any site (SameSite=Lax still
 * allows top-level form posts from a sibling subdomain). Every browser names the page a
 * state-changing request came from in Origin; one that is not this service (`null` included: a
 * sandboxed frame or a redirect chain) is refused. Bearer requests carry no ambient credential and
 * pass. Sign-in itself is held to the same rule, so no other site can sign a browser in as someone else.
 */
export function refuseCrossSiteRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization')) return next();
    const withSession = getCookie(c, deps.identity.cookieName) !== undefined || c.req.path === '/api/session';
    if (!withSession) return next();
    const origin = c.req.header('origin');
    const ownOrigins = [publicOrigin, new URL(c.req.url).origin];
    // Without Origin (older clients, scripts), Fetch Metadata still tells a cross-site browser request.
    const crossSite = origin === undefined ? ['cross-site', 'same-site'].includes(c.req.header('sec-fetch-site') ?? '') : !ownOrigins.includes(origin);
    if (crossSite) throw new AppError('csrf', 'This request came from another site and was refused. Use the dashboard itself.');
    return next();
  };
}

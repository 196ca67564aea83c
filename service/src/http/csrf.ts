import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';

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
export function refuseCrossSiteRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
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

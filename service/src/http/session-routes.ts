import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { emailForToken, identityFor } from '../auth/identify.js';
import { SESSION_COOKIE, SESSION_HOURS, signSession, tokenId } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { Identity } from '../auth/access.js';
import { mayStartPlans } from '../plans/read-plans.js';
import { hrDefault } from '../plans/services.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';
import { jsonBody } from './json-body.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
/** Headers that proxies, tunnels and CDNs add: their presence means the request came from elsewhere. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via', 'cf-connecting-ip', 'true-client-ip'];

const isLoopbackUrl = (url: string) => URL.canParse(url) && LOOPBACK_HOSTS.includes(new URL(url).hostname);

/**
 * Behind a reverse proxy the server still listens on loopback, and many proxies rewrite Host to it.
 * A browser says where its page came from (Origin, which proxies pass on): a page served under any
 * other name is not this machine, nor is anything a proxy marked as forwarded.
 */
function fromThisMachine(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  return isLoopbackUrl(c.req.url) && (origin === undefined || isLoopbackUrl(origin)) && PROXY_HEADERS.every((name) => c.req.header(name) === undefined);
}

const signInSchema = z.union([z.strictObject({ token: z.string().min(1).max(500) }), z.strictObject({ email: z.email().max(254) })]);

/** What GET /api/session tells a page: who is signed in, and what the new-plan form offers. */
export async function describeSession(deps: AppDeps, identity: Identity | null) {
  return {
    // Whether to offer "New plan": not to someone who is only ever the team member.
    session: identity && { ...identity, canCreatePlans: await mayStartPlans(deps, identity) },
    providers: Object.keys(deps.providers),
    defaultProvider: deps.planRules.defaultProvider,
    devSignIn: deps.identity.devSignIn,
    hrDefault: hrDefault(deps.planRules),
    timeZone: deps.config.TIME_ZONE,
  };
}

/**
 * /api/session: the dashboard's sign-in. A browser trades an API token (or, in the loopback trial
 * mode only, an email) for a signed HttpOnly cookie; API clients just send the Bearer token.
 */
export function sessionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/session', async (c) => c.json(await describeSession(deps, c.get('identity'))))
    .post('/session', async (c) => {
      const parsed = signInSchema.safeParse(await jsonBody(c));
      if (!parsed.success) throw new AppError('invalid_input', 'Send {"token": "..."} (or {"email": "..."} in trial mode).', [{ path: '(body)', message: 'must hold a token or an email' }]);
      let email: string | null;
      let via: 'token' | 'dev';
      let tid: string | undefined;
      if ('token' in parsed.data) {
        email = emailForToken(parsed.data.token, deps.identity.tokens);
        via = 'token';
        tid = await tokenId(parsed.data.token);
      } else {
        if (!deps.identity.devSignIn) throw new AppError('unauthenticated', 'Signing in with an email alone is switched off here: use your API token.');
        if (!fromThisMachine(c)) {
          throw new AppError('unauthenticated', 'The trial sign-in works only from this machine (http://localhost). Set API_TOKENS to share the service.');
        }
        email = parsed.data.email.toLowerCase();
        via = 'dev';
      }
      if (!email) throw new AppError('unauthenticated', 'That token is not valid.');
      const exp = Math.floor(deps.clock.now().getTime() / 1000) + SESSION_HOURS * 3600;
      setCookie(c, SESSION_COOKIE, await signSession({ email, via, exp, ...(tid ? { tid } : {}) }, deps.identity.sessionSecret), {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: deps.config.PUBLIC_URL.startsWith('https:'),
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json(await describeSession(deps, identityFor(email, deps.identity.hrEmails)));
    })
    .delete('/session', (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });
}

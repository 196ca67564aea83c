import { type Context, Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { emailForToken, identityFor, sameText } from '../auth/identify.js';
import { credentialId } from '../auth/session.js';
import { type Attempt, recordFailure, refuseIfThrottled } from '../auth/throttle.js';
import { clientAddressOf } from './client-address.js';
import { isLoopbackUrl } from '../domain/loopback.js';
import { AppError } from '../errors.js';
import type { Identity } from '../auth/access.js';
import { mayStartPlans } from '../plans/plan-view.js';
import { hrDefault } from '../plans/plan-input.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';
import { sessionSchema } from './api-schemas.js';
import { errorAnswers, jsonAnswer } from './openapi.js';
import { jsonInput } from './valid-input.js';
import { endSession, startSession } from './session-cookie.js';

/** Headers that proxies, tunnels and CDNs add: their presence means the request came from elsewhere. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via', 'cf-connecting-ip', 'true-client-ip'];

/**
 * Behind a reverse proxy the server still listens on loopback, and many proxies rewrite Host to it.
 * A browser says where its page came from (Origin, which proxies pass on): a page served under any
 * other name is not this machine, nor is anything a proxy marked as forwarded. (A plain TCP forwarder
 * with a forged Host shows none of this: the start-up code is what stops it.)
 */
function fromThisMachine(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  return isLoopbackUrl(c.req.url) && (origin === undefined || isLoopbackUrl(origin)) && PROXY_HEADERS.every((name) => c.req.header(name) === undefined);
}

const signInSchema = z.union([z.strictObject({ token: z.string().min(1).max(500) }), z.strictObject({ email: z.email().max(254), code: z.string().max(100).optional() })]);
/** One answer for any malformed sign-in: which credential was meant is not for the refusal to guess. */
const signInRefusal = {
  message: 'Send {"token": "..."} (or {"email": "...", "code": "..."} in trial mode).',
  issues: [{ path: '(body)', message: 'must hold a token, or an email and the trial code' }],
};

/** How people can sign in here, for the sign-in page (API.md's `signIn`). */
export function signInMethods(deps: AppDeps): ('oidc' | 'token' | 'trial')[] {
  const methods: ('oidc' | 'token' | 'trial')[] = [];
  if (deps.identity.oidc) methods.push('oidc');
  if (deps.identity.tokens.size > 0) methods.push('token');
  if (deps.identity.devSignIn) methods.push('trial');
  return methods;
}

/**
 * What GET /api/session tells a page: who is signed in and how one can sign in here; and, to people
 * signed in only, what the new-plan form offers (the providers, the default HR party, the time zone).
 * Anyone can ask, so a visitor learns no HR address and nothing of how the service is set up.
 */
export async function describeSession(deps: AppDeps, identity: Identity | null) {
  const oidc: { name: string } | undefined = deps.identity.oidc ? { name: deps.identity.oidc.name } : undefined;
  const signedIn = identity && {
    providers: Object.keys(deps.providers),
    defaultProvider: deps.planRules.defaultProvider,
    hrDefault: hrDefault(deps.planRules),
    timeZone: deps.config.TIME_ZONE,
  };
  return {
    // Whether to offer "New plan": not to someone who is only ever the team member.
    session: identity && { ...identity, canCreatePlans: await mayStartPlans(deps, identity) },
    signIn: signInMethods(deps),
    ...(oidc ? { oidc } : {}),
    devSignIn: deps.identity.devSignIn,
    ...signedIn,
  };
}

/**
 * /api/session: the dashboard's sign-in. A browser trades an API token (or, in the loopback trial
 * mode only, an email and the start-up code) for a signed HttpOnly cookie; API clients just send the
 * Bearer token. OIDC sign-in has its own routes (oidc-routes.ts) and ends in the same kind of session.
 */
export function sessionRoutes(deps: AppDeps) {
  /** A wrong credential counts against the address (and the email, when one was named). */
  async function refuse(attempt: Attempt, message: string): Promise<never> {
    await recordFailure(deps.store, attempt, deps.clock.now());
    throw new AppError('unauthenticated', message);
  }

  const tags = ['session'];
  return new Hono<AppEnv>()
    .get(
      '/session',
      describeRoute({ tags, summary: 'Who is signed in, how one may sign in, and what the new-plan form offers', responses: { 200: jsonAnswer('The session', sessionSchema) } }),
      async (c) => c.json(await describeSession(deps, c.get('identity'))),
    )
    .post(
      '/session',
      describeRoute({
        tags,
        summary: 'Sign in: trade a token (or, in trial mode, an email and the start-up code) for the session cookie',
        responses: { 200: jsonAnswer('The new session', sessionSchema), ...errorAnswers('invalid_input', 'unauthenticated', 'csrf', 'too_many_attempts') },
      }),
      jsonInput(signInSchema, signInRefusal),
      async (c) => {
        const credential = c.req.valid('json');
        const attempt: Attempt = { via: 'credential', address: clientAddressOf(c, deps), email: 'email' in credential ? credential.email : undefined };
        await refuseIfThrottled(deps.store, attempt, deps.clock.now());
        if ('token' in credential) {
          const email = emailForToken(credential.token, deps.identity.tokens);
          if (!email) return refuse(attempt, 'That token is not valid.');
          await startSession(c, deps, { email, via: 'token', tid: await credentialId(credential.token, deps.identity.sessionSecret) });
          return c.json(await describeSession(deps, identityFor(email, deps.identity.hrEmails)));
        }
        if (!deps.identity.devSignIn) throw new AppError('unauthenticated', 'Signing in with an email alone is switched off here: use your API token or your company sign-in.');
        if (!fromThisMachine(c)) {
          throw new AppError('unauthenticated', 'The trial sign-in works only from this machine (http://localhost). Set API_TOKENS to share the service.');
        }
        const code = credential.code?.trim().toLowerCase() ?? '';
        if (!sameText(code, deps.identity.trialCode)) {
          return refuse(attempt, 'That is not the trial sign-in code. It is printed where the service was started ("trial sign-in code: ...").');
        }
        const email = credential.email.toLowerCase();
        await startSession(c, deps, { email, via: 'dev', tid: await credentialId(deps.identity.trialCode, deps.identity.sessionSecret) });
        return c.json(await describeSession(deps, identityFor(email, deps.identity.hrEmails)));
      },
    )
    .delete(
      '/session',
      describeRoute({ tags, summary: 'Sign out: this session is refused from now on, even if its cookie is replayed', responses: { 204: { description: 'Signed out' } } }),
      async (c) => {
        await endSession(c, deps);
        // The dashboard's answers this browser kept for revalidation (app.ts) go with the session.
        return c.body(null, 204, { 'clear-site-data': '"cache"' });
      },
    );
}

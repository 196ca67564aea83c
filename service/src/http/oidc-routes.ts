import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { describeRoute } from 'hono-openapi';
import { type Oidc, type OidcAttempt, OidcRefusal } from '../auth/oidc.js';
import { signValue, verifySignedValue } from '../auth/session.js';
import { type Attempt, recordFailure, refuseIfThrottled } from '../auth/throttle.js';
import { AppError, errorMessage } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';
import { clientAddressOf } from './client-address.js';
import { startSession } from './session-cookie.js';

/** Minutes a person has to finish signing in at the provider. */
const ATTEMPT_MINUTES = 10;

interface SavedAttempt extends OidcAttempt {
  next: string;
  exp: number;
}

/**
 * Where to go after signing in: only a path on this service. Anything that a browser could read as
 * another host (`//evil`, `/\evil`, an absolute URL, control characters) becomes the overview.
 */
export function safeNext(next: string | undefined, publicUrl: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a redirect are what this refuses.
  if (!next?.startsWith('/') || /[\\\u0000-\u001f]/.test(next)) return '/';
  const origin = new URL(publicUrl).origin;
  if (!URL.canParse(next, origin)) return '/';
  const url = new URL(next, origin);
  if (url.origin !== origin || url.pathname.startsWith('//') || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A refusal page for the browser: what went wrong, and a way back to the sign-in page. */
function refusalPage(c: Context<AppEnv>, status: 400 | 401 | 429 | 503, reason: string) {
  c.status(status);
  return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
<body><main><h1>Sign-in refused</h1><p>${reason}</p><p><a href="/sign-in/">Back to sign-in</a></p></main></body></html>`);
}

/**
 * GET /auth/sign-in?next=/path and GET /auth/callback: OIDC sign-in. The attempt (state, nonce, PKCE
 * verifier, next) travels in a signed cookie of the browser that started it, SameSite=Lax so it comes
 * back with the provider's top-level redirect (Strict would drop it). Starting writes nothing to the
 * store (anyone may start); the callback marks the attempt used, so a replayed callback (same code,
 * same cookie) is refused, and the mark goes when the attempt expires.
 */
export function oidcRoutes(deps: AppDeps, oidc: Oidc) {
  const secure = deps.config.PUBLIC_URL.startsWith('https:');
  const cookieName = secure ? '__Host-coaching_oidc' : 'coaching_oidc';
  const redirectUri = `${deps.config.PUBLIC_URL}/auth/callback`;

  return new Hono<AppEnv>()
    .get(
      '/sign-in',
      describeRoute({
        tags: ['session'],
        summary: 'Start OIDC sign-in: 302 to the provider (code flow with PKCE, state and nonce); `next` is a path on this service',
        parameters: [{ in: 'query', name: 'next', required: false, schema: { type: 'string' } }],
        responses: { 302: { description: 'To the identity provider' } },
      }),
      async (c) => {
        const next = safeNext(c.req.query('next'), deps.config.PUBLIC_URL);
        let begun: Awaited<ReturnType<Oidc['begin']>>;
        try {
          begun = await oidc.begin();
        } catch (error) {
          deps.log(`[oidc] discovery at ${deps.config.OIDC_ISSUER ?? ''} failed: ${errorMessage(error)}`);
          return refusalPage(c, 503, 'The identity provider cannot be reached right now. Try again in a moment.');
        }
        const now = deps.clock.now();
        const saved: SavedAttempt = { ...begun.attempt, next, exp: Math.floor(now.getTime() / 1000) + ATTEMPT_MINUTES * 60 };
        setCookie(c, cookieName, await signValue(saved, deps.identity.sessionSecret), { httpOnly: true, sameSite: 'Lax', path: '/', secure, maxAge: ATTEMPT_MINUTES * 60 });
        return c.redirect(begun.url.href, 302);
      },
    )
    .get(
      '/callback',
      describeRoute({
        tags: ['session'],
        summary: 'The provider returns here: the session cookie and a 302 to `next`; a refused sign-in is a small HTML page (400 or 401)',
        responses: {
          302: { description: 'Signed in, to `next`' },
          400: { description: 'The sign-in attempt is not valid (state, code)' },
          401: { description: 'The identity is refused' },
        },
      }),
      async (c) => {
        const now = deps.clock.now();
        const attempt: Attempt = { via: 'oidc', address: clientAddressOf(c, deps) };
        try {
          await refuseIfThrottled(deps.store, attempt, now);
        } catch (error) {
          if (error instanceof AppError) return refusalPage(c, 429, error.message);
          throw error;
        }
        const cookie = getCookie(c, cookieName);
        deleteCookie(c, cookieName, { path: '/', secure });
        const saved = cookie ? await verifySignedValue<SavedAttempt>(cookie, deps.identity.sessionSecret) : null;
        if (!saved || typeof saved.state !== 'string' || typeof saved.exp !== 'number' || saved.exp < now.getTime() / 1000) {
          return refusalPage(c, 400, 'This sign-in was started in another browser, or too long ago. Sign in again from this page.');
        }
        if (!(await deps.store.useSignInState(saved.state, new Date(saved.exp * 1000).toISOString(), now.toISOString()))) {
          await recordFailure(deps.store, attempt, now);
          return refusalPage(c, 401, 'This sign-in was already used. Sign in again.');
        }
        // The registered redirect URI with the provider's parameters (behind a proxy c.req.url is not it).
        const callbackUrl = new URL(`${redirectUri}${new URL(c.req.url).search}`);
        let person: { email: string; hr: boolean };
        try {
          person = await oidc.finish(callbackUrl, saved as SavedAttempt);
        } catch (error) {
          if (!(error instanceof OidcRefusal)) throw error;
          await recordFailure(deps.store, { ...attempt, ...(error.email ? { email: error.email } : {}) }, now);
          deps.log(`[oidc] sign-in refused: ${error.reason}`);
          return refusalPage(c, 401, error.reason);
        }
        try {
          await refuseIfThrottled(deps.store, { ...attempt, email: person.email }, now);
        } catch (error) {
          if (error instanceof AppError) return refusalPage(c, 429, error.message);
          throw error;
        }
        await startSession(c, deps, { email: person.email, via: 'oidc', ...(person.hr && oidc.hrGroup ? { hrGroup: oidc.hrGroup } : {}) });
        return c.redirect(safeNext(saved.next, deps.config.PUBLIC_URL), 302);
      },
    );
}

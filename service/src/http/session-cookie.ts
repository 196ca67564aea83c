import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_HOURS, type SessionClaims, randomId, signSession, verifySession } from '../auth/session.js';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';

/** Open a session row (who, how, HR by which group) and hand the browser its signed cookie (HttpOnly; Secure and `__Host-` on https). */
export async function startSession(
  c: Context<AppEnv>,
  deps: AppDeps,
  session: Omit<SessionClaims, 'sid' | 'exp' | 'hr'> & { /** OIDC: the group (OIDC_HR_GROUP) that made the person HR. */ hrGroup?: string },
): Promise<void> {
  const now = deps.clock.now();
  const { hrGroup, ...signedIn } = session;
  const claims: SessionClaims = { ...signedIn, ...(hrGroup ? { hr: true } : {}), sid: randomId(), exp: Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600 };
  await deps.store.openSession({
    id: claims.sid,
    email: claims.email,
    via: claims.via,
    hrGroup: hrGroup ?? null,
    createdAt: now.toISOString(),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  });
  setCookie(c, deps.identity.cookieName, await signSession(claims, deps.identity.sessionSecret), {
    httpOnly: true,
    // Strict: the dashboard's pages are static and call the API from the same site, so the landing page
    // after the provider's redirect still gets its data. (The OIDC state cookie must be Lax: oidc-routes.ts.)
    sameSite: 'Strict',
    path: '/',
    secure: deps.config.PUBLIC_URL.startsWith('https:'),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Sign out: the session's row is ended (a replayed cookie is refused from then on) and the cookie cleared. */
export async function endSession(c: Context<AppEnv>, deps: AppDeps): Promise<void> {
  const cookie = getCookie(c, deps.identity.cookieName);
  const claims = cookie ? await verifySession(cookie, deps.identity.sessionSecret, Math.floor(deps.clock.now().getTime() / 1000)) : null;
  if (claims) await deps.store.endSession(claims.sid, deps.clock.now().toISOString());
  deleteCookie(c, deps.identity.cookieName, { path: '/', secure: deps.config.PUBLIC_URL.startsWith('https:') });
}

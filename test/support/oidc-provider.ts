/**
 * A real OpenID provider on a free loopback port (oauth2-mock-server: discovery, /authorize with PKCE
 * and nonce, /token, /jwks), and a browser-less walk through the service's OIDC sign-in. Each test
 * says what the next ID token claims, or how the token endpoint's answer is tampered with.
 */
import { OAuth2Server } from 'oauth2-mock-server';
import type { TestService } from './app.js';

/** Letters and digits only: the mock does not percent-decode a Basic client id (RFC 6749 2.3.1), real providers do. */
export const CLIENT_ID = 'coachingplans0123';
export const CLIENT_SECRET = 'client-secret-0123456789';

export interface Provider {
  server: OAuth2Server;
  issuer: string;
  /** Claims added to (or overriding) every ID token the provider signs from now on. */
  claims: Record<string, unknown>;
  /** Rewrites the token endpoint's response (e.g. swap the ID token) for the next response only. */
  tamperNextResponse(change: (body: Record<string, unknown>) => void | Promise<void>): void;
  stop(): Promise<void>;
}

export async function startProvider(): Promise<Provider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const issuer = server.issuer.url as string;
  const provider: Provider = {
    server,
    issuer,
    claims: {},
    tamperNextResponse(change) {
      // The mock emits synchronously; the token endpoint's answer is changed before it is written.
      server.service.once('beforeResponse', (response: { body: Record<string, unknown> }) => void change(response.body));
    },
    stop: () => server.stop(),
  };
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    // Only the ID token is addressed to the client; the access token is left alone.
    if (token.payload.aud === CLIENT_ID) Object.assign(token.payload, provider.claims);
  });
  return provider;
}

export const oidcEnv = (provider: Provider, extra: Record<string, string> = {}) => ({
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: CLIENT_ID,
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
  PUBLIC_URL: 'http://localhost:8787',
  API_TOKENS: '',
  ...extra,
});

export interface Walk {
  /** The service's answer to /auth/callback. */
  callback: Response;
  /** The session cookie it set (`name=value`), if any. */
  sessionCookie: string | null;
  /** Replays the same callback (same code, same state cookie). */
  replay(): Promise<Response>;
}

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1) ?? null;

/**
 * Sign in as a browser would: /auth/sign-in, the provider's /authorize (which answers at once), then
 * /auth/callback with the state cookie. `alterCallback` can tamper with the callback URL.
 */
export async function walkSignIn(
  service: TestService,
  options: { next?: string; alterCallback?: (url: URL) => void; stateCookie?: (cookie: string) => string | null } = {},
): Promise<Walk> {
  const start = await service.app.request(`http://localhost:8787/auth/sign-in${options.next === undefined ? '' : `?next=${encodeURIComponent(options.next)}`}`);
  if (start.status !== 302) throw new Error(`/auth/sign-in answered ${start.status}: ${await start.text()}`);
  const stateCookie = cookieOf(start, 'coaching_oidc');
  if (!stateCookie) throw new Error('no state cookie');
  const authorize = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
  const back = new URL(authorize.headers.get('location') as string);
  options.alterCallback?.(back);
  const cookie = options.stateCookie ? options.stateCookie(stateCookie) : stateCookie;
  const send = async () => service.app.request(back.href, { headers: cookie ? { cookie } : {} });
  const callback = await send();
  return { callback, sessionCookie: cookieOf(callback, 'coaching_session'), replay: send };
}

/**
 * Sign-in with the company's OpenID provider, against a real provider on a loopback port: the whole
 * flow, and every way an ID token or a callback can be wrong. Each refusal gives no session cookie.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Provider, CLIENT_ID, oidcEnv, startProvider, walkSignIn } from '../support/oidc-provider.js';
import { type TestService, makeTestService } from '../support/app.js';

let provider: Provider;
let service: TestService;

beforeAll(async () => {
  provider = await startProvider();
  service = await makeTestService(oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test', OIDC_HR_GROUP: 'people-team' }));
});
afterAll(async () => {
  await service?.close();
  await provider?.stop();
});
afterEach(() => {
  provider.claims = {};
});

const whoIs = async (cookie: string) => (await service.call('GET', '/api/session', { headers: { cookie } })).json.session;

/** The ID token's payload, decoded (not verified): for building tampered copies. */
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

async function expectRefused(walk: Awaited<ReturnType<typeof walkSignIn>>, reason?: RegExp) {
  expect(walk.sessionCookie).toBeNull();
  expect([400, 401]).toContain(walk.callback.status);
  const text = await walk.callback.text();
  if (reason) expect(text).toMatch(reason);
}

describe('OIDC sign-in', () => {
  it('GET /api/session offers it, named after the provider', async () => {
    const res = await service.call('GET', '/api/session');
    expect(res.json.signIn).toEqual(['oidc']);
    expect(res.json.oidc).toEqual({ name: new URL(provider.issuer).hostname });
    expect(service.deps.identity.devSignIn).toBe(false);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and a Lax state cookie', async () => {
    const res = await service.app.request('http://localhost:8787/auth/sign-in?next=/new/');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') as string);
    expect(`${to.origin}/`).toBe(`${new URL(provider.issuer).origin}/`);
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(to.searchParams.get('redirect_uri')).toBe('http://localhost:8787/auth/callback');
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('scope')).toContain('email');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^coaching_oidc=/);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("signs in with the ID token's email and goes back to next", async () => {
    provider.claims = { email: 'Ben@Acme.test', email_verified: true };
    const walk = await walkSignIn(service, { next: '/plan/?id=abc' });
    expect(walk.callback.status, await walk.callback.clone().text()).toBe(302);
    expect(walk.callback.headers.get('location')).toBe('/plan/?id=abc');
    expect(walk.sessionCookie).not.toBeNull();
    expect(await whoIs(walk.sessionCookie as string)).toMatchObject({ email: 'ben@acme.test', isHr: false });
    // And the session works for the API, and ends for good on sign-out.
    const cookie = walk.sessionCookie as string;
    expect((await service.call('GET', '/api/plans', { headers: { cookie } })).status).toBe(200);
    expect((await service.call('DELETE', 'http://localhost:8787/api/session', { headers: { cookie, origin: 'http://localhost:8787' } })).status).toBe(204);
    expect(await whoIs(cookie)).toBeNull();
  });

  it('gives the HR role to members of OIDC_HR_GROUP', async () => {
    provider.claims = { email: 'hana@acme.test', email_verified: true, groups: ['engineering', 'people-team'] };
    const walk = await walkSignIn(service);
    expect(await whoIs(walk.sessionCookie as string)).toMatchObject({ email: 'hana@acme.test', isHr: true });
  });

  it.each([
    ['an absolute URL', 'https://evil.test/steal'],
    ['a protocol-relative URL', '//evil.test/steal'],
    ['a backslash path', '/\\evil.test'],
    ['a tab inside', '/\t/evil.test'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('never redirects off the service: next = %s', async (_, next) => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    const walk = await walkSignIn(service, { next });
    expect(walk.callback.status).toBe(302);
    expect(walk.callback.headers.get('location')).toBe('/');
  });

  it('refuses a tampered state', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    await expectRefused(await walkSignIn(service, { alterCallback: (url) => url.searchParams.set('state', 'attacker-chosen-state-value') }));
  });

  it('refuses a callback without the state cookie of the browser that started it', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    await expectRefused(await walkSignIn(service, { stateCookie: () => null }), /another browser/);
    await expectRefused(await walkSignIn(service, { stateCookie: (c) => `${c.slice(0, -3)}abc` }), /another browser/);
  });

  it('refuses a replayed code (the same callback twice)', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    const walk = await walkSignIn(service);
    expect(walk.callback.status).toBe(302);
    const again = await walk.replay();
    expect(again.status).toBe(401);
    expect(again.headers.getSetCookie().some((c) => c.startsWith('coaching_session=') && !c.startsWith('coaching_session=;'))).toBe(false);
  });

  it.each([
    ['a wrong audience', { aud: 'another-app' }, /aud/],
    ['a wrong issuer', { iss: 'http://127.0.0.1:1/evil' }, /iss/],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, /exp/],
    ['a nonce mismatch', { nonce: 'not-the-nonce-we-sent' }, /nonce/],
  ])('refuses %s', async (_, claims, reason) => {
    provider.claims = { email: 'ben@acme.test', email_verified: true, ...claims };
    await expectRefused(await walkSignIn(service), reason);
  });

  it('refuses email_verified: false', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: false };
    await expectRefused(await walkSignIn(service), /not verified/);
  });

  it('refuses an email outside OIDC_ALLOWED_DOMAINS', async () => {
    provider.claims = { email: 'ben@acme.test.evil.test', email_verified: true };
    await expectRefused(await walkSignIn(service), /not in a domain allowed/);
  });

  it('refuses an ID token signed with another key (same kid)', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    // The mock writes its answer right after the hook returns, so the forgery is signed synchronously.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    provider.tamperNextResponse((body) => {
      const [header, payload] = (body.id_token as string).split('.') as [string, string];
      body.id_token = `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url')}`;
    });
    await expectRefused(await walkSignIn(service), /signature/i);
  });

  it('refuses an unsigned ID token (alg: none)', async () => {
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    provider.tamperNextResponse((body) => {
      const payload = Buffer.from(JSON.stringify(payloadOf(body.id_token as string))).toString('base64url');
      body.id_token = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    });
    await expectRefused(await walkSignIn(service));
  });

  it('counts refusals toward the sign-in throttle', async () => {
    expect(await service.store.countSignInFailures('oidc-address:unknown', '2000-01-01T00:00:00.000Z')).toBeGreaterThan(5);
  });
});

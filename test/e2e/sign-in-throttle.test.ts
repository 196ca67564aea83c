/**
 * Guessing tokens or trial codes is slowed down: failed sign-ins are counted per client address and
 * per email, and past the limit every attempt is refused (429), even with the right credential,
 * until the window has passed. Behind a proxy (TRUSTED_PROXY_HEADER) each client is counted apart,
 * and token guesses never lock out company (OIDC) sign-in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MINUTES } from '../../service/src/auth/throttle.js';
import { PEOPLE, type TestService, makeTestService } from '../support/app.js';
import { type Provider, oidcEnv, startProvider, walkSignIn } from '../support/oidc-provider.js';

let service: TestService;
afterEach(async () => service?.close());

let address = '198.51.100.7';
let now = new Date('2026-12-01T08:00:00Z');
const adjust = (deps: TestService['deps']) => {
  deps.clock.now = () => now;
  deps.clientAddress = () => address;
};

const signIn = (body: unknown, headers: Record<string, string> = {}) => service.call('POST', 'http://127.0.0.1:8787/api/session', { body, headers });
const guessTokens = async (headers: Record<string, string> = {}) => {
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await signIn({ token: `guess-${i}-0123456789` }, headers)).status).toBe(401);
};

let provider: Provider;
beforeAll(async () => {
  provider = await startProvider();
});
afterAll(async () => provider?.stop());

describe('failed sign-ins', () => {
  it('are throttled per address: guessing tokens stops working, even for a right one, until the window passes', async () => {
    service = await makeTestService({}, adjust);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await signIn({ token: `guess-${i}-0123456789` })).status).toBe(401);
    const blocked = await signIn({ token: PEOPLE.hr.token });
    expect(blocked.status).toBe(429);
    expect(blocked.error?.code).toBe('too_many_attempts');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // Someone at another address is not affected.
    address = '203.0.113.50';
    expect((await signIn({ token: PEOPLE.hr.token })).status).toBe(200);
    address = '198.51.100.7';
    now = new Date(now.getTime() + (THROTTLE_WINDOW_MINUTES + 1) * 60_000);
    expect((await signIn({ token: PEOPLE.hr.token })).status).toBe(200);
  });

  it("are throttled per email: guessing one person's trial code from many addresses stops too", async () => {
    service = await makeTestService({ API_TOKENS: '', HR_EMAILS: '' }, adjust);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      address = `198.51.100.${i + 10}`;
      expect((await signIn({ email: 'hr@acme.test', code: `wrongcode${i}` })).status).toBe(401);
    }
    address = '198.51.100.99';
    const code = service.deps.identity.trialCode;
    expect((await signIn({ email: 'hr@acme.test', code })).status).toBe(429);
    expect((await signIn({ email: 'ana@acme.test', code })).status).toBe(200);
  });

  it('behind a trusted proxy are counted per client, from the entry the proxy wrote (not what the client sent)', async () => {
    address = '10.0.0.2'; // the proxy's socket: every request comes from it
    service = await makeTestService({ TRUSTED_PROXY_HEADER: 'X-Forwarded-For' }, adjust);
    // The guesser writes its own X-Forwarded-For each time; the proxy appends the address it saw.
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect((await signIn({ token: `guess-${i}-0123456789` }, { 'x-forwarded-for': `192.0.2.${i}, 198.51.100.7` })).status).toBe(401);
    }
    expect((await signIn({ token: PEOPLE.hr.token }, { 'x-forwarded-for': '192.0.2.200, 198.51.100.7' })).status).toBe(429);
    expect((await signIn({ token: PEOPLE.hr.token }, { 'x-forwarded-for': '203.0.113.50' })).status).toBe(200);
  });

  it('with two proxies, the client is the second entry from the right', async () => {
    address = '10.0.0.2';
    service = await makeTestService({ TRUSTED_PROXY_HEADER: 'x-forwarded-for', TRUSTED_PROXY_HOPS: '2' }, adjust);
    await guessTokens({ 'x-forwarded-for': '198.51.100.7, 10.0.0.1' });
    expect((await signIn({ token: PEOPLE.hr.token }, { 'x-forwarded-for': '198.51.100.7, 10.0.0.1' })).status).toBe(429);
    expect((await signIn({ token: PEOPLE.hr.token }, { 'x-forwarded-for': '203.0.113.50, 10.0.0.1' })).status).toBe(200);
  });

  it('without the setting, a client-sent X-Forwarded-For changes nothing, and the log says the proxy is shared', async () => {
    address = '10.0.0.2';
    service = await makeTestService({}, adjust);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await signIn({ token: `guess-${i}-0123456789` }, { 'x-forwarded-for': `192.0.2.${i}` })).status).toBe(401);
    expect((await signIn({ token: PEOPLE.hr.token }, { 'x-forwarded-for': '203.0.113.50' })).status).toBe(429);
    expect(service.logs.filter((line) => line.includes('TRUSTED_PROXY_HEADER is unset'))).toHaveLength(1);
  });

  it('token guesses do not lock out company sign-in from the same address', async () => {
    address = '10.0.0.2';
    provider.claims = { email: PEOPLE.manager.email, email_verified: true };
    service = await makeTestService({ ...oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test' }), API_TOKENS: `${PEOPLE.hr.email}=${PEOPLE.hr.token}` }, adjust);
    await guessTokens();
    expect((await signIn({ token: PEOPLE.hr.token })).status).toBe(429);
    const walk = await walkSignIn(service);
    expect(walk.callback.status).toBe(302);
    expect(walk.sessionCookie).not.toBeNull();
  });

  it('an identity the provider vouches for but this service refuses is counted per email as well', async () => {
    service = await makeTestService(oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test' }), adjust);
    provider.claims = { email: 'mallory@acme.test', email_verified: false };
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      address = `198.51.100.${i + 20}`;
      expect((await walkSignIn(service)).callback.status).toBe(401);
    }
    address = '198.51.100.99';
    provider.claims = { email: 'mallory@acme.test', email_verified: true };
    expect((await walkSignIn(service)).callback.status).toBe(429);
    provider.claims = { email: PEOPLE.manager.email, email_verified: true };
    expect((await walkSignIn(service)).callback.status).toBe(302);
  });
});

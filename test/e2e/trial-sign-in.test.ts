/**
 * The trial sign-in (an email, no password) is for one person on their own laptop. Put behind a reverse
 * proxy, the service still listens on loopback and many proxies rewrite Host to the upstream
 * (nginx's default sends `Host: 127.0.0.1:8787` and no X-Forwarded-For): then anyone reaching the proxy
 * could sign in as HR and read every plan. Whatever shows that the request came through something else
 * must refuse it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, makeTestService } from '../support/app.js';
import { devSignInAllowed } from '../../service/src/auth/identify.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService({ API_TOKENS: '' });
  expect(service.deps.identity.devSignIn).toBe(true);
});
afterAll(async () => service.close());

const signIn = (headers: Record<string, string>, body: { email: string; code?: string } = { email: 'hr@acme.test', code: service.deps.identity.trialCode }) =>
  service.app.request('http://127.0.0.1:8787/api/session', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the trial sign-in', () => {
  it('needs the code printed at start-up: a forged Host through a plain TCP forwarder shows nothing else', async () => {
    const code = service.deps.identity.trialCode;
    for (const body of [
      { email: 'hr@acme.test' },
      { email: 'hr@acme.test', code: '' },
      { email: 'hr@acme.test', code: 'wrong-code-00' },
      { email: 'hr@acme.test', code: code.slice(1) },
    ]) {
      const res = await signIn({}, body);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(code).toMatch(/^[a-z2-9]{12}$/);
    // Typed in capitals from the terminal, it still works.
    expect((await signIn({}, { email: 'hr@acme.test', code: code.toUpperCase() })).status).toBe(200);
  });

  it('works from a browser on this machine', async () => {
    expect((await signIn({})).status).toBe(200);
    expect((await signIn({ origin: 'http://127.0.0.1:8787' })).status).toBe(200);
    expect((await signIn({ origin: 'http://localhost:8787' })).status).toBe(200);
  });

  it.each([
    ["a page of another site (the proxy's public name)", { origin: 'https://plans.acme.test' }, 403],
    ['an opaque origin', { origin: 'null' }, 403],
    ['X-Forwarded-For', { 'x-forwarded-for': '203.0.113.9' }, 401],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'plans.acme.test' }, 401],
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }, 401],
    ['Forwarded', { forwarded: 'for=203.0.113.9' }, 401],
    ['Via', { via: '1.1 proxy' }, 401],
    ['CF-Connecting-IP', { 'cf-connecting-ip': '203.0.113.9' }, 401],
  ])('refuses a request that came through something else: %s', async (_, headers, status) => {
    const res = await signIn(headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('a service published under another name', () => {
  it('has no trial sign-in: PUBLIC_URL says people reach it through something else', async () => {
    const published = await makeTestService({ API_TOKENS: '', PUBLIC_URL: 'https://plans.acme.test' });
    try {
      expect(published.deps.identity.devSignIn).toBe(false);
      const res = await published.app.request('http://127.0.0.1:8787/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'hr@acme.test', code: published.deps.identity.trialCode }),
      });
      expect(res.status).toBe(401);
    } finally {
      await published.close();
    }
  });

  it.each([
    ['http://localhost:8787', true],
    ['http://127.0.0.1:9000', true],
    ['http://127.0.0.2:8787', true],
    ['http://[::1]:8787', true],
    ['https://plans.acme.test', false],
    ['http://192.168.1.20:8787', false],
  ])('PUBLIC_URL %s: trial sign-in %s', (publicUrl, allowed) => {
    expect(devSignInAllowed({ host: '127.0.0.1', tokens: new Map(), setting: 'auto', publicUrl })).toBe(allowed);
  });
});

/**
 * A browser session lasts as long as the token it was signed in with. Replacing a leaked token in
 * API_TOKENS (same email, new token) must end the sessions opened with the leaked one at once. And
 * signing out is server-side: a copy of the cookie (a shared computer, a proxy log) is refused afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PEOPLE, type TestService, makeTestService } from '../support/app.js';

let service: TestService;
afterEach(async () => service?.close());

async function signIn(token: string): Promise<string> {
  const res = await service.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  expect(cookie).toMatch(/^coaching_session=/);
  return cookie as string;
}

const whoIs = async (cookie: string) => ((await (await service.app.request('/api/session', { headers: { cookie } })).json()) as { session: { email: string } | null }).session;

describe('sessions follow API_TOKENS', () => {
  it('a session opened with a token that was since replaced is over', async () => {
    service = await makeTestService();
    const cookie = await signIn(PEOPLE.hr.token);
    expect(await whoIs(cookie)).toMatchObject({ email: PEOPLE.hr.email });

    // The admin rotates HR's leaked token: same email, new token.
    service.deps.identity.tokens.delete(PEOPLE.hr.token);
    service.deps.identity.tokens.set('token-hr-rotated-0123456789', PEOPLE.hr.email);
    expect(await whoIs(cookie)).toBeNull();
    const plans = await service.app.request('/api/plans', { headers: { cookie } });
    expect(plans.status).toBe(401);

    // Signing in with the new token works.
    expect(await whoIs(await signIn('token-hr-rotated-0123456789'))).toMatchObject({ email: PEOPLE.hr.email });
  });

  it("a session whose token was removed is over; other people's sessions go on", async () => {
    service = await makeTestService();
    const ben = await signIn(PEOPLE.manager.token);
    const ana = await signIn(PEOPLE.teamMember.token);
    service.deps.identity.tokens.delete(PEOPLE.manager.token);
    expect(await whoIs(ben)).toBeNull();
    expect(await whoIs(ana)).toMatchObject({ email: PEOPLE.teamMember.email });
  });
});

describe('signing out', () => {
  it('ends the session on the server: the same cookie, replayed, is refused', async () => {
    service = await makeTestService();
    const cookie = await signIn(PEOPLE.manager.token);
    const other = await signIn(PEOPLE.manager.token);
    const out = await service.app.request('/api/session', { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^coaching_session=;/);
    // The dashboard answers the browser kept for revalidation are cleared with the session.
    expect(out.headers.get('clear-site-data')).toBe('"cache"');
    expect(await whoIs(cookie)).toBeNull();
    expect((await service.app.request('/api/plans', { headers: { cookie } })).status).toBe(401);
    const replayedWrite = await service.app.request('/api/plans', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(replayedWrite.status).toBe(401);
    // Only that session ended: the same person's other browser is still signed in.
    expect(await whoIs(other)).toMatchObject({ email: PEOPLE.manager.email });
  });

  it('an expired session is over even though its row was never ended', async () => {
    let now = new Date('2026-12-01T08:00:00Z');
    service = await makeTestService({}, (deps) => (deps.clock.now = () => now));
    const cookie = await signIn(PEOPLE.manager.token);
    expect(await whoIs(cookie)).toMatchObject({ email: PEOPLE.manager.email });
    now = new Date('2026-12-01T20:00:01Z');
    expect(await whoIs(cookie)).toBeNull();
  });
});

describe('the cookie on https', () => {
  it('is named __Host-…, Secure, HttpOnly, path /, with no Domain, and works under that name', async () => {
    service = await makeTestService({ PUBLIC_URL: 'https://plans.acme.test' });
    const res = await service.app.request('https://plans.acme.test/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://plans.acme.test' },
      body: JSON.stringify({ token: PEOPLE.hr.token }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-coaching_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(';')[0] as string;
    const session = await service.app.request('https://plans.acme.test/api/session', { headers: { cookie } });
    expect(((await session.json()) as { session: unknown }).session).toMatchObject({ email: PEOPLE.hr.email, isHr: true });
    // The bare name is not read on https: a cookie planted without the prefix counts for nothing.
    const planted = await service.app.request('https://plans.acme.test/api/session', { headers: { cookie: cookie.replace('__Host-', '') } });
    expect(((await planted.json()) as { session: unknown }).session).toBeNull();
  });
});

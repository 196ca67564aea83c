/**
 * A browser session lasts as long as the token it was signed in with. Replacing a leaked token in
 * API_TOKENS (same email, new token) must end the sessions opened with the leaked one at once.
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

  it('a session whose token was removed is over; other people\'s sessions go on', async () => {
    service = await makeTestService();
    const ben = await signIn(PEOPLE.manager.token);
    const ana = await signIn(PEOPLE.teamMember.token);
    service.deps.identity.tokens.delete(PEOPLE.manager.token);
    expect(await whoIs(ben)).toBeNull();
    expect(await whoIs(ana)).toMatchObject({ email: PEOPLE.teamMember.email });
  });
});

/**
 * Anyone can ask GET /api/session (the sign-in page does), so a visitor must learn how to sign in and
 * nothing else: no HR address, no providers, no time zone. People signed in get what the new-plan form
 * needs. A refused create never lists the HR addresses either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKENS, PEOPLE, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

const HR_ADDRESSES = [PEOPLE.hr.email, 'people-partners@acme.test'];
let service: TestService;
beforeAll(async () => {
  service = await makeTestService({ API_TOKENS, HR_EMAILS: HR_ADDRESSES.join(','), TIME_ZONE: 'Europe/Amsterdam' });
});
afterAll(async () => service.close());

describe('GET /api/session', () => {
  it('tells a visitor how to sign in, and nothing of the HR addresses, providers or time zone', async () => {
    const res = await service.call('GET', '/api/session');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ session: null, signIn: ['token'], devSignIn: false });
    for (const text of [...HR_ADDRESSES, 'Europe/Amsterdam', 'local']) expect(res.text).not.toContain(text);
  });

  it('gives people signed in what the new-plan form needs', async () => {
    const res = await service.call('GET', '/api/session', { as: 'manager' });
    expect(res.json).toMatchObject({
      session: { email: PEOPLE.manager.email },
      providers: ['local'],
      defaultProvider: 'local',
      hrDefault: { email: PEOPLE.hr.email },
      timeZone: 'Europe/Amsterdam',
    });
  });
});

describe('a create refused for its HR party', () => {
  it('names the field, and no HR address', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(), { hr: { email: PEOPLE.otherManager.email, name: 'Dan' } }) });
    expect(res.status).toBe(400);
    expect(res.error?.issues.map((issue: { path: string }) => issue.path)).toEqual(['hr.email']);
    for (const address of HR_ADDRESSES) expect(res.text).not.toContain(address);
  });
});

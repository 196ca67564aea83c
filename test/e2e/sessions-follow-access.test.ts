/**
 * What a session or a calendar feed grants follows the configuration as it is now, not as it was when
 * it was opened: HR by OIDC_HR_GROUP holds only while that group is still the setting, a session row
 * is matched on who, how and HR (not its id alone), a feed answers only while its owner could still
 * sign in, and HR can revoke anyone's feed. Each case restarts the service on the same data, as an
 * admin changing the settings would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKENS, PEOPLE, type TestService, makeTestService } from '../support/app.js';
import { type Provider, oidcEnv, startProvider, walkSignIn } from '../support/oidc-provider.js';

let provider: Provider;
let dataDir: string;
const open: TestService[] = [];
beforeAll(async () => {
  provider = await startProvider();
});
afterAll(async () => provider?.stop());
afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The service on `dataDir` with these settings (a second call is a restart with new settings). */
async function serviceWith(env: Record<string, string>): Promise<TestService> {
  const service = await makeTestService(env, undefined, { dataDir });
  open.push(service);
  return service;
}
const fresh = () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sessions-follow-'));
};
const sessionOf = async (service: TestService, cookie: string) => (await service.call('GET', '/api/session', { headers: { cookie } })).json.session;

describe('a session opened with OIDC', () => {
  it('is HR by group only while that group is still OIDC_HR_GROUP', async () => {
    fresh();
    const env = oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test', HR_EMAILS: PEOPLE.hr.email });
    const before = await serviceWith({ ...env, OIDC_HR_GROUP: 'people-team' });
    provider.claims = { email: 'hana@acme.test', email_verified: true, groups: ['people-team'] };
    const cookie = (await walkSignIn(before)).sessionCookie as string;
    expect(await sessionOf(before, cookie)).toMatchObject({ email: 'hana@acme.test', isHr: true });
    // The admin moves the HR role to another group: the old membership grants nothing any more.
    const after = await serviceWith({ ...env, OIDC_HR_GROUP: 'hr-admins' });
    expect(await sessionOf(after, cookie)).toMatchObject({ email: 'hana@acme.test', isHr: false });
    expect((await after.call('GET', '/api/plans', { headers: { cookie } })).status).toBe(200);
    const without = await serviceWith(env);
    expect(await sessionOf(without, cookie)).toMatchObject({ isHr: false });
  });

  it('is refused when its row says something else than its cookie', async () => {
    fresh();
    const service = await serviceWith(oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test', HR_EMAILS: PEOPLE.hr.email, OIDC_HR_GROUP: 'people-team' }));
    provider.claims = { email: 'hana@acme.test', email_verified: true, groups: ['people-team'] };
    const cookie = (await walkSignIn(service)).sessionCookie as string;
    expect(await sessionOf(service, cookie)).toMatchObject({ isHr: true });
    // As if the row had been opened for someone else (a cookie minted with a leaked secret, a mixed-up id).
    const db = new Database(join(dataDir, 'coaching-plans.sqlite'));
    db.prepare('UPDATE sessions SET hr_group = NULL').run();
    db.close();
    expect(await sessionOf(service, cookie)).toBeNull();
  });
});

describe('calendar feeds', () => {
  const feedPath = async (service: TestService, as: 'teamMember' | 'manager') => new URL((await service.call('GET', '/api/calendar', { as })).json.url).pathname;

  it('answer only while their owner could still sign in', async () => {
    fresh();
    const before = await serviceWith({});
    const path = await feedPath(before, 'teamMember');
    expect((await before.call('GET', path)).status).toBe(200);
    // Ana's token is removed: she can no longer sign in, and her feed stops with her.
    const withoutAna = API_TOKENS.split(',')
      .filter((pair) => !pair.startsWith(`${PEOPLE.teamMember.email}=`))
      .join(',');
    const after = await serviceWith({ API_TOKENS: withoutAna });
    const res = await after.call('GET', path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('BEGIN:VCALENDAR');
  });

  it('can be revoked by HR for anyone, by each person for their own, by no one else', async () => {
    fresh();
    const service = await serviceWith({});
    const ana = await feedPath(service, 'teamMember');
    const ben = await feedPath(service, 'manager');
    const refused = await service.call('DELETE', `/api/calendar/feeds/${encodeURIComponent(PEOPLE.teamMember.email)}`, { as: 'manager' });
    expect(refused.status).toBe(404);
    expect((await service.call('GET', ana)).status).toBe(200);

    const revoked = await service.call('DELETE', `/api/calendar/feeds/${encodeURIComponent(PEOPLE.teamMember.email.toUpperCase())}`, { as: 'hr' });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({ revoked: true });
    expect((await service.call('GET', ana)).status).toBe(404);
    expect((await service.call('DELETE', `/api/calendar/feeds/${PEOPLE.teamMember.email}`, { as: 'hr' })).json).toEqual({ revoked: false });
    expect(service.logs.some((line) => line.includes(`feed of ${PEOPLE.teamMember.email} was revoked by ${PEOPLE.hr.email}`))).toBe(true);
    // Opening "Calendar feed" again makes a new address; the revoked one stays dead.
    expect(await feedPath(service, 'teamMember')).not.toBe(ana);

    expect((await service.call('DELETE', `/api/calendar/feeds/${PEOPLE.manager.email}`, { as: 'manager' })).json).toEqual({ revoked: true });
    expect((await service.call('GET', ben)).status).toBe(404);
  });
});

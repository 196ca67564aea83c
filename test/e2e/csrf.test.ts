/**
 * A page on another site can make a signed-in browser send a form or a fetch with the session cookie
 * (or, behind Cloudflare Access, with the Access cookie that becomes an assertion at the edge).
 * Every state-changing request that is not Bearer must come from the service's own pages (Origin);
 * Bearer requests carry no ambient credential and are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessTeam, startAccessTeam } from '../support/access-team.js';
import { PEOPLE, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let cookie: string;
const OWN = 'http://localhost:8787';

beforeAll(async () => {
  service = await makeTestService();
  const res = await service.call('POST', `${OWN}/api/session`, { body: { token: PEOPLE.manager.token }, headers: { origin: OWN } });
  expect(res.status).toBe(200);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
});
afterAll(async () => service.close());

const plans = async () => (await service.store.listPlans({ all: true })).length;

describe('state-changing requests with the session cookie', () => {
  it.each([
    ['another site', { origin: 'https://evil.test' }],
    ['a sibling subdomain', { origin: 'http://evil.localhost:8787' }],
    ['an opaque origin (sandboxed frame, redirect)', { origin: 'null' }],
    ['the same host on another port', { origin: 'http://localhost:9999' }],
    ['no Origin, but Fetch Metadata says cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('are refused 403 csrf from %s, and change nothing', async (_, headers) => {
    const before = await plans();
    const res = await service.call('POST', `${OWN}/api/plans`, { body: planBody(isoToday()), headers: { cookie, ...headers } });
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe('csrf');
    expect(await plans()).toBe(before);
    const out = await service.call('DELETE', `${OWN}/api/session`, { headers: { cookie, ...headers } });
    expect(out.status).toBe(403);
    expect((await service.call('GET', `${OWN}/api/session`, { headers: { cookie } })).json.session).toMatchObject({ email: PEOPLE.manager.email });
  });

  it("are accepted from the service's own pages", async () => {
    const res = await service.call('POST', `${OWN}/api/plans`, { body: planBody(isoToday()), headers: { cookie, origin: OWN } });
    expect(res.status).toBe(201);
  });

  it('signing in from another site is refused too (no one can sign a browser in as someone else)', async () => {
    const res = await service.call('POST', `${OWN}/api/session`, { body: { token: PEOPLE.stranger.token }, headers: { origin: 'https://evil.test' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('Bearer requests are not affected, whatever their Origin', async () => {
    const res = await service.call('POST', `${OWN}/api/plans`, { as: 'manager', body: planBody(isoToday()), headers: { origin: 'https://evil.test' } });
    expect(res.status).toBe(201);
  });

  it('reads are not affected', async () => {
    const res = await service.call('GET', `${OWN}/api/plans`, { headers: { cookie, origin: 'https://evil.test' } });
    expect(res.status).toBe(200);
  });
});

describe('state-changing requests identified by Cloudflare Access', () => {
  let team: AccessTeam;
  let access: TestService;
  beforeAll(async () => {
    team = await startAccessTeam();
    access = await makeTestService({ ...team.env, API_TOKENS: '' });
  });
  afterAll(async () => {
    await access?.close();
    await team?.stop();
  });

  it('are refused 403 csrf from another site: no rotated feed, no full cycle as HR', async () => {
    const asHr = async (origin: string) => ({ 'cf-access-jwt-assertion': await team.assertion({ email: PEOPLE.hr.email }), origin });
    const feed = (await access.call('GET', `${OWN}/api/calendar`, { headers: await asHr(OWN) })).json.url;
    const rotate = await access.call('POST', `${OWN}/api/calendar/rotate`, { headers: await asHr('https://evil.test') });
    expect(rotate.status).toBe(403);
    expect(rotate.error?.code).toBe('csrf');
    expect((await access.call('GET', `${OWN}/api/calendar`, { headers: await asHr(OWN) })).json.url).toBe(feed);
    expect((await access.call('POST', `${OWN}/api/poll`, { headers: await asHr('https://evil.test') })).status).toBe(403);
    const crossSiteNoOrigin = { 'cf-access-jwt-assertion': await team.assertion({ email: PEOPLE.manager.email }), 'sec-fetch-site': 'cross-site' };
    expect((await access.call('POST', `${OWN}/api/plans`, { body: planBody(isoToday()), headers: crossSiteNoOrigin })).status).toBe(403);
    expect(await access.store.listPlans({ all: true })).toEqual([]);
  });

  it("are accepted from the service's own pages", async () => {
    const res = await access.call('POST', `${OWN}/api/plans`, {
      body: planBody(isoToday()),
      headers: { 'cf-access-jwt-assertion': await team.assertion({ email: PEOPLE.manager.email }), origin: OWN },
    });
    expect(res.status).toBe(201);
  });
});

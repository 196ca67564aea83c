/**
 * The access rule over every route, for six people: HR sees every plan; the manager and the
 * manager's manager see theirs; the team member sees their own; anyone else gets 404, never 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;

beforeAll(async () => {
  service = await makeTestService();
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
  expect(created.status).toBe(201);
  planId = created.json.plan.id;
});
afterAll(async () => service.close());

const SEES: Record<Person, boolean> = { hr: true, manager: true, managersManager: true, teamMember: true, otherManager: false, stranger: false };
const MANAGES: Record<Person, boolean> = { hr: true, manager: true, managersManager: true, teamMember: false, otherManager: false, stranger: false };

describe.each(Object.keys(SEES) as Person[])('as %s', (person) => {
  it('GET /api/plans lists the plan only for its parties and HR', async () => {
    const res = await service.call('GET', '/api/plans', { as: person });
    expect(res.status).toBe(200);
    const ids: string[] = res.json.plans.map((p: { id: string }) => p.id);
    expect(ids.includes(planId)).toBe(SEES[person]);
    if (!SEES[person]) expect(ids).toEqual([]);
  });

  it('GET /api/plans/:id answers the plan or a 404 that reveals nothing', async () => {
    const res = await service.call('GET', `/api/plans/${planId}`, { as: person });
    const missing = await service.call('GET', '/api/plans/no-such-plan', { as: person });
    expect(missing.status).toBe(404);
    if (SEES[person]) {
      expect(res.status).toBe(200);
      expect(res.json.plan.id).toBe(planId);
      expect(res.json.plan.audit.length).toBeGreaterThan(0);
    } else {
      expect(res.status).toBe(404);
      expect(res.json).toEqual(missing.json);
      expect(res.text).not.toContain('Stakeholder');
    }
  });

  it('GET /api/dashboard counts only visible plans', async () => {
    const res = await service.call('GET', '/api/dashboard', { as: person });
    expect(res.status).toBe(200);
    expect(res.json.counts.total).toBe(res.json.plans.length);
    expect(res.json.plans.some((p: { id: string }) => p.id === planId)).toBe(SEES[person]);
    if (!SEES[person]) expect(res.json.plans).toEqual([]);
  });

  it('POST /api/plans/:id/poll reads the document for parties only', async () => {
    const res = await service.call('POST', `/api/plans/${planId}/poll`, { as: person });
    expect(res.status).toBe(SEES[person] ? 200 : 404);
  });

  it('the local document and its editor are served to parties only', async () => {
    const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: person });
    const page = await service.call('GET', `/docs/${planId}`, { as: person });
    expect(doc.status).toBe(SEES[person] ? 200 : 404);
    expect(page.status).toBe(SEES[person] ? 200 : 404);
    if (!SEES[person]) {
      expect(page.text).not.toContain('Stakeholder');
      const save = await service.call('PUT', `/api/plans/${planId}/document`, { as: person, body: { markdown: 'pwned', baseVersion: 'x' } });
      expect(save.status).toBe(404);
    } else {
      expect(page.text).toContain('<textarea');
    }
  });

  it("POST /api/plans/:id/extend is for the manager, the manager's manager and HR", async () => {
    const current = await service.call('GET', `/api/plans/${planId}`, { as: 'hr' });
    const endDate = new Date(Date.parse(`${current.json.plan.endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const res = await service.call('POST', `/api/plans/${planId}/extend`, { as: person, body: { endDate } });
    // A party who sees the plan but may not change it: 403; anyone else: 404, as for no plan.
    expect(res.status).toBe(MANAGES[person] ? 200 : SEES[person] ? 403 : 404);
    const after = await service.call('GET', `/api/plans/${planId}`, { as: 'hr' });
    expect(after.json.plan.endDate).toBe(MANAGES[person] ? endDate : current.json.plan.endDate);
  });

  it('POST /api/poll (a full cycle) is for HR only', async () => {
    const res = await service.call('POST', '/api/poll', { as: person });
    expect(res.status).toBe(person === 'hr' ? 200 : 404);
    if (person === 'hr') expect(res.json).toEqual({ polled: expect.any(Number), changed: expect.any(Number), errors: 0 });
  });

  it("POST /api/plans: creating needs the manager, the manager's manager or HR of that plan", async () => {
    const before = await service.store.listPlans({ all: true });
    const res = await service.call('POST', '/api/plans', { as: person, body: planBody(isoToday()) });
    expect(res.status).toBe(MANAGES[person] ? 201 : 400);
    expect((await service.store.listPlans({ all: true })).length).toBe(before.length + (MANAGES[person] ? 1 : 0));
  });
});

describe('closing', () => {
  it('is refused to the team member and strangers, allowed to the manager', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'hr', body: planBody(isoToday()) });
    const id = created.json.plan.id;
    for (const person of ['teamMember', 'otherManager', 'stranger'] as Person[]) {
      const res = await service.call('POST', `/api/plans/${id}/close`, { as: person, body: { outcome: 'achieved' } });
      expect(res.status).toBe(person === 'teamMember' ? 403 : 404);
    }
    const closed = await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'Good progress' } });
    expect(closed.status).toBe(200);
    expect(closed.json.plan.state).toBe('closed');
    expect(closed.json.plan.status.phase).toBe('closed');
    expect(closed.json.plan.outcome).toBe('partially_achieved');
    const again = await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved' } });
    expect(again.status).toBe(409);
  });
});

describe('without identity', () => {
  it.each([
    ['GET', '/api/plans'],
    ['GET', '/api/dashboard'],
    ['POST', '/api/poll'],
    ['GET', '/api/plans/x'],
  ])('%s %s is 401', async (method, path) => {
    const res = await service.call(method, path);
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe('unauthenticated');
  });

  it('a wrong token is 401, and health needs none and shows no plan data', async () => {
    const res = await service.call('GET', '/api/plans', { headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(res.status).toBe(401);
    const health = await service.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.json.ok).toBe(true);
    expect(health.text).not.toMatch(/acme|Stakeholder/);
  });

  it('the editor page sends a browser to sign in', async () => {
    const res = await service.call('GET', `/docs/${planId}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/sign-in/');
  });
});

describe('the trial sign-in', () => {
  it('is refused when tokens are configured, and for forwarded requests even in trial mode', async () => {
    const withTokens = await service.call('POST', 'http://localhost/api/session', { body: { email: 'hr@acme.test' } });
    expect(withTokens.status).toBe(401);
    const trial = await makeTestService({ API_TOKENS: '' });
    try {
      const body = { email: 'hr@acme.test', code: trial.deps.identity.trialCode };
      const local = await trial.call('POST', 'http://localhost/api/session', { body });
      expect(local.status).toBe(200);
      const proxied = await trial.call('POST', 'http://localhost/api/session', { body, headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(proxied.status).toBe(401);
      const publicHost = await trial.call('POST', 'http://plans.acme.test/api/session', { body });
      expect(publicHost.status).toBe(401);
    } finally {
      await trial.close();
    }
  });

  it('the session offers "New plan" to managers and HR, not to someone who is only the team member', async () => {
    const as = async (person: 'teamMember' | 'manager' | 'hr') => (await service.call('GET', '/api/session', { as: person })).json.session?.canCreatePlans;
    expect(await as('teamMember')).toBe(false);
    expect(await as('manager')).toBe(true);
    expect(await as('hr')).toBe(true);
  });

  it('a token signs a browser in with an HttpOnly cookie that then works like the token', async () => {
    const signIn = await service.call('POST', '/api/session', { body: { token: 'token-ben-0123456789' } });
    expect(signIn.status).toBe(200);
    expect(signIn.json.session).toEqual({ email: 'ben@acme.test', isHr: false, canCreatePlans: true });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(signIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const plans = await service.call('GET', '/api/plans', { headers: { cookie } });
    expect(plans.status).toBe(200);
    expect(plans.json.plans.some((p: { id: string }) => p.id === planId)).toBe(true);
    const bad = await service.call('POST', '/api/session', { body: { token: 'wrong-token-0123456789' } });
    expect(bad.status).toBe(401);
  });
});

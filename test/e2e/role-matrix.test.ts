/**
 * The access rule over every route, for HR, the manager, the manager's manager, the team member,
 * another manager and a stranger, in each way of signing in: Bearer token, a session opened with a
 * token, a trial session, an OIDC session, Cloudflare Access. However someone signed in, a plan is
 * seen by its four parties and HR only (404 for anyone else), and managed by the manager, the
 * manager's manager and HR. HR's reads of a plan's detail are written to its audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessTeam, startAccessTeam } from '../support/access-team.js';
import { PEOPLE, type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';
import { type Provider, oidcEnv, startProvider, walkSignIn } from '../support/oidc-provider.js';

const SEES: Record<Person, boolean> = { hr: true, manager: true, managersManager: true, teamMember: true, otherManager: false, stranger: false };
const MANAGES: Record<Person, boolean> = { hr: true, manager: true, managersManager: true, teamMember: false, otherManager: false, stranger: false };
const PERSONS = Object.keys(SEES) as Person[];
const ORIGIN = 'http://localhost:8787';

let provider: Provider;
let team: AccessTeam;
beforeAll(async () => {
  [provider, team] = await Promise.all([startProvider(), startAccessTeam()]);
});
afterAll(async () => {
  await provider?.stop();
  await team?.stop();
});

const cookieOf = (response: { headers: Headers }) => (response.headers.get('set-cookie') ?? '').split(';')[0] as string;

interface Mode {
  env: () => Record<string, string>;
  /** The headers that make a request come from this person, in this mode. */
  signIn(service: TestService, person: Person): Promise<Record<string, string>>;
}

const MODES: Record<string, Mode> = {
  'Bearer token': {
    env: () => ({}),
    signIn: async (_, person) => ({ authorization: `Bearer ${PEOPLE[person].token}` }),
  },
  'session opened with a token': {
    env: () => ({}),
    async signIn(service, person) {
      const res = await service.call('POST', `${ORIGIN}/api/session`, { body: { token: PEOPLE[person].token }, headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      return { cookie: cookieOf(res), origin: ORIGIN };
    },
  },
  'trial session': {
    env: () => ({ API_TOKENS: '' }),
    async signIn(service, person) {
      const res = await service.call('POST', `${ORIGIN}/api/session`, {
        body: { email: PEOPLE[person].email, code: service.deps.identity.trialCode },
        headers: { origin: ORIGIN },
      });
      expect(res.status).toBe(200);
      return { cookie: cookieOf(res), origin: ORIGIN };
    },
  },
  'OIDC session': {
    env: () => oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test' }),
    async signIn(service, person) {
      provider.claims = { email: PEOPLE[person].email, email_verified: true };
      const walk = await walkSignIn(service);
      expect(walk.callback.status).toBe(302);
      return { cookie: walk.sessionCookie as string, origin: ORIGIN };
    },
  },
  'Cloudflare Access': {
    env: () => ({ ...team.env, API_TOKENS: '' }),
    signIn: async (_, person) => ({ 'cf-access-jwt-assertion': await team.assertion({ email: PEOPLE[person].email }) }),
  },
};

describe.each(Object.keys(MODES))('signed in by %s', (modeName) => {
  const mode = MODES[modeName] as Mode;
  let service: TestService;
  let planId: string;
  const as: Partial<Record<Person, Record<string, string>>> = {};
  const call = <Method extends string, Path extends string>(person: Person | null, method: Method, path: Path, body?: unknown) =>
    service.call(method, `${ORIGIN}${path}`, { headers: person ? as[person] : {}, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    // The plan's HR party is the HR team's address, so HR's person reads it as HR outside the plan (audited).
    service = await makeTestService({ HR_EMAILS: `${PEOPLE.hr.email},people@acme.test`, ...mode.env() });
    for (const person of PERSONS) as[person] = await mode.signIn(service, person);
    const created = await call('manager', 'POST', '/api/plans', planBody(isoToday(-3), { hr: { email: 'people@acme.test', name: 'People team' } }));
    expect(created.status).toBe(201);
    planId = created.json.plan.id;
  });
  afterAll(async () => service?.close());

  it('GET /api/session says who each person is', async () => {
    for (const person of PERSONS) {
      const res = await call(person, 'GET', '/api/session');
      expect(res.json.session, person).toMatchObject({ email: PEOPLE[person].email, isHr: person === 'hr' });
    }
  });

  it('lists, shows and counts the plan for its parties and HR only', async () => {
    for (const person of PERSONS) {
      const list = await call(person, 'GET', '/api/plans');
      expect(
        list.json.plans.some((p: { id: string }) => p.id === planId),
        person,
      ).toBe(SEES[person]);
      const dashboard = await call(person, 'GET', '/api/dashboard');
      expect(
        dashboard.json.plans.some((p: { id: string }) => p.id === planId),
        person,
      ).toBe(SEES[person]);
      const detail = await call(person, 'GET', `/api/plans/${planId}`);
      expect(detail.status, person).toBe(SEES[person] ? 200 : 404);
      if (!SEES[person]) expect(detail.text).not.toContain('Stakeholder');
    }
  });

  it('reads the document and serves the editor to its parties and HR only; nobody else can write it', async () => {
    for (const person of PERSONS) {
      expect((await call(person, 'POST', `/api/plans/${planId}/poll`)).status, person).toBe(SEES[person] ? 200 : 404);
      const doc = await call(person, 'GET', `/api/plans/${planId}/document`);
      expect(doc.status, person).toBe(SEES[person] ? 200 : 404);
      expect((await call(person, 'GET', `/docs/${planId}`)).status, person).toBe(SEES[person] ? 200 : 404);
      if (!SEES[person]) expect((await call(person, 'PUT', `/api/plans/${planId}/document`, { markdown: 'pwned', baseVersion: 'x' })).status, person).toBe(404);
    }
    const hrDoc = await call('hr', 'GET', `/api/plans/${planId}/document`);
    expect(hrDoc.json.markdown).not.toContain('pwned');
  });

  it("extending is for the manager, the manager's manager and HR; a full poll is for HR", async () => {
    for (const person of PERSONS) {
      const before = (await call('hr', 'GET', `/api/plans/${planId}`)).json.plan.endDate as string;
      const endDate = new Date(Date.parse(`${before}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect((await call(person, 'POST', `/api/plans/${planId}/extend`, { endDate })).status, person).toBe(MANAGES[person] ? 200 : SEES[person] ? 403 : 404);
      expect((await call(person, 'POST', '/api/poll')).status, person).toBe(person === 'hr' ? 200 : 404);
    }
  });

  it("creating a plan needs its manager, manager's manager or HR", async () => {
    for (const person of PERSONS) {
      expect((await call(person, 'POST', '/api/plans', planBody(isoToday()))).status, person).toBe(MANAGES[person] ? 201 : 400);
    }
  });

  it("closing is refused to everyone but the plan's managers and HR", async () => {
    for (const person of ['teamMember', 'otherManager', 'stranger'] as Person[]) {
      // The team member sees the plan: 403; the others do not: 404, as for no plan at all.
      expect((await call(person, 'POST', `/api/plans/${planId}/close`, { outcome: 'achieved' })).status, person).toBe(SEES[person] ? 403 : 404);
    }
    expect((await call('managersManager', 'POST', `/api/plans/${planId}/close`, { outcome: 'achieved', note: 'Closed early: the goal was met.' })).status).toBe(200);
  });

  it("writes HR's reads of the plan's detail to its audit, and nobody else's", async () => {
    const viewed = async () => (await service.store.listAudit(planId)).filter((e) => e.kind === 'plan.viewed');
    const before = (await viewed()).length;
    await call('manager', 'GET', `/api/plans/${planId}`);
    await call('teamMember', 'GET', `/api/plans/${planId}`);
    expect((await viewed()).length).toBe(before);
    await call('hr', 'GET', `/api/plans/${planId}`);
    const after = await viewed();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ actor: PEOPLE.hr.email, at: expect.any(String) });
    const shown = (await call('manager', 'GET', `/api/plans/${planId}`)).json.plan.audit;
    expect(shown.some((e: { kind: string; actor: string }) => e.kind === 'plan.viewed' && e.actor === PEOPLE.hr.email)).toBe(true);
  });

  it('without identity everything but health and the session answer 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/plans'],
      ['GET', '/api/dashboard'],
      ['GET', `/api/plans/${planId}`],
      ['POST', '/api/poll'],
      ['GET', `/api/plans/${planId}/document`],
    ]) {
      expect((await call(null, method as string, path as string)).status, path).toBe(401);
    }
    expect((await call(null, 'GET', '/api/session')).json.session).toBeNull();
    expect((await call(null, 'GET', '/api/health')).status).toBe(200);
  });
});

/**
 * GET /api/dashboard with the overview's parameters: compact rows filtered, sorted and paged on the
 * server, counts over every visible plan, ETag and 304, gzip, and the access rule on every page.
 * Without parameters the answer stays what existing callers know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
const ids: Record<string, string> = {};
const party = (person: Person) => ({ email: PEOPLE[person].email, name: PEOPLE[person].name });
const member = (name: string) => ({ email: `${name.toLowerCase()}@acme.test`, name });

beforeAll(async () => {
  service = await makeTestService();
  const plans: [string, string, Record<string, unknown>][] = [
    ['Ana', isoToday(-3), {}],
    ['Zed', isoToday(5), { teamMember: member('Zed') }],
    ['Mia', isoToday(-40), { teamMember: member('Mia'), manager: party('otherManager') }],
    ['Kai', isoToday(-10), { teamMember: member('Kai'), manager: party('otherManager') }],
    ['Ben', isoToday(-1), { teamMember: party('manager'), manager: party('otherManager') }],
  ];
  for (const [name, start, overrides] of plans) {
    const created = await service.call('POST', '/api/plans', { as: 'hr', body: planBody(start, overrides) });
    expect(created.status).toBe(201);
    ids[name] = created.json.plan.id;
  }
});
afterAll(async () => service.close());

const names = (rows: { teamMember: { name: string } }[]) => rows.map((row) => row.teamMember.name);
const page = async (query: string, as: Person = 'hr') => {
  const res = await service.call('GET', `/api/dashboard?${query}`, { as });
  expect(res.status).toBe(200);
  return res.json;
};

describe('GET /api/dashboard without parameters', () => {
  it('answers every visible plan in full, as GET /api/plans does, with counts', async () => {
    const res = await service.call('GET', '/api/dashboard', { as: 'hr' });
    const plans = await service.call('GET', '/api/plans', { as: 'hr' });
    expect(Object.keys(res.json)).toEqual(['generatedAt', 'today', 'counts', 'plans']);
    expect(res.json.plans).toEqual(plans.json.plans);
    expect(res.json.plans).toHaveLength(5);
    expect(res.json.plans[0]).toMatchObject({ can: { close: true, extend: true, poll: true } });
    expect(res.json.plans[0]).not.toHaveProperty('currentState');
    expect(res.json.counts).toMatchObject({ total: 5, scheduled: 1, overdue: 1 });
  });
});

describe('GET /api/dashboard with paging parameters', () => {
  it('sorts on the server, both ways, and pages through the same order', async () => {
    expect(names((await page('sort=teamMember')).rows)).toEqual(['Ana', 'Ben', 'Kai', 'Mia', 'Zed']);
    expect(names((await page('sort=teamMember&dir=desc')).rows)).toEqual(['Zed', 'Mia', 'Kai', 'Ben', 'Ana']);
    const second = await page('sort=teamMember&limit=2&offset=2');
    expect(names(second.rows)).toEqual(['Kai', 'Mia']);
    expect(second).toMatchObject({ total: 5, offset: 2, limit: 2 });
    expect(names((await page('sort=startDate')).rows)).toEqual(['Mia', 'Kai', 'Ana', 'Ben', 'Zed']);
  });

  it('filters by each of the overview filters, and counts stay over every plan', async () => {
    const scheduled = await page('phase=scheduled');
    expect(names(scheduled.rows)).toEqual(['Zed']);
    expect(scheduled).toMatchObject({ total: 1, unfiltered: 5 });
    expect(scheduled.counts).toMatchObject({ total: 5, scheduled: 1, overdue: 1 });
    expect(names((await page('health=overdue')).rows)).toEqual(['Mia']);
    expect(names((await page(`manager=${PEOPLE.otherManager.email}&sort=teamMember`)).rows)).toEqual(['Ben', 'Kai', 'Mia']);
    expect(names((await page('q=ZED')).rows)).toEqual(['Zed']);
    expect(names((await page('q=dan@acme&sort=teamMember')).rows)).toEqual(['Ben', 'Kai', 'Mia']);
    expect((await page('provider=local')).total).toBe(5);
    expect((await page('sharing=violation')).rows).toEqual([]);
    expect((await page('limit=1')).counts.total).toBe(5);
  });

  it('sends compact rows with the fields the table uses, and the options its filters offer', async () => {
    const answer = await page('sort=teamMember&limit=1');
    expect(Object.keys(answer)).toEqual(['generatedAt', 'today', 'counts', 'total', 'unfiltered', 'offset', 'limit', 'rows', 'mine', 'options']);
    const row = answer.rows[0]!;
    expect(row.id).toBe(ids.Ana);
    expect(Object.keys(row).sort()).toEqual(
      [
        'id',
        'provider',
        'kind',
        'stage',
        'alignment',
        'agreement',
        'docUrl',
        'teamMember',
        'manager',
        'managersManager',
        'hr',
        'developmentArea',
        'startDate',
        'endDate',
        'state',
        'status',
        'sharing',
        'title',
        'outcome',
        'closedAt',
      ].sort(),
    );
    expect(row.status).toMatchObject({ phase: 'active', day: 4, totalDays: 30, checkIns: expect.any(Array), entryDates: [] });
    expect(answer.options).toEqual({
      managers: [party('manager'), party('otherManager')],
      providers: ['local'],
    });
  });

  it('refuses bad parameters with a 400 naming each one', async () => {
    const res = await service.call('GET', '/api/dashboard?limit=0&sort=colour&health=great', { as: 'hr' });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('invalid_input');
    expect(res.error?.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['health', 'limit', 'sort']);
  });
});

describe('who sees what on a page', () => {
  it('never returns a plan the caller may not see, whatever the filter', async () => {
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const visible = new Set((await service.call('GET', '/api/plans', { as: person })).json.plans.map((p: { id: string }) => p.id));
      for (const query of ['limit=1000', `manager=${PEOPLE.manager.email}`, 'q=a', 'phase=active']) {
        const answer = await page(query, person);
        for (const row of [...answer.rows, ...answer.mine]) expect(visible.has(row.id)).toBe(true);
      }
    }
    const dan = await page(`manager=${PEOPLE.manager.email}`, 'otherManager');
    expect(dan.rows).toEqual([]);
    expect((await page('limit=1000', 'stranger')).total).toBe(0);
  });

  it("puts the caller's own plan apart from the plans they lead, except for HR", async () => {
    const ben = await page('sort=teamMember', 'manager');
    expect(names(ben.rows)).toEqual(['Ana', 'Zed']);
    expect(names(ben.mine)).toEqual(['Ben']);
    expect(ben.counts.total).toBe(3);
    expect(ben.options.managers).toEqual([party('manager')]);
    const ana = await page('limit=100', 'teamMember');
    expect(ana.rows).toEqual([]);
    expect(names(ana.mine)).toEqual(['Ana']);
  });
});

describe('what is computed once and sent again', () => {
  it('answers 304 to an unchanged dashboard, and a new ETag once a plan changes', async () => {
    const first = await service.call('GET', '/api/dashboard?sort=teamMember', { as: 'hr' });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await service.call('GET', '/api/dashboard?sort=teamMember', { as: 'hr', headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // Kept by the browser alone and revalidated on every use; never by a shared cache.
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
    // Answers without a validator are not kept at all, the plan lists and errors included.
    expect((await service.call('GET', '/api/plans', { as: 'hr' })).headers.get('cache-control')).toBe('no-store');
    expect((await service.call('GET', '/api/dashboard?sort=teamMember', { headers: { 'if-none-match': etag ?? '' } })).headers.get('cache-control')).toBe('no-store');
    const otherQuery = await service.call('GET', '/api/dashboard?sort=manager', { as: 'hr', headers: { 'if-none-match': etag ?? '' } });
    expect(otherQuery.status).toBe(200);
    const full = await service.call('GET', '/api/dashboard', { as: 'hr' });
    expect((await service.call('GET', '/api/dashboard', { as: 'hr', headers: { 'if-none-match': full.headers.get('etag') ?? '' } })).status).toBe(304);

    const extended = await service.call('POST', `/api/plans/${ids.Ana}/extend`, { as: 'hr', body: { endDate: isoToday(40) } });
    expect(extended.status).toBe(200);
    const after = await service.call('GET', '/api/dashboard?sort=teamMember', { as: 'hr', headers: { 'if-none-match': etag ?? '' } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.json.rows[0]?.endDate).toBe(isoToday(40));
  });

  it('gzips JSON for a client that accepts it', async () => {
    const headers = { authorization: `Bearer ${PEOPLE.hr.token}` };
    const plain = await service.app.request('/api/dashboard', { headers });
    const zipped = await service.app.request('/api/dashboard', { headers: { ...headers, 'accept-encoding': 'gzip, deflate' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const unzipped = await new Response(zipped.body?.pipeThrough(new DecompressionStream('gzip'))).json();
    const { generatedAt: _a, ...expected } = await plain.json();
    const { generatedAt: _b, ...actual } = unzipped;
    expect(actual).toEqual(expected);
  });

  it("shows a plan's new reading at once, and moves every status on when the day changes", async () => {
    const doc = await service.call('GET', `/api/plans/${ids.Kai}/document`, { as: 'hr' });
    const markdown = doc.json.markdown.replace('| Date | Update | By |\n| --- | --- | --- |', (table: string) => `${table}\n| ${isoToday(-2)} | Sent the update | Kai |`);
    expect((await service.call('PUT', `/api/plans/${ids.Kai}/document`, { as: 'hr', body: { markdown, baseVersion: doc.json.version } })).status).toBe(200);
    expect((await service.call('POST', `/api/plans/${ids.Kai}/poll`, { as: 'hr' })).status).toBe(200);
    const kai = (await page('q=kai')).rows[0]!;
    expect(kai.status).toMatchObject({ progressEntries: 1, lastEntryDate: isoToday(-2), entryDates: [isoToday(-2)] });

    const realClock = service.deps.clock;
    try {
      service.deps.clock = { now: () => new Date(realClock.now().getTime() + 60 * 86_400_000), today: () => isoToday(60) };
      const later = await page('q=zed');
      expect(later.today).toBe(isoToday(60));
      expect(later.rows[0]?.status).toMatchObject({ phase: 'ended', health: 'overdue' });
    } finally {
      service.deps.clock = realClock;
    }
    expect((await page('q=zed')).rows[0]?.status.phase).toBe('scheduled');
  });
});

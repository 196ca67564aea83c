/**
 * Bad input gets a clear 400 naming the bad field, and changes nothing: no plan row, no document,
 * no idempotency key burnt. Plus the idempotency contract: same key and body, same plan; other body, 409.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService();
});
afterAll(async () => service.close());

const start = isoToday(1);
const valid = planBody(start);
const long = (n: number) => 'x'.repeat(n);
const without = (field: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));

/** [what, body (object or raw text), the path the error must name] */
const MALFORMED: [string, unknown, string][] = [
  ['empty object', {}, 'teamMember'],
  ['array body', [], '(body)'],
  ['raw text', 'not json at all', '(body)'],
  ['truncated JSON', '{"teamMember": {"email": ', '(body)'],
  ['null', 'null', '(body)'],
  ['missing team member', without('teamMember'), 'teamMember'],
  ['missing manager', without('manager'), 'manager'],
  ["missing manager's manager", without('managersManager'), 'managersManager'],
  ['missing development area', without('developmentArea'), 'developmentArea'],
  ['missing goal', without('goalState'), 'goalState'],
  ['bad email', { ...valid, teamMember: { email: 'ana-at-acme', name: 'Ana' } }, 'teamMember.email'],
  ['empty name', { ...valid, manager: { email: 'ben@acme.test', name: '  ' } }, 'manager.name'],
  ['name that breaks table cells', { ...valid, teamMember: { email: 'ana@acme.test', name: 'Ana | Admin' } }, 'teamMember.name'],
  ['duplicate party emails', { ...valid, managersManager: { email: 'ben@acme.test', name: 'Ben again' } }, 'managersManager.email'],
  ['HR is the team member', { ...valid, hr: { email: 'ana@acme.test', name: 'Ana' } }, 'hr.email'],
  ['end before start', { ...valid, endDate: isoToday(-5) }, 'endDate'],
  ['end equals start', { ...valid, endDate: start }, 'endDate'],
  ['longer than 90 days', { ...valid, endDate: isoToday(120) }, 'endDate'],
  ['impossible date', { ...valid, startDate: '2026-02-30' }, 'startDate'],
  ['date in another format', { ...valid, startDate: '01/12/2026' }, 'startDate'],
  ['no activities', { ...valid, activities: [] }, 'activities'],
  ['activities not a list', { ...valid, activities: 'read a book' }, 'activities'],
  ['activity without title', { ...valid, activities: [{ owner: 'Ana' }] }, 'activities.0.title'],
  ['31 activities', { ...valid, activities: Array.from({ length: 31 }, (_, i) => ({ title: `Step ${i}` })) }, 'activities'],
  ['activity due outside the plan', { ...valid, activities: [{ title: 'Late', due: isoToday(200) }] }, 'activities.0.due'],
  ['absurd current state', { ...valid, currentState: long(5000) }, 'currentState'],
  ['absurd development area', { ...valid, developmentArea: long(1000) }, 'developmentArea'],
  ['cadence zero', { ...valid, updateCadenceDays: 0 }, 'updateCadenceDays'],
  ['cadence fractional', { ...valid, updateCadenceDays: 3.5 }, 'updateCadenceDays'],
  ['cadence as text', { ...valid, updateCadenceDays: 'weekly' }, 'updateCadenceDays'],
  ['cadence longer than the plan', { ...valid, endDate: isoToday(6), updateCadenceDays: 14 }, 'updateCadenceDays'],
  ['unknown provider', { ...valid, provider: 'dropbox' }, 'provider'],
  ['provider not configured', { ...valid, provider: 'google' }, 'provider'],
  ['unknown field', { ...valid, salary: 100000 }, '(body)'],
  ['party with extra field', { ...valid, teamMember: { email: 'ana@acme.test', name: 'Ana', role: 'x' } }, 'teamMember'],
  ['body over 64 KB', { ...valid, supportAssets: long(70_000) }, '(body)'],
];

function documentCount(): number {
  const folder = join(service.dataDir, 'documents');
  return existsSync(folder) ? readdirSync(folder).length : 0;
}

describe('malformed create requests', () => {
  it('has at least 25 cases', () => expect(MALFORMED.length).toBeGreaterThanOrEqual(25));

  it.each(MALFORMED)('%s -> 400 naming the field, nothing written', async (_, body, path) => {
    const plansBefore = (await service.store.listPlans({ all: true })).length;
    const docsBefore = documentCount();
    const res = await service.call('POST', '/api/plans', { as: 'manager', body, headers: { 'idempotency-key': `bad-${path}` } });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('invalid_input');
    expect(res.error?.message).toBeTruthy();
    const paths = res.error?.issues.map((i) => i.path) ?? [];
    expect(paths.some((p) => p === path || p.startsWith(`${path}.`))).toBe(true);
    expect((await service.store.listPlans({ all: true })).length).toBe(plansBefore);
    expect(documentCount()).toBe(docsBefore);
    expect(await service.store.findIdempotency('ben@acme.test', `bad-${path}`)).toBeNull();
  });

  it('a wrong content type is a 400 too', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(400);
  });

  it('lists every bad field at once', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: { ...valid, developmentArea: '', goalState: '', updateCadenceDays: 0 } });
    const paths = res.error?.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['developmentArea', 'goalState', 'updateCadenceDays']));
  });
});

describe('defaults', () => {
  it('start today, end 30 days later, HR from HR_EMAILS, provider from PROVIDER', async () => {
    const { startDate, endDate, hr, ...rest } = planBody(isoToday());
    void startDate;
    void endDate;
    void hr;
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: rest });
    expect(res.status).toBe(201);
    const plan = res.json.plan;
    expect(plan.startDate).toBe(isoToday());
    expect(plan.endDate).toBe(isoToday(30));
    expect(plan.hr.email).toBe('hr@acme.test');
    expect(plan.provider).toBe('local');
    expect(plan.status.totalDays).toBe(30);
    expect(plan.sharing.state).toBe('ok');
  });
});

describe('Idempotency-Key', () => {
  it('same key and body -> the same plan; other body -> 409; nothing doubled', async () => {
    const body = planBody(isoToday(2));
    const first = await service.call('POST', '/api/plans', { as: 'manager', body, headers: { 'idempotency-key': 'create-1' } });
    const again = await service.call('POST', '/api/plans', { as: 'manager', body, headers: { 'idempotency-key': 'create-1' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.plan.id).toBe(first.json.plan.id);
    const before = (await service.store.listPlans({ all: true })).length;
    const conflict = await service.call('POST', '/api/plans', {
      as: 'manager',
      body: { ...body, developmentArea: 'Something else' },
      headers: { 'idempotency-key': 'create-1' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.error?.code).toBe('idempotency_conflict');
    expect((await service.store.listPlans({ all: true })).length).toBe(before);
  });

  it("keys belong to their caller: another manager's key does not replay this plan", async () => {
    const body = planBody(isoToday(3));
    const mine = await service.call('POST', '/api/plans', { as: 'manager', body, headers: { 'idempotency-key': 'shared-key' } });
    const theirs = await service.call('POST', '/api/plans', { as: 'managersManager', body, headers: { 'idempotency-key': 'shared-key' } });
    expect(theirs.status).toBe(201);
    expect(theirs.json.plan.id).not.toBe(mine.json.plan.id);
  });
});

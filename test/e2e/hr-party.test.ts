/**
 * "HR" on a plan is a person of the HR role. Were any address accepted there, a manager could name a
 * friend as the plan's "HR" and that fifth person would read the plan (and, on Google, the document).
 * With HR_EMAILS configured, the plan's HR party is one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService();
});
afterAll(async () => service.close());

describe("the plan's HR party", () => {
  it('must be one of HR_EMAILS: a manager cannot name another person "HR"', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(), { hr: { email: PEOPLE.otherManager.email, name: 'Dan' } }) });
    expect(res.status).toBe(400);
    expect(res.error?.issues.map((i: { path: string }) => i.path)).toEqual(['hr.email']);
    expect(await service.store.listPlans({ all: true })).toEqual([]);
    const dan = await service.call('GET', '/api/plans', { as: 'otherManager' });
    expect(dan.json.plans).toEqual([]);
  });

  it('nor can someone outside the plan start one by calling themselves its HR', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'stranger', body: planBody(isoToday(), { hr: { email: PEOPLE.stranger.email, name: 'Eve' } }) });
    expect(res.status).toBe(400);
    expect(await service.store.listPlans({ all: true })).toEqual([]);
  });

  it('an HR address, or none (the first of HR_EMAILS), is accepted', async () => {
    expect((await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).status).toBe(201);
    const { hr: _, ...withoutHr } = planBody(isoToday(1));
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: withoutHr });
    expect(res.status).toBe(201);
    expect(res.json.plan.hr.email).toBe(PEOPLE.hr.email);
  });
});

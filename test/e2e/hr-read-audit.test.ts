/**
 * HR sees every plan, so every read of a plan's content by HR who is not one of its parties leaves
 * `plan.viewed` in the plan's audit (API.md): the detail, the poll answer (the full detail), the
 * document and the editor page. The parties' reads, the plan's own HR party's included, do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKENS, PEOPLE, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

const OTHER_HR = { email: 'hugo@acme.test', token: 'token-hugo-0123456789' };

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService({ API_TOKENS: `${API_TOKENS},${OTHER_HR.email}=${OTHER_HR.token}`, HR_EMAILS: `${PEOPLE.hr.email},${OTHER_HR.email}` });
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
  expect(created.status).toBe(201);
  planId = created.json.plan.id;
});
afterAll(async () => service.close());

const viewedBy = async (email: string) => (await service.store.listAudit(planId)).filter((e) => e.kind === 'plan.viewed' && e.actor === email).length;
const asOtherHr = { authorization: `Bearer ${OTHER_HR.token}` };

describe('HR outside the plan reading its content', () => {
  it.each([
    ['GET', () => `/api/plans/${planId}`],
    ['POST', () => `/api/plans/${planId}/poll`],
    ['GET', () => `/api/plans/${planId}/document`],
    ['GET', () => `/docs/${planId}`],
  ])("%s %s is written to the plan's audit as plan.viewed", async (method, path) => {
    const before = await viewedBy(OTHER_HR.email);
    const res = await service.call(method, path(), { headers: asOtherHr });
    expect(res.status).toBe(200);
    expect(await viewedBy(OTHER_HR.email)).toBe(before + 1);
    const shown = (await service.call('GET', `/api/plans/${planId}`, { as: 'teamMember' })).json.plan.audit;
    expect(shown.filter((e: { kind: string; actor: string }) => e.kind === 'plan.viewed' && e.actor === OTHER_HR.email)).toHaveLength(before + 1);
  });

  it("the parties' reads, the plan's own HR party's included, are not recorded", async () => {
    const before = (await service.store.listAudit(planId)).filter((e) => e.kind === 'plan.viewed').length;
    for (const person of ['hr', 'manager', 'managersManager', 'teamMember'] as const) {
      for (const [method, path] of [
        ['GET', `/api/plans/${planId}`],
        ['POST', `/api/plans/${planId}/poll`],
        ['GET', `/api/plans/${planId}/document`],
        ['GET', `/docs/${planId}`],
      ] as const) {
        expect((await service.call(method, path, { as: person })).status, `${person} ${path}`).toBe(200);
      }
    }
    expect((await service.store.listAudit(planId)).filter((e) => e.kind === 'plan.viewed').length).toBe(before);
  });

  it('a heartbeat of the editor is not a read of the content', async () => {
    const before = await viewedBy(OTHER_HR.email);
    expect((await service.call('POST', `/api/plans/${planId}/document/presence`, { headers: asOtherHr, body: {} })).status).toBe(200);
    expect(await viewedBy(OTHER_HR.email)).toBe(before);
  });
});

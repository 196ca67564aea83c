/**
 * The handbook's order on Notion, read off the fake's own pages: the four Person properties the
 * database's access rules grant through, at each stage (draft, aligned, shared, agreed, closed).
 * A draft's `Team member` stays empty; someone who fills it by hand is taken out at the next
 * check; share fills it once (a second share changes nothing).
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notionHandlers, ui } from '../fakes/notion/index.js';
import { type TestService, planBody } from '../support/app.js';
import { FOUR, THREE, notionEnv, peopleOnPage, serviceOnNotion } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let env: ReturnType<typeof notionEnv>;
let service: TestService;
beforeEach(async () => {
  env = notionEnv();
  server.use(...notionHandlers(env.fake));
  service = await serviceOnNotion(env);
});
afterEach(async () => service.close());

const people = (pageId: string) => peopleOnPage(env.fake.state, pageId);
const step = (as: 'manager' | 'managersManager' | 'teamMember', id: string, name: 'align' | 'share' | 'agree') => service.call('POST', `/api/plans/${id}/${name}`, { as });

async function draft(): Promise<{ id: string; pageId: string }> {
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
  expect(created.status).toBe(201);
  const id = created.json.plan.id as string;
  return { id, pageId: (await service.store.getPlan(id))!.docId! };
}

describe('Notion Person properties at each stage', () => {
  it('draft, aligned: Team member empty; shared, agreed, closed: the four', async () => {
    const { id, pageId } = await draft();
    expect(people(pageId)).toEqual(THREE);
    expect((await step('managersManager', id, 'align')).status).toBe(200);
    expect(people(pageId)).toEqual(THREE);
    const shared = await step('manager', id, 'share');
    expect(shared.status).toBe(200);
    expect(shared.json.plan.sharing.state).toBe('ok');
    expect(people(pageId)).toEqual(FOUR);
    expect((await step('manager', id, 'share')).error?.code).toBe('wrong_stage');
    await step('teamMember', id, 'agree');
    expect((await step('manager', id, 'agree')).json.plan.stage).toBe('agreed');
    await service.call('POST', '/api/poll', { as: 'hr' });
    expect(people(pageId)).toEqual(FOUR);
    expect((await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Goal met early.' } })).status).toBe(200);
    expect(people(pageId)).toEqual(FOUR);
    const audit = (await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    expect(audit.filter((e) => e.kind === 'sharing.granted' && e.message.startsWith('Shared with ana@acme.test'))).toHaveLength(1);
  });

  it('during a draft, a team member put into the property by hand is taken out at the next check', async () => {
    const { id, pageId } = await draft();
    ui.setPeople(env.fake.state, pageId, 'Team member', [env.users.ana.id]);
    expect((await service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(people(pageId)).toEqual(THREE);
    const plan = (await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
    expect(plan.sharing.state).toBe('repaired');
    expect(plan.sharing.issues.join(' ')).toMatch(/"Team member" held .*emptied: the plan is a draft/);
    expect(plan.audit.filter((e: { kind: string }) => e.kind === 'sharing.removed')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { ui } from '../fakes/notion/index.js';
import { planBody } from '../support/app.js';
import { FOUR, THREE, peopleOnPage, startOnNotion } from './env.js';
import { serviceEachTest } from '../support/each-test.js';

const live = serviceEachTest(startOnNotion);

const people = (pageId: string) => peopleOnPage(live.world.fake.state, pageId);
const step = (as: 'manager' | 'managersManager' | 'teamMember', id: string, name: 'align' | 'share' | 'agree') => live.service.call('POST', `/api/plans/${id}/${name}`, { as });

async function draft(): Promise<{ id: string; pageId: string }> {
  const created = await live.service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
  expect(created.status).toBe(201);
  const id = created.json.plan.id as string;
  return { id, pageId: (await live.service.store.getPlan(id))!.docId! };
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
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    expect(people(pageId)).toEqual(FOUR);
    expect((await live.service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Goal met early.' } })).status).toBe(200);
    expect(people(pageId)).toEqual(FOUR);
    const audit = (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    expect(audit.filter((e) => e.kind === 'sharing.granted' && e.message.startsWith('Shared with ana@acme.test'))).toHaveLength(1);
  });

  it('during a draft, a team member put into the property by hand is taken out at the next check', async () => {
    const { id, pageId } = await draft();
    ui.setPeople(live.world.fake.state, pageId, 'Team member', [live.world.users.ana.id]);
    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(people(pageId)).toEqual(THREE);
    const plan = (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
    expect(plan.sharing.state).toBe('repaired');
    expect(plan.sharing.issues.join(' ')).toMatch(/"Team member" held .*emptied: the plan is a draft/);
    expect(plan.audit.filter((e: { kind: string }) => e.kind === 'sharing.removed')).toHaveLength(1);
  });
});

/**
 * The handbook's order on Google Docs, counted on the Drive fake's own state: who holds a grant on
 * the document, and who got Drive's email, at each stage (draft, aligned, shared, agreed, closed).
 * A draft's team member has no grant and no email; a grant someone adds them by hand is removed at
 * the next check; share grants them once, with the notification; a share Drive failed half-way says
 * so, and finishing it (again, or in the next cycle) makes no second grant and sends no second email.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { planBody } from '../support/app.js';
import { FOUR_AND_OWNER, THREE_AND_OWNER, OWNER, grants, startOnGoogle } from './world.js';
import { serviceEachTest } from '../support/each-test.js';

const live = serviceEachTest(startOnGoogle);

const emailedTo = (docId: string) =>
  live.world.fake.state.notifications
    .filter((n) => n.fileId === docId)
    .map((n) => n.to)
    .sort();
const step = (as: 'manager' | 'managersManager' | 'teamMember', id: string, name: 'align' | 'share' | 'agree') => live.service.call('POST', `/api/plans/${id}/${name}`, { as });

async function draft(): Promise<{ id: string; docId: string }> {
  const created = await live.service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
  expect(created.status).toBe(201);
  expect(created.json.notified.people.map((p: { email: string }) => p.email)).not.toContain('ana@acme.test');
  const id = created.json.plan.id as string;
  return { id, docId: (await live.service.store.getPlan(id))!.docId! };
}

describe('Google grants at each stage', () => {
  it('draft, aligned: three; shared, agreed: four, the team member emailed once; closed: the agreed record', async () => {
    const { id, docId } = await draft();
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);
    expect(emailedTo(docId)).toEqual(['ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
    expect(live.world.fake.state.notifications.find((n) => n.fileId === docId)?.message).toMatch(/drafted a coaching plan for Ana.*before Ana sees it/);

    expect((await step('managersManager', id, 'align')).status).toBe(200);
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);

    const shared = await step('manager', id, 'share');
    expect(shared.status).toBe(200);
    expect(shared.json.plan.sharing.state).toBe('ok');
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    expect(emailedTo(docId)).toEqual(['ana@acme.test', 'ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
    expect(live.world.fake.state.notifications.find((n) => n.to === 'ana@acme.test')?.message).toMatch(/started a coaching plan for Ana/);

    await step('teamMember', id, 'agree');
    expect((await step('manager', id, 'agree')).json.plan.stage).toBe('agreed');
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);

    expect((await live.service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Goal met early.' } })).status).toBe(200);
    expect(grants(live.world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort());
    expect(emailedTo(docId)).toHaveLength(4);
  });

  it('during a draft the team member is a stranger: a grant added by hand goes at the next check, audited', async () => {
    const { id, docId } = await draft();
    live.world.fake.share(docId, { type: 'user', role: 'reader', emailAddress: 'ana@acme.test' });
    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);
    const plan = (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
    expect(plan.sharing.state).toBe('repaired');
    expect(plan.sharing.issues.join(' ')).toContain('ana@acme.test');
    expect(plan.audit.filter((e: { kind: string }) => e.kind === 'sharing.removed')).toHaveLength(1);
    expect((await live.service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(404);
  });

  it('a share Drive fails half-way says so; sending it again grants once and emails once', async () => {
    const { id, docId } = await draft();
    await step('managersManager', id, 'align');
    // Drive makes the team member's grant but answers 500, and from then on cannot list the
    // document's permissions (an outage): the share cannot tell whether its grant was made.
    let granted = false;
    let outage = true;
    live.world.fake.inject({ method: 'drive.permissions.create', kind: 'performed-500' });
    const permissions = `${live.world.fake.apiRootUrl}drive/v3/files/${docId}/permissions`;
    live.server.use(
      http.post(permissions, () => {
        granted = true;
      }),
      http.get(permissions, () => (granted && outage ? HttpResponse.json({ error: { code: 503, message: 'Backend Error' } }, { status: 503 }) : undefined)),
    );
    const half = await step('manager', id, 'share');
    expect(half.status).toBe(503);
    expect(half.json.plan).toMatchObject({ stage: 'shared', sharing: { state: 'pending' } });
    expect(half.json.plan.sharing.issues[0]).toMatch(/^Not yet shared with Ana/);
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    outage = false;
    const again = await step('manager', id, 'share');
    expect(again.status).toBe(200);
    expect(again.json.plan.sharing.state).toBe('ok');
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    expect(emailedTo(docId).filter((to) => to === 'ana@acme.test')).toHaveLength(1);
    expect((await step('manager', id, 'share')).error?.code).toBe('wrong_stage');
  });
});

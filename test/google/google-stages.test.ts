/**
 * The handbook's order on Google Docs, counted on the Drive fake's own state: who holds a grant on
 * the document, and who got Drive's email, at each stage (draft, aligned, shared, agreed, closed).
 * A draft's team member has no grant and no email; a grant someone adds them by hand is removed at
 * the next check; share grants them once, with the notification; a share Drive failed half-way says
 * so, and finishing it (again, or in the next cycle) makes no second grant and sends no second email.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, planBody } from '../support/app.js';
import { FOUR_AND_OWNER, THREE_AND_OWNER, OWNER, googleWorld, grants, serviceOnGoogle, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let service: TestService;
let world: World;
beforeEach(async () => {
  world = await googleWorld(server);
  service = await serviceOnGoogle(world);
});
afterEach(async () => service.close());

const emailedTo = (docId: string) =>
  world.fake.state.notifications
    .filter((n) => n.fileId === docId)
    .map((n) => n.to)
    .sort();
const step = (as: 'manager' | 'managersManager' | 'teamMember', id: string, name: 'align' | 'share' | 'agree') => service.call('POST', `/api/plans/${id}/${name}`, { as });

async function draft(): Promise<{ id: string; docId: string }> {
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
  expect(created.status).toBe(201);
  expect(created.json.notified.people.map((p: { email: string }) => p.email)).not.toContain('ana@acme.test');
  const id = created.json.plan.id as string;
  return { id, docId: (await service.store.getPlan(id))!.docId! };
}

describe('Google grants at each stage', () => {
  it('draft, aligned: three; shared, agreed: four, the team member emailed once; closed: the agreed record', async () => {
    const { id, docId } = await draft();
    expect(grants(world, docId)).toEqual(THREE_AND_OWNER);
    expect(emailedTo(docId)).toEqual(['ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
    expect(world.fake.state.notifications.find((n) => n.fileId === docId)?.message).toMatch(/drafted a coaching plan for Ana.*before Ana sees it/);

    expect((await step('managersManager', id, 'align')).status).toBe(200);
    expect(grants(world, docId)).toEqual(THREE_AND_OWNER);

    const shared = await step('manager', id, 'share');
    expect(shared.status).toBe(200);
    expect(shared.json.plan.sharing.state).toBe('ok');
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(emailedTo(docId)).toEqual(['ana@acme.test', 'ben@acme.test', 'cy@acme.test', 'hr@acme.test']);
    expect(world.fake.state.notifications.find((n) => n.to === 'ana@acme.test')?.message).toMatch(/started a coaching plan for Ana/);

    await step('teamMember', id, 'agree');
    expect((await step('manager', id, 'agree')).json.plan.stage).toBe('agreed');
    await service.call('POST', '/api/poll', { as: 'hr' });
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);

    expect((await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Goal met early.' } })).status).toBe(200);
    expect(grants(world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort());
    expect(emailedTo(docId)).toHaveLength(4);
  });

  it('during a draft the team member is a stranger: a grant added by hand goes at the next check, audited', async () => {
    const { id, docId } = await draft();
    world.fake.share(docId, { type: 'user', role: 'reader', emailAddress: 'ana@acme.test' });
    expect((await service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(grants(world, docId)).toEqual(THREE_AND_OWNER);
    const plan = (await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
    expect(plan.sharing.state).toBe('repaired');
    expect(plan.sharing.issues.join(' ')).toContain('ana@acme.test');
    expect(plan.audit.filter((e: { kind: string }) => e.kind === 'sharing.removed')).toHaveLength(1);
    expect((await service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(404);
  });

  it('a share Drive fails half-way says so; sending it again grants once and emails once', async () => {
    const { id, docId } = await draft();
    await step('managersManager', id, 'align');
    // Drive makes the team member's grant but answers 500, and from then on cannot list the
    // document's permissions (an outage): the share cannot tell whether its grant was made.
    let granted = false;
    let outage = true;
    world.fake.inject({ method: 'drive.permissions.create', kind: 'performed-500' });
    const permissions = `${world.fake.apiRootUrl}drive/v3/files/${docId}/permissions`;
    server.use(
      http.post(permissions, () => {
        granted = true;
      }),
      http.get(permissions, () => (granted && outage ? HttpResponse.json({ error: { code: 503, message: 'Backend Error' } }, { status: 503 }) : undefined)),
    );
    const half = await step('manager', id, 'share');
    expect(half.status).toBe(503);
    expect(half.json.plan).toMatchObject({ stage: 'shared', sharing: { state: 'pending' } });
    expect(half.json.plan.sharing.issues[0]).toMatch(/^Not yet shared with Ana/);
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    outage = false;
    const again = await step('manager', id, 'share');
    expect(again.status).toBe(200);
    expect(again.json.plan.sharing.state).toBe('ok');
    expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
    expect(emailedTo(docId).filter((to) => to === 'ana@acme.test')).toHaveLength(1);
    expect((await step('manager', id, 'share')).error?.code).toBe('wrong_stage');
  });
});

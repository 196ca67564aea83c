/**
 * A share that cannot finish still has its document checked for strangers, on Google: Drive
 * refuses the team member's grant for a while (an outage on permissions.create for them), and
 * meanwhile someone adds a fifth person by hand. Every poll cycle removes the stranger, audited,
 * without granting the team member (that is the share's step, with Drive's one email); the plan
 * stays half shared and says what was found. Once Drive accepts again, the cycle finishes the share:
 * the team member is granted once and emailed once. Counted on the Drive fake's own state.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import { planBody } from '../support/app.js';
import { FOUR_AND_OWNER, THREE_AND_OWNER, grants, startOnGoogle } from './world.js';
import { serviceEachTest } from '../support/each-test.js';

const live = serviceEachTest(startOnGoogle);

const ANA = 'ana@acme.test';

const anaEmails = (docId: string) => live.world.fake.state.notifications.filter((n) => n.fileId === docId && n.to === ANA);
const step = (as: 'manager' | 'managersManager', id: string, name: string) => live.service.call('POST', `/api/plans/${id}/${name}`, { as });
const planAsHr = async (id: string) => (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
const removals = (plan: { audit: { kind: string; message: string }[] }) => plan.audit.filter((e) => e.kind === 'sharing.removed').map((e) => e.message);

/** A draft, aligned and shared while Drive refuses the team member's grant: left half shared. */
async function stuckShare(): Promise<{ id: string; docId: string; lift: () => void }> {
  const created = await live.service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
  const id = created.json.plan.id as string;
  const docId = (await live.service.store.getPlan(id))!.docId!;
  expect((await step('managersManager', id, 'align')).status).toBe(200);
  let refusing = true;
  live.server.use(
    http.post(`${live.world.fake.apiRootUrl}drive/v3/files/${docId}/permissions`, async ({ request }) =>
      refusing && (await request.clone().text()).includes(ANA) ? HttpResponse.json({ error: { code: 503, message: 'Backend Error' } }, { status: 503 }) : undefined,
    ),
  );
  expect((await step('manager', id, 'share')).status).toBe(503);
  expect(await live.service.store.getPlan(id)).toMatchObject({ stage: 'shared', sharePending: true, sharing: { state: 'pending' } });
  return { id, docId, lift: () => (refusing = false) };
}

describe('a Google plan whose share is stuck pending', () => {
  it('loses a fifth person added by hand at the next cycle, the team member neither granted nor emailed; the share later grants once', async () => {
    const { id, docId, lift } = await stuckShare();
    live.world.fake.share(docId, { type: 'user', role: 'writer', emailAddress: 'eve@acme.test' });

    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).status).toBe(200);
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);
    expect(anaEmails(docId)).toHaveLength(0);
    const checked = await planAsHr(id);
    expect(checked).toMatchObject({ stage: 'shared', sharing: { state: 'repaired' } });
    expect(checked.sharing.issues.join(' ')).toContain('eve@acme.test');
    expect(checked.sharing.issues.join(' ')).toMatch(/Not yet shared with Ana/);
    expect(removals(checked)).toEqual([expect.stringContaining('eve@acme.test')]);
    expect((await live.service.store.getPlan(id))!.sharePending).toBe(true);

    // Nothing more to remove: the next cycle leaves the plan saying it is half shared, and why.
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    expect((await planAsHr(id)).sharing.state).toBe('pending');
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);

    lift();
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    expect(anaEmails(docId)).toHaveLength(1);
    expect(await live.service.store.getPlan(id)).toMatchObject({ stage: 'shared', sharePending: false, sharing: { state: 'ok' } });
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    expect(anaEmails(docId)).toHaveLength(1);
  });

  it('the sweep gives it a check of its own: a stranger the change feed never showed goes', async () => {
    const { id, docId } = await stuckShare();
    await live.service.call('POST', '/api/poll', { as: 'hr' });
    // Someone added Eve in a way the change feed never showed: only the sweep can find her.
    live.world.fake.state.get(docId).permissions.push({ id: 'eve-grant', type: 'user', role: 'writer', emailAddress: 'eve@acme.test' });
    const cycle = await runPollCycle(live.service.deps, { meter: live.service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
    expect(cycle.sweep).toMatchObject({ plans: 1, confirmed: 0, undecided: 1 });
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);
    expect(anaEmails(docId)).toHaveLength(0);
    const checked = await planAsHr(id);
    expect(checked.sharing.state).toBe('repaired');
    expect(removals(checked)).toEqual([expect.stringContaining('eve@acme.test')]);
    expect((await live.service.store.getPlan(id))!.sharePending).toBe(true);
  });

  it('a check during the share grants the team member nothing, and keeps the grant the share already made', async () => {
    const { id, docId } = await stuckShare();
    const plan = (await live.service.store.getPlan(id))!;
    const audit: { kind: string }[] = [];
    const check = () => live.world.provider.enforceSharing({ planId: id, docId }, plan, async (event) => void audit.push(event), { sharePending: true });
    const permissions = () => live.world.fake.state.get(docId).permissions;
    permissions().push({ id: 'eve-grant', type: 'user', role: 'writer', emailAddress: 'eve@acme.test' });
    expect((await check()).state).toBe('repaired');
    expect(grants(live.world, docId)).toEqual(THREE_AND_OWNER);
    // Drive made the share's grant (its answer lost), and someone added Eve again.
    permissions().push({ id: 'ana-grant', type: 'user', role: 'writer', emailAddress: ANA });
    permissions().push({ id: 'eve-again', type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
    expect((await check()).state).toBe('repaired');
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    expect(await check()).toEqual({ state: 'ok', issues: [] });
    expect(audit.map((event) => event.kind)).toEqual(['sharing.removed', 'sharing.removed']);
    expect(anaEmails(docId)).toHaveLength(0);
  });
});

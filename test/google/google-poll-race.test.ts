/**
 * A poll cycle loads a page of plans, then reads each document (slow) before checking its sharing:
 * a plan's record in the page can be seconds old, or minutes with many plans. A person who shares,
 * closes or reopens the plan meanwhile must find their act standing after the cycle: the team member
 * just shared with keeps the grant (and the audit claims no removal), a closed plan's editors stay
 * commenters, a reopened plan's stay editors. Interleaved deterministically on the Google fake: the
 * cycle's documents.get of the plan runs the person's request before Drive answers it.
 */
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { pollPlan } from '../../service/src/plans/poll-plan.js';
import { planBody } from '../support/app.js';
import { FOUR_AND_OWNER, OWNER, grants, startOnGoogle } from './world.js';
import { serviceEachTest } from '../support/each-test.js';

const live = serviceEachTest(startOnGoogle);

const ALL_COMMENTERS = ['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort();
const step = (as: 'manager' | 'managersManager', id: string, name: string, body?: unknown) =>
  live.service.call('POST', `/api/plans/${id}/${name}`, { as, ...(body ? { body } : {}) });
const planAsHr = async (id: string) => (await live.service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
type Audited = { audit: { id: number; kind: string; message: string }[] };
/** Sharing events after the last one the person's act left (the audit lists oldest first). */
const sharingEventsSince = (plan: Audited, lastId: number) => plan.audit.filter((e) => e.id > lastId && e.kind.startsWith('sharing.')).map((e) => `${e.kind}: ${e.message}`);
const lastAuditId = async (id: string) => Math.max(...((await planAsHr(id)) as Audited).audit.map((e) => e.id));

/** The next documents.get of this document runs `act` first (once), then Drive answers it. */
function actDuringRead(docId: string, act: () => Promise<void>): { acted: () => boolean } {
  let done = false;
  live.server.use(
    http.get(`${live.world.fake.docsRootUrl}v1/documents/${docId}`, async () => {
      if (done) return undefined;
      done = true;
      await act();
      return undefined;
    }),
  );
  return { acted: () => done };
}

async function created(draft: boolean): Promise<{ id: string; docId: string }> {
  const answer = await live.service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', draft ? { draft: true } : {}) });
  expect(answer.status).toBe(201);
  const id = answer.json.plan.id as string;
  return { id, docId: (await live.service.store.getPlan(id))!.docId! };
}

describe('a poll cycle that reads a plan while a person acts on it (Google)', () => {
  it('a draft shared during the read keeps its team member: no removal, no repair, one email', async () => {
    const { id, docId } = await created(true);
    expect((await step('managersManager', id, 'align')).status).toBe(200);
    let acted = 0;
    const during = actDuringRead(docId, async () => {
      expect((await step('manager', id, 'share')).status).toBe(200);
      expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
      acted = await lastAuditId(id);
    });

    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(during.acted()).toBe(true);
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    const plan = await planAsHr(id);
    expect(plan).toMatchObject({ stage: 'shared', sharing: { state: 'ok', issues: [] } });
    expect(sharingEventsSince(plan, acted)).toEqual([]);
    expect(live.world.fake.state.notifications.filter((n) => n.fileId === docId && n.to === 'ana@acme.test')).toHaveLength(1);
    expect((await live.service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(200);
  });

  it('a share during the check itself is set right in the same cycle: the plan stays marked, and is checked again as it stands', async () => {
    const { id, docId } = await created(true);
    expect((await step('managersManager', id, 'align')).status).toBe(200);
    let acted = false;
    live.server.use(
      http.get(`${live.world.fake.apiRootUrl}drive/v3/files/${docId}`, async ({ request }) => {
        if (acted || !new URL(request.url).searchParams.get('fields')?.includes('permissions')) return undefined;
        acted = true;
        expect((await step('manager', id, 'share')).status).toBe(200);
        return undefined;
      }),
    );

    const cycle = (await live.service.call('POST', '/api/poll', { as: 'hr' })).json;
    expect(acted).toBe(true);
    expect(cycle).toMatchObject({ errors: 0, polled: 2 });
    // The check that began on the draft took the team member for a stranger; its findings were not
    // kept, and the check of the shared plan, in the same cycle, gave the access back.
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    const plan = await planAsHr(id);
    expect(plan.stage).toBe('shared');
    expect(plan.sharing.issues.join(' ')).not.toMatch(/removed/);
    expect(live.world.fake.state.notifications.filter((n) => n.fileId === docId && n.to === 'ana@acme.test')).toHaveLength(1);
    expect((await live.service.store.listPollDue(10)).map((due) => due.plan.id)).not.toContain(id);
  });

  it('reads again before its check only a draft, in one small read: a plan of a later stage costs no query more', async () => {
    const draft = await created(true);
    const shared = await created(false);
    const asked: string[] = [];
    const getPlanStanding = live.service.store.getPlanStanding.bind(live.service.store);
    live.service.store.getPlanStanding = (id) => (asked.push(id), getPlanStanding(id));
    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json).toMatchObject({ polled: 2, errors: 0 });
    expect(asked).toEqual([draft.id]);
    expect(asked).not.toContain(shared.id);
  });

  it('a plan closed during the read stays closed to edits: its editors remain commenters', async () => {
    const { id, docId } = await created(false);
    let acted = 0;
    actDuringRead(docId, async () => {
      expect((await step('manager', id, 'close', { outcome: 'achieved', note: 'Goal met early.' })).status).toBe(200);
      expect(grants(live.world, docId)).toEqual(ALL_COMMENTERS);
      acted = await lastAuditId(id);
    });

    expect((await live.service.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
    expect(grants(live.world, docId)).toEqual(ALL_COMMENTERS);
    const plan = await planAsHr(id);
    expect(plan.state).toBe('closed');
    expect(plan.sharing.state).toBe('ok');
    expect(sharingEventsSince(plan, acted)).toEqual([]);
  });

  it('a check of a plan as it stood before a reopen leaves the reopened plan editable, and records nothing stale', async () => {
    const { id, docId } = await created(false);
    expect((await step('manager', id, 'close', { outcome: 'achieved', note: 'Goal met early.' })).status).toBe(200);
    const closed = (await live.service.store.getPlan(id))!;
    const reopened = await live.service.call('POST', `/api/plans/${id}/reopen`, { as: 'hr', body: { reason: 'Closed by mistake' } });
    expect(reopened.status).toBe(200);
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    const acted = await lastAuditId(id);

    // The check a cycle (or "poll now") began with the record it loaded before the reopen.
    await pollPlan(live.service.deps, closed, { read: false, checkSharing: true });
    expect(grants(live.world, docId)).toEqual(FOUR_AND_OWNER);
    const plan = await planAsHr(id);
    expect(plan.state).toBe('ready');
    expect(sharingEventsSince(plan, acted)).toEqual([]);
  });
});

/**
 * The per-invocation subrequest budget at its smallest (WORKER_SUBREQUEST_BUDGET=5, the least the
 * configuration accepts) on workerd: a Google create (about 12 requests), the share of a draft whose start
 * has passed (about 6: the moved dates, then the grant) and a close (about 6) cannot
 * finish in one invocation. Each stops when the budget is spent, says so, and cron
 * invocations finish it, none sending more than the budget: the draft reaches its three, the share
 * gives the team member one grant and one email, the close writes its section once and locks the Doc.
 * A worker of its own (the other cases run with a budget of 20).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from '../fakes/google/docs-model.js';
import { PEOPLE, isoToday, planBody } from '../support/app.js';
import { grants, grantsOn, metered, notified } from './order-on-worker.js';
import { type WorkerWorld, call, startWorkerWorld } from './worker-world.js';

const BUDGET = 5;
let world: WorkerWorld;

beforeAll(async () => {
  world = await startWorkerWorld({ budget: BUDGET });
}, 300_000);

afterAll(async () => {
  await world?.stop();
}, 60_000);

/** Cron invocations until `done` holds (at most `max`), each within the budget; how many it took. */
async function cyclesUntil(done: () => Promise<boolean>, max = 15): Promise<number> {
  let cycles = 0;
  while (!(await done()) && cycles < max) {
    const cycle = await metered(world, 'GET', '/__scheduled', {});
    expect(cycle.status).toBe(200);
    expect(cycle.subrequests).toBeLessThanOrEqual(BUDGET);
    cycles++;
  }
  expect(await done()).toBe(true);
  return cycles;
}

const plan = async (id: string) => (await call(world, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;

describe('a budget of 5 requests an invocation (wrangler dev)', () => {
  it("a Google draft's create, its share and its close go on over invocations until done, saying where they stand", async () => {
    const created = await metered(world, 'POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday(-3), { provider: 'google' }), draft: true } });
    expect(created.subrequests).toBeLessThanOrEqual(BUDGET);
    // About 12 requests: the create stops part way, and its answer says the plan is not ready yet.
    expect(created.status, created.text).toBe(503);
    expect(created.error?.message).toContain('budget');
    const id = created.json.plan.id as string;
    expect((await plan(id)).state).not.toBe('ready');
    await cyclesUntil(async () => (await plan(id)).state === 'ready');
    const docId = /\/document\/d\/([^/]+)\//.exec((await plan(id)).docUrl ?? '')?.[1] as string;
    const THREE = grants([
      ['manager', 'writer'],
      ['managersManager', 'commenter'],
      ['hr', 'commenter'],
    ]);
    expect(grantsOn(world, docId)).toEqual(THREE);

    expect((await call(world, 'POST', `/api/plans/${id}/align`, { as: 'managersManager' })).status).toBe(200);
    const shared = await metered(world, 'POST', `/api/plans/${id}/share`, { as: 'manager' });
    expect(shared.subrequests).toBeLessThanOrEqual(BUDGET);
    // The draft started three days ago, so the share first writes the moved dates into the Doc (a read
    // and a batchUpdate) and then grants (a list, the grant, the check): more than 5. It stops part
    // way, says so, and cron invocations finish it: one grant, one email.
    expect(shared.status, shared.text).toBe(503);
    expect(shared.error?.message).toContain('budget');
    expect((await plan(id)).sharing.state).toBe('pending');
    await cyclesUntil(async () => (await plan(id)).sharing.state === 'ok');
    expect((await plan(id)).stage).toBe('shared');
    const FOUR = grants([
      ['teamMember', 'writer'],
      ['manager', 'writer'],
      ['managersManager', 'commenter'],
      ['hr', 'commenter'],
    ]);
    expect(grantsOn(world, docId)).toEqual(FOUR);
    expect(notified(world, docId).filter((to) => to === PEOPLE.teamMember.email)).toHaveLength(1);

    expect((await call(world, 'POST', `/api/plans/${id}/agree`, { as: 'teamMember' })).status).toBe(200);
    expect((await call(world, 'POST', `/api/plans/${id}/agree`, { as: 'manager' })).json.plan.stage).toBe('agreed');

    const closed = await metered(world, 'POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Done on a small budget.' } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.subrequests).toBeLessThanOrEqual(BUDGET);
    expect(closed.json.plan.state).toBe('closed');
    const COMMENTERS = grants([
      ['teamMember', 'commenter'],
      ['manager', 'commenter'],
      ['managersManager', 'commenter'],
      ['hr', 'commenter'],
    ]);
    const closeDone = () => grantsOn(world, docId).join() === COMMENTERS.join();
    // About 6 requests: the close stops part way; the plan's audit says what is left, and why.
    expect(closeDone()).toBe(false);
    const waits = closed.json.plan.audit.filter((e: { message: string }) => / waits: .*budget/.test(e.message));
    expect(waits, JSON.stringify(closed.json.plan.audit)).toHaveLength(1);
    expect(await cyclesUntil(async () => closeDone())).toBeGreaterThan(0);
    const doc = world.google.fake.state.documents.get(docId);
    if (!doc) throw new Error('the document is gone');
    const text = documentText(doc);
    expect(text.split('by Ben (manager). Outcome: Achieved.').length - 1).toBe(1);
  }, 600_000);
});

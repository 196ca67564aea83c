/**
 * The sharing sweep in pages: files.list on the plans folder with each file's permissions and the
 * published view judges a page of plans at once; only what that answer cannot settle, or what needs
 * repair, gets a check of its own. Counted on the fake's own request log.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import type { TestService } from '../support/app.js';
import { seedGooglePlans } from '../bench/seed-google-plans.js';
import { FOUR_AND_OWNER, googleWorld, grants, type World, serviceOnGoogle } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** `count` ready plans, shared as agreed, after a first cycle (cursor set, every document read). */
async function swept(count: number, setup: { quotas?: false } = {}): Promise<{ service: TestService; world: World; docIds: string[] }> {
  const world = await googleWorld(server);
  // The first cycle reads every document; past 300 that waits out Docs' quota (see the limiter's tests).
  if (setup.quotas === false) world.fake.limiter.quotas = false;
  const service = await serviceOnGoogle(world);
  const docIds = await seedGooglePlans(world, service.store, count);
  await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
  return { service, world, docIds };
}

async function forcedCycle(service: TestService, world: World) {
  const before = world.fake.log.length;
  const answer = await service.call('POST', '/api/poll', { as: 'hr' });
  expect(answer.status).toBe(200);
  return { answer: answer.json, requests: world.fake.log.length - before, byMethod: world.fake.counts(before) };
}

describe('the Google sharing sweep costs pages, not documents', () => {
  it("HR's poll over 60 unchanged plans costs at most 10 requests, sweep included, and every plan's sharing is checked", async () => {
    const { service, world } = await swept(60);
    try {
      const checkedBefore = (await service.store.listPlans({ all: true })).map((plan) => plan.sharing.checkedAt);
      const forced = await forcedCycle(service, world);
      expect(forced.requests).toBeLessThanOrEqual(10);
      expect(forced.byMethod['drive.files.list']).toBe(1);
      expect(forced.byMethod['drive.permissions.list'] ?? 0).toBe(0);
      expect(forced.byMethod['drive.revisions.list'] ?? 0).toBe(0);
      const after = await service.store.listPlans({ all: true });
      for (const [i, plan] of after.entries()) expect(plan.sharing.checkedAt).not.toBe(checkedBefore[i]);
      expect(after.every((plan) => plan.sharing.state === 'ok')).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('a full sweep at 1,000 plans costs at most 20 requests', async () => {
    const { service, world } = await swept(1000, { quotas: false });
    try {
      const before = world.fake.log.length;
      const cycle = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
      expect(world.fake.log.length - before).toBeLessThanOrEqual(20);
      expect(cycle.sweep).toMatchObject({ plans: 1000, confirmed: 1000, undecided: 0, toRepair: 0 });
    } finally {
      await service.close();
    }
  }, 180_000);

  it('checks on its own, and repairs, only the document the bulk answer shows drifted or published', async () => {
    const { service, world, docIds } = await swept(60);
    try {
      const [strayed, published] = [docIds[7]!, docIds[42]!];
      world.fake.share(strayed, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
      world.fake.publishToWeb(published);
      const cycle = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
      // Both also changed in the feed: they are checked with their reads, not in the sweep.
      expect(cycle.sweep).toMatchObject({ plans: 58, confirmed: 58 });
      expect(grants(world, strayed)).toEqual(FOUR_AND_OWNER);
      expect(world.fake.isPublished(published)).toBe(false);
      // Drifted without reaching the feed (a change the feed never showed): the sweep finds it.
      world.fake.state.get(docIds[3]!).permissions.push({ id: 'eve', type: 'user', role: 'writer', emailAddress: 'eve@acme.test' });
      world.fake.state.get(docIds[4]!).publishedToWeb = true;
      const before = world.fake.log.length;
      const sweep = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
      // The two repaired last cycle are in the feed again (the repairs changed them) and are read.
      expect(sweep.sweep).toMatchObject({ plans: 58, confirmed: 56, toRepair: 2, undecided: 0 });
      expect(world.fake.counts(before)['drive.revisions.list']).toBe(1);
      expect(grants(world, docIds[3]!)).toEqual(FOUR_AND_OWNER);
      expect(world.fake.isPublished(docIds[4]!)).toBe(false);
      const plans = await service.store.getPlans(['plan-3', 'plan-4']);
      expect(plans.map((plan) => plan.sharing.state)).toEqual(['repaired', 'repaired']);
    } finally {
      await service.close();
    }
  });

  it('falls back to a check of its own for a document the folder listing does not show, and says how often', async () => {
    const { service, world, docIds } = await swept(5);
    try {
      // Someone moved it out of the plans folder (no change of its sharing): the page cannot judge it.
      world.fake.state.get(docIds[2]!).parents = [];
      const before = world.fake.log.length;
      const cycle = await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
      expect(cycle.sweep).toMatchObject({ plans: 5, confirmed: 4, undecided: 1, toRepair: 0 });
      expect(service.logs.join('\n')).toMatch(/could not judge 1 of 5 documents/);
      // Its own check: one files.get with its permissions.
      expect(world.fake.counts(before)).toMatchObject({ 'drive.files.list': 1, 'drive.files.get': 1 });
      expect((await service.store.getPlans(['plan-2']))[0]!.sharing.state).toBe('ok');
    } finally {
      await service.close();
    }
  });
});

/**
 * The normal poll cycle against Google, without the hourly sweep: what changed is read, and its
 * sharing is checked, whatever the read does.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import { createRequestMeter, type RequestMeter } from '../../service/src/providers/request-meter.js';
import { type TestService, planBody } from '../support/app.js';
import { FOUR_AND_OWNER, googleWorld, grants, OWNER, type World, serviceOnGoogle } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A normal cycle as the runtime runs one: within the service's request budget, the hourly sweep not due. */
const noSweep = (service: TestService) => ({ meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: false });

/** The service with the Google provider, one plan created, and a first cycle run (the cursor is set). */
async function serviceWithPlan(): Promise<{ service: TestService; world: World; planId: string; docId: string }> {
  const world = await googleWorld(server);
  const service = await serviceOnGoogle(world);
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
  expect(created.status).toBe(201);
  const planId: string = created.json.plan.id;
  const docId = (await service.store.getPlan(planId))!.docId!;
  await runPollCycle(service.deps, noSweep(service));
  return { service, world, planId, docId };
}

describe('the Google poll cycle without the sweep', () => {
  it('checks the sharing of a changed document whose read fails', async () => {
    const { service, world, planId, docId } = await serviceWithPlan();
    try {
      world.fake.share(docId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
      // Docs is down for this document for longer than the retries last.
      world.fake.inject({ method: 'docs.documents.get', kind: '500', times: 50 });

      const cycle = await runPollCycle(service.deps, noSweep(service));
      expect(cycle.errors).toBe(1);

      expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
      const plan = (await service.store.getPlan(planId))!;
      expect(plan.sharing.state).toBe('repaired');
      expect(plan.sharing.issues.join(' ')).toContain('eve@acme.test');
      expect(plan.pollError).toMatch(/documents\.get/);
    } finally {
      await service.close();
    }
  });

  it('reads an edit and leaves an unchanged document alone', async () => {
    const { service, world, planId, docId } = await serviceWithPlan();
    try {
      const quiet = await runPollCycle(service.deps, noSweep(service));
      expect(quiet).toMatchObject({ polled: 0, errors: 0 });

      world.fake.editDocument(docId, (nodes) => {
        const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
        if (log?.kind !== 'table') throw new Error('no progress log table');
        log.rows.push(['3 Dec 2026', 'Shadowed the first call', 'Ana']);
      });
      const cycle = await runPollCycle(service.deps, noSweep(service));
      expect(cycle).toMatchObject({ polled: 1, errors: 0 });
      expect((await service.store.getPlan(planId))!.parsed?.progressEntries).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});

/**
 * Several plans, their first cycle run. Requests go through `meter.current`, which a test swaps for
 * one with a limit, as each Workers invocation gets its own budget.
 */
async function serviceWithPlans(count: number) {
  const meter: { current: RequestMeter } = { current: createRequestMeter((input, init) => fetch(input, init)) };
  const world = await googleWorld(server, { options: { fetch: (input, init) => meter.current.fetch(input, init) } });
  const service = await serviceOnGoogle(world);
  const planIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
    expect(created.status).toBe(201);
    planIds.push(created.json.plan.id);
  }
  await runPollCycle(service.deps, noSweep(service));
  const docIds = await Promise.all(planIds.map(async (id) => (await service.store.getPlan(id))!.docId!));
  return { service, world, meter, planIds, docIds };
}

describe('the plans folder shared after plans exist', () => {
  it('is acted on in the same cycle: the folder is made private again, audited, and every plan re-checked', async () => {
    const { service, world, planIds, docIds } = await serviceWithPlans(3);
    try {
      const checkedBefore = await Promise.all(planIds.map(async (id) => (await service.store.getPlan(id))!.sharing.checkedAt));
      world.fake.share(world.folderId, { type: 'domain', role: 'reader', domain: 'acme.test' });
      for (const docId of docIds) expect(grants(world, docId)).toContain('acme.test:reader');

      const cycle = await runPollCycle(service.deps, noSweep(service));
      expect(cycle).toMatchObject({ polled: 3, errors: 0, remaining: 0 });
      expect(grants(world, world.folderId)).toEqual([`${OWNER}:owner`]);
      for (const docId of docIds) expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
      const plans = await Promise.all(planIds.map(async (id) => (await service.store.getPlan(id))!));
      for (const [i, plan] of plans.entries()) expect(plan.sharing.checkedAt).not.toBe(checkedBefore[i]);
      // The plan whose check found it says what was removed; the audit keeps it for HR.
      const audits = (await Promise.all(planIds.map((id) => service.store.listAudit(id)))).flat();
      expect(audits.filter((e) => e.kind === 'sharing.removed').map((e) => e.message)).toEqual([expect.stringMatching(/everyone in the domain acme\.test.*plans folder/)]);
      expect(plans.some((plan) => plan.sharing.state === 'repaired' && plan.sharing.issues.join(' ').includes('plans folder'))).toBe(true);

      // Nothing more to do next cycle.
      expect(await runPollCycle(service.deps, noSweep(service))).toMatchObject({ polled: 0 });
    } finally {
      await service.close();
    }
  });

  it('within a small request budget: the first invocation closes the folder, the rest stay marked and are checked next, none forgotten', async () => {
    const { service, world, meter, planIds, docIds } = await serviceWithPlans(4);
    try {
      const checkedBefore = new Map(await Promise.all(planIds.map(async (id) => [id, (await service.store.getPlan(id))!.sharing.checkedAt] as const)));
      world.fake.share(world.folderId, { type: 'anyone', role: 'reader' });
      const spent: number[] = [];
      let first: Awaited<ReturnType<typeof runPollCycle>> | undefined;
      for (let run = 0; run < 10; run++) {
        meter.current = createRequestMeter((input, init) => fetch(input, init), 8);
        const cycle = await runPollCycle(service.deps, { meter: meter.current, sweepEveryMs: 3_600_000, sweepSharing: false });
        first ??= cycle;
        spent.push(meter.current.spent());
        if (cycle.remaining === 0) break;
      }
      expect(first?.remaining).toBeGreaterThan(0);
      expect(spent.length).toBeGreaterThan(1);
      expect(spent.every((n) => n <= 8)).toBe(true);
      expect(grants(world, world.folderId)).toEqual([`${OWNER}:owner`]);
      for (const docId of docIds) expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
      for (const id of planIds) expect((await service.store.getPlan(id))!.sharing.checkedAt).not.toBe(checkedBefore.get(id));
    } finally {
      await service.close();
    }
  });

  it('when the folder gets access the service cannot remove (moved into a shared folder), every plan turns violation with the reason and new plans fail closed', async () => {
    const { service, world, planIds } = await serviceWithPlans(2);
    try {
      const team = world.fake.addFolder('Team', OWNER);
      world.fake.share(team.id, { type: 'domain', role: 'reader', domain: 'acme.test' });
      const folder = world.fake.state.get(world.folderId);
      folder.parents = [team.id];
      world.fake.state.touch(folder);

      await runPollCycle(service.deps, noSweep(service));
      for (const id of planIds) {
        const plan = (await service.store.getPlan(id))!;
        expect(plan.sharing.state).toBe('violation');
        expect(plan.sharing.issues.join(' ')).toMatch(/everyone in the domain acme\.test.*folder above it/);
      }
      await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const plan = (await service.store.listPlans({ all: true })).find((p) => !planIds.includes(p.id));
      expect(plan?.state).toBe('failed');
      expect(plan?.failure).toMatch(/not created.*everyone in the domain acme\.test/);
    } finally {
      await service.close();
    }
  });
});

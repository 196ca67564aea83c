/**
 * The normal poll cycle against Google, without the hourly sweep: what changed is read, and its
 * sharing is checked, whatever the read does.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import { type TestService, makeTestService, planBody } from '../support/app.js';
import { FOUR_AND_OWNER, googleWorld, grants, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A normal cycle as the runtime runs one: within the service's request budget, the hourly sweep not due. */
const noSweep = (service: TestService) => ({ meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: false });

/** The service with the Google provider, one plan created, and a first cycle run (the cursor is set). */
async function serviceWithPlan(): Promise<{ service: TestService; world: World; planId: string; docId: string }> {
  const world = await googleWorld(server);
  const service = await makeTestService({ ...world.env, PROVIDER: 'google' }, (deps) => {
    deps.providers.google = world.provider;
  });
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

/**
 * The Google provider inside the service: a manager creates a plan through the HTTP API; someone
 * shares the document with a fifth person and edits it; a poll cycle reads the edit, removes the
 * stray grant and audits it; closing makes the editors commenters.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, makeTestService, planBody } from '../support/app.js';
import { FOUR_AND_OWNER, OWNER, googleWorld, grants, type World } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function googleService(): Promise<{ service: TestService; world: World }> {
  const world = await googleWorld(server);
  const service = await makeTestService({ ...world.env, PROVIDER: 'google' }, (deps) => {
    // The same provider, but with retries that do not sleep in real time.
    deps.providers.google = world.provider;
  });
  return { service, world };
}

describe('Google plans through the service', () => {
  it('creates, repairs a fifth grant at the next cycle, reads edits, and downgrades on close', async () => {
    const { service, world } = await googleService();
    try {
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      expect(created.status).toBe(201);
      const plan = created.json.plan;
      const docId: string = (await service.store.getPlan(plan.id))!.docId!;
      expect(plan.docUrl).toBe(`https://docs.google.com/document/d/${docId}/edit`);
      expect(plan.status.activities.total).toBe(2);
      expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);

      world.fake.share(docId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
      world.fake.editDocument(docId, (nodes) => {
        const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
        if (log?.kind !== 'table') throw new Error('no progress log table');
        log.rows.push(['3 Dec 2026', 'Shadowed the first call', 'Ana']);
      });
      const cycle = await service.call('POST', '/api/poll', { as: 'hr' });
      expect(cycle.json).toMatchObject({ errors: 0 });

      const after = await service.call('GET', `/api/plans/${plan.id}`, { as: 'hr' });
      expect(after.json.plan.sharing.state).toBe('repaired');
      expect(after.json.plan.sharing.issues.join(' ')).toContain('eve@acme.test');
      expect(after.json.plan.audit.map((e: { kind: string }) => e.kind)).toContain('sharing.removed');
      expect(after.json.plan.progressEntries).toEqual([{ date: '2026-12-03', text: 'Shadowed the first call', by: 'Ana' }]);
      expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);

      const closed = await service.call('POST', `/api/plans/${plan.id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'The weekly update is a habit.' } });
      expect(closed.status).toBe(200);
      expect(grants(world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort());
    } finally {
      await service.close();
    }
  });

  it('keeps a closed plan among the four: a fifth grant on its document is removed at the next sweep', async () => {
    const { service, world } = await googleService();
    try {
      const plan = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') })).json.plan;
      const docId: string = (await service.store.getPlan(plan.id))!.docId!;
      expect((await service.call('POST', `/api/plans/${plan.id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Met early.' } })).status).toBe(200);

      world.fake.share(docId, { type: 'anyone', role: 'reader' });
      await service.call('POST', '/api/poll', { as: 'hr' });

      expect(grants(world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort());
      const after = await service.call('GET', `/api/plans/${plan.id}`, { as: 'hr' });
      expect(after.json.plan.state).toBe('closed');
      expect(after.json.plan.sharing.state).toBe('repaired');
    } finally {
      await service.close();
    }
  });

  it('a folder shared with the domain fails the create closed: 502, plan failed, no document left', async () => {
    const { service, world } = await googleService();
    try {
      world.fake.share(world.folderId, { type: 'domain', role: 'reader', domain: 'acme.test' });
      const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      expect(res.status).toBe(502);
      expect(res.json.plan.state).toBe('failed');
      expect(res.json.plan.failure).toMatch(/folder/i);
      const live = [...world.fake.state.files.values()].filter((f) => f.parents.includes(world.folderId) && !f.trashed);
      expect(live).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('a document Drive will not delete after failing closed is quarantined: the plan is failed (not creating for ever) and says where the document is', async () => {
    const { service, world } = await googleService();
    try {
      const handle = world.fake.handle.bind(world.fake);
      let shared = false;
      world.fake.handle = async (request) => {
        // The folder is shared while the document is made, and Drive refuses every delete.
        if (!shared && new URL(request.url).pathname.endsWith('/files') && request.method === 'POST') {
          shared = true;
          world.fake.share(world.folderId, { type: 'anyone', role: 'reader' });
        }
        return handle(request);
      };
      world.fake.inject({ method: 'drive.files.delete', kind: '403-refused', times: 100 });
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const plan = (await service.store.listPlans({ all: true }))[0]!;
      expect(plan.state).toBe('failed');
      expect(plan.failure).toMatch(/moved it out of the plans folder into plans@acme\.test's My Drive/);
      expect(created.error?.message ?? created.json.plan?.failure).toMatch(/refused to delete/);
      expect((await service.store.listAudit(plan.id)).map((e) => e.kind)).toContain('sharing.violation');
      await service.call('POST', '/api/poll', { as: 'hr' });
      expect((await service.store.getPlan(plan.id))!.state).toBe('failed');
    } finally {
      await service.close();
    }
  });
});

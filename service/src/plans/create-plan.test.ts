import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../../../test/support/app.js';
import { type DocProvider, ProviderError } from '../providers/types.js';

let service: TestService;
let local: DocProvider;
beforeEach(async () => {
  service = await makeTestService();
  local = service.deps.providers.local as DocProvider;
});
afterEach(async () => service.close());

const documents = () => readdirSync(join(service.dataDir, 'documents'));

describe('creating safely', () => {
  it('a provider outage leaves the plan "creating" with the reason, and the next cycle finishes it once', async () => {
    let attempts = 0;
    service.deps.providers.local = {
      ...local,
      async createDocument(input) {
        attempts++;
        if (attempts === 1) throw new ProviderError('[local] disk not mounted', { retryable: true });
        return local.createDocument(input);
      },
    };
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()), headers: { 'idempotency-key': 'k1' } });
    expect(res.status).toBe(503);
    expect(res.error?.code).toBe('provider_unavailable');
    expect(res.json.plan.state).toBe('creating');
    expect(res.json.plan.failure).toContain('disk not mounted');

    // The scheduled cycle is what resumes interrupted creates.
    expect((await service.deps.scheduledCycle()).resumed).toBe(1);
    const plan = await service.store.getPlan(res.json.plan.id);
    expect(plan?.state).toBe('ready');
    expect(documents()).toEqual([`${plan?.id}.md`]);

    // The client's retry with the same key gets the finished plan, not a second one.
    const retry = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()), headers: { 'idempotency-key': 'k1' } });
    expect(retry.status).toBe(201);
    expect(retry.json.plan.id).toBe(plan?.id);
    expect(await service.store.listPlans({ all: true })).toHaveLength(1);
  });

  it('a document that could not be made private fails closed: plan failed, reason told, nothing left', async () => {
    service.deps.providers.local = {
      ...local,
      async createDocument() {
        throw new ProviderError('[google] the folder is shared with the whole domain; the document was trashed', { failClosed: true });
      },
    };
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) });
    expect(res.status).toBe(502);
    expect(res.json.plan.state).toBe('failed');
    expect(res.json.plan.failure).toContain('shared with the whole domain');
    expect(res.json.plan.docUrl).toBeNull();
    const audit = await service.store.listAudit(res.json.plan.id);
    expect(audit.map((e) => e.kind)).toContain('plan.create_failed');
    expect((await service.deps.scheduledCycle()).resumed).toBe(0);
  });

  it('a restart between steps resumes from the saved checkpoint', async () => {
    const seen: Record<string, unknown>[] = [];
    service.deps.providers.local = {
      ...local,
      async createDocument(input) {
        seen.push(input.checkpoint);
        if (seen.length === 1) {
          await input.saveCheckpoint({ step: 'created', fileId: 'reserved-1' });
          throw new Error('process killed');
        }
        return local.createDocument(input);
      },
    };
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) });
    expect(res.status).toBe(503);
    await service.deps.scheduledCycle();
    expect(seen[1]).toMatchObject({ step: 'created', fileId: 'reserved-1' });
    expect((await service.store.getPlan(res.json.plan.id))?.state).toBe('ready');
  });

  it('a resumed local create never overwrites what people already wrote', async () => {
    const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) });
    const doc = await service.call('GET', `/api/plans/${res.json.plan.id}/document`, { as: 'teamMember' });
    await service.call('PUT', `/api/plans/${res.json.plan.id}/document`, { as: 'teamMember', body: { markdown: `${doc.json.markdown}\nMy notes`, baseVersion: doc.json.version } });
    const plan = await service.store.getPlan(res.json.plan.id);
    await local.createDocument({
      planId: plan!.id,
      title: 't',
      parties: { teamMember: plan!.teamMember, manager: plan!.manager, managersManager: plan!.managersManager, hr: plan!.hr, stage: plan!.stage },
      startDate: plan!.startDate,
      endDate: plan!.endDate,
      document: { blocks: [] },
      markdown: 'fresh template',
      placeholders: {},
      checkpoint: {},
      saveCheckpoint: async () => {},
      audit: async () => {},
    });
    const after = await service.call('GET', `/api/plans/${res.json.plan.id}/document`, { as: 'teamMember' });
    expect(after.json.markdown).toContain('My notes');
  });
});

/**
 * A local document deleted on disk is a provider failure the plan reports (docs/api.md: 502), not a crash:
 * the editor and its API say what happened instead of "something went wrong" (500).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService();
  planId = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id;
  rmSync(join(service.dataDir, 'documents', `${planId}.md`));
});
afterAll(async () => service.close());

describe('a deleted local document', () => {
  it.each([
    ['GET', '/api/plans/{id}/document', undefined],
    ['PUT', '/api/plans/{id}/document', { markdown: '# Mine', baseVersion: 'abc' }],
    ['GET', '/docs/{id}', undefined],
  ])('%s %s answers 502 provider_failed, saying the document is gone', async (method, path, body) => {
    const res = await service.call(method, path.replace('{id}', planId), { as: 'teamMember', body });
    expect(res.status).toBe(502);
    expect(res.error?.code).toBe('provider_failed');
    expect(res.error?.message).toMatch(/deleted/);
  });

  it('still 404 for someone outside the plan', async () => {
    const res = await service.call('GET', `/api/plans/${planId}/document`, { as: 'stranger' });
    expect(res.status).toBe(404);
  });
});

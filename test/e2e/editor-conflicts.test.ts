/**
 * Two people save the same local document at the same moment, both from the same version: one save
 * wins, the other is told about the conflict and keeps their text. Neither is silently lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService();
  planId = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id;
});
afterAll(async () => service.close());

describe('saving the local document', () => {
  it('simultaneous saves from one version: one is saved, the other answers 409 with the saved text', async () => {
    for (let round = 0; round < 5; round++) {
      const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
      const [ana, ben] = await Promise.all([
        service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown: `${doc.json.markdown}\nAna ${round}`, baseVersion: doc.json.version } }),
        service.call('PUT', `/api/plans/${planId}/document`, { as: 'manager', body: { markdown: `${doc.json.markdown}\nBen ${round}`, baseVersion: doc.json.version } }),
      ]);
      expect([ana.status, ben.status].sort()).toEqual([200, 409]);
      const [winner, loser] = ana.status === 200 ? [ana, ben] : [ben, ana];
      const now = await service.call('GET', `/api/plans/${planId}/document`, { as: 'hr' });
      expect(now.json.markdown).toBe(winner.json.markdown);
      expect(loser.json.current.markdown).toBe(winner.json.markdown);
    }
  });
});

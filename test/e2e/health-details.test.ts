/**
 * GET /api/health answers anyone, so it says only whether the service is well; the setup details
 * (folder ids, the service identity, who the folder is shared with) are for HR. Provider checks are
 * cached and shared by concurrent callers, so health checks cannot spend the providers' quota.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleWorld, serviceOnGoogle } from '../google/world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function googleService() {
  const world = await googleWorld(server);
  const service = await serviceOnGoogle(world);
  return { world, service };
}

describe('GET /api/health', () => {
  it("does not repeat Google's setup errors to anyone: the folder, the owner and who it is shared with are for HR", async () => {
    const { world, service } = await googleService();
    try {
      world.fake.share(world.folderId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
      for (const as of [undefined, 'stranger', 'teamMember'] as const) {
        const res = await service.call('GET', '/api/health', as ? { as } : {});
        expect(res.status).toBe(503);
        expect(Object.keys(res.json).sort()).toEqual(['ok', 'time']);
        expect(res.json.ok).toBe(false);
        expect(res.text).not.toContain(world.folderId);
        expect(res.text).not.toMatch(/eve@|plans@|acme/);
      }
      const hr = await service.call('GET', '/api/health', { as: 'hr' });
      expect(hr.json.providers?.google?.problems.join(' ')).toContain('eve@acme.test');
    } finally {
      await service.close();
    }
  });

  it('asks Google once for many concurrent health checks, and not again for a while', async () => {
    const { world, service } = await googleService();
    try {
      const before = world.fake.log.length;
      const answers = await Promise.all(Array.from({ length: 8 }, () => service.call('GET', '/api/health')));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      const asked = world.fake.log.length - before;
      expect(asked).toBeGreaterThan(0);
      await service.call('GET', '/api/health');
      await service.call('GET', '/api/health', { as: 'hr' });
      expect(world.fake.log.length - before).toBe(asked);
      // One check: the folder with its permissions, in one files.get.
      expect(world.fake.counts(before)).toEqual({ 'oauth.token': 1, 'drive.files.get': 1 });
    } finally {
      await service.close();
    }
  });
});

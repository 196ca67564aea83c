import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleWorld } from '../../google/world.js';
import { call, OWNER, reason, world } from './test-client.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const DOCS = { root: 'https://docs.googleapis.com/' };

describe("the Google fake's built-in rate limiting", () => {
  it("refuses past a user's minute of quota, per service, until the minute has passed", async () => {
    const fake = await world();
    fake.addUser('ana@acme.test');
    let now = Date.now();
    fake.now = () => now;
    fake.limiter.quotas = { drive: 3, docsRead: 2, docsWrite: 1 };
    const doc = fake.addDocument('Plan', OWNER, []);
    for (let i = 0; i < 3; i++) expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`)).status).toBe(200);
    const refused = await call(fake, 'GET', `drive/v3/files/${doc.id}`);
    expect([refused.status, reason(refused.body)]).toEqual([403, 'userRateLimitExceeded']);
    // Docs has buckets of its own, and another user a minute of their own.
    for (let i = 0; i < 2; i++) expect((await call(fake, 'GET', `v1/documents/${doc.id}`, undefined, DOCS)).status).toBe(200);
    expect((await call(fake, 'GET', `v1/documents/${doc.id}`, undefined, DOCS)).status).toBe(429);
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`, undefined, { as: 'ana@acme.test' })).status).toBe(404);
    now += 60_001;
    expect((await call(fake, 'GET', `drive/v3/files/${doc.id}`)).status).toBe(200);
  });

  it("is on by default with Google's quotas, and can be switched off", async () => {
    const fake = await world();
    expect(fake.limiter.quotas).toEqual({ drive: 12_000, docsRead: 300, docsWrite: 60 });
    fake.limiter.quotas = false;
    const doc = fake.addDocument('Plan', OWNER, []);
    for (let i = 0; i < 301; i++) expect((await call(fake, 'GET', `v1/documents/${doc.id}`, undefined, DOCS)).status).toBe(200);
  });

  it('the provider waits out the Docs read quota instead of failing the reads', async () => {
    let slept = 0;
    const world = await googleWorld(server, { options: { sleep: async (ms) => void (slept += ms) } });
    world.fake.now = () => Date.now() + slept;
    const docs = await Promise.all(['a', 'b', 'c'].map(async (planId) => ({ planId, docId: (await world.provider.createDocument({ ...world.input(), planId })).docId })));
    world.fake.limiter.quotas = { drive: 12_000, docsRead: 2, docsWrite: 60 };
    for (const doc of docs) await world.provider.readDocument(doc);
    expect(world.fake.log.filter((entry) => entry.method === 'docs.documents.get').map((entry) => entry.status)).toEqual([200, 200, 429, 200]);
    expect(slept).toBeGreaterThanOrEqual(1000);
  });
});

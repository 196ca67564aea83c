/**
 * Quotas respected by construction: reading more documents than Docs allows in a minute, with the
 * fake's quotas on (Google's defaults: 300 reads a minute per user), never meets a 429; the reads
 * wait for the minute instead. Time is the fake's clock, advanced by the provider's own waits.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { markdownToNodes } from '../fakes/google/docs-model.js';
import { googleWorld, OWNER } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it("reads 650 documents without a single 429: the limiter waits out Docs' 300 reads a minute", async () => {
  let clock = Date.parse('2026-12-07T09:00:00Z');
  const world = await googleWorld(server, { options: { now: () => clock, sleep: async (ms) => void (clock += ms) } });
  world.fake.now = () => clock;
  expect(world.fake.limiter.quotas).toMatchObject({ docsRead: 300 });
  const nodes = markdownToNodes(world.input().markdown);
  const docIds = Array.from({ length: 650 }, (_, i) => world.fake.addDocument(`Plan ${i}`, OWNER, structuredClone(nodes), [world.folderId]).id);
  const started = clock;
  // One after the other, as a poll cycle reads (a shared virtual clock cannot model waits that overlap).
  for (const [i, docId] of docIds.entries()) await world.provider.readDocument({ planId: `plan-${i}`, docId });
  const statuses = world.fake.log.map((entry) => entry.status);
  expect(statuses.filter((status) => status === 429 || status === 403)).toEqual([]);
  expect(world.fake.counts()['docs.documents.get']).toBe(650);
  // 650 reads at 300 a minute: the last goes out in the third minute.
  expect(clock - started).toBeGreaterThanOrEqual(120_000);
}, 120_000);

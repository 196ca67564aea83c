import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notionHandlers } from '../fakes/notion/index.js';
import { createInput, notionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A busy stretch: three plans created, then read and checked twice each, with change queries. */
async function workload(env: ReturnType<typeof notionEnv>) {
  const refs = [];
  for (let i = 1; i <= 3; i++) {
    const { input } = createInput(undefined, `plan-${i}`);
    refs.push({ planId: `plan-${i}`, docId: (await env.provider.createDocument(input)).docId, parties: input.parties });
  }
  let cursor: string | null = null;
  for (let round = 0; round < 2; round++) {
    cursor = (await env.provider.detectChanges(cursor, refs)).cursor;
    for (const ref of refs) {
      await env.provider.readDocument(ref);
      await env.provider.enforceSharing(ref, ref.parties, async () => {});
    }
  }
}

describe('notion rate limiting', () => {
  it('keeps to 3 requests/s on average with short bursts, so Notion never has to refuse', async () => {
    const env = notionEnv({ fake: { rateLimit: { requestsPerSecond: 3, burst: 3 } } });
    server.use(...notionHandlers(env.fake));
    const started = env.clock.now();
    await workload(env);

    const log = env.fake.log;
    expect(log.length).toBeGreaterThan(30);
    expect(env.fake.requests({ status: 429 })).toEqual([]);
    const seconds = (env.clock.now() - started) / 1000;
    // The token bucket's promise: never more than the burst plus 3 for every second elapsed.
    expect(log.length).toBeLessThanOrEqual(3 + 3 * seconds + 1e-6);
    // A burst of 3 plus 3 more that second at most.
    expect(env.fake.peakRequests(1000)).toBeLessThanOrEqual(6);
  });

  it("without the client limiter the same work trips Notion's limiter (and still completes by honouring Retry-After)", async () => {
    const env = notionEnv({ fake: { rateLimit: { requestsPerSecond: 3, burst: 3 } }, provider: { rateLimit: false } });
    server.use(...notionHandlers(env.fake));
    await workload(env);
    expect(env.fake.requests({ status: 429 }).length).toBeGreaterThan(0);
  });

  it('in a 429 storm, stops sending until Retry-After has passed, then carries on', async () => {
    const env = notionEnv();
    server.use(...notionHandlers(env.fake));
    env.fake.limiter.storm(5000);
    const stormEnds = env.clock.now() + 5000;
    await workload(env);

    const refused = env.fake.requests({ status: 429 });
    expect(refused).toHaveLength(1);
    const during = env.fake.log.filter((r) => r.at < stormEnds);
    expect(during).toEqual(refused);
    expect(env.fake.log.length).toBeGreaterThan(30);
  });

  it('retries reads that fail with 5xx, but never repeats a write that may have been applied', async () => {
    const env = notionEnv();
    let failures = 2;
    server.use(...notionHandlers(env.fake));
    const { input } = createInput();
    const created = await env.provider.createDocument(input);
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.get(/\/v1\/blocks\/.*\/children/, () =>
        failures > 0 && failures--
          ? HttpResponse.json({ object: 'error', status: 503, code: 'service_unavailable', message: 'Notion is unavailable.' }, { status: 503 })
          : undefined,
      ),
    );
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    expect(doc.blocks.length).toBeGreaterThan(5);
    expect(failures).toBe(0);

    let writes = 0;
    server.use(
      http.patch(/\/v1\/pages\/.*/, () => (writes++, HttpResponse.json({ object: 'error', status: 502, code: 'internal_server_error', message: 'Bad gateway' }, { status: 502 }))),
    );
    await expect(env.provider.closeDocument!({ planId: 'plan-1', docId: created.docId }, input.parties, async () => {})).rejects.toThrow('[notion] pages.update');
    expect(writes).toBe(1);
  });
});

/**
 * A busy Notion, through the stateful fake: the per-workspace rate limit shared with other
 * connections, 529 service_overload, and 409 conflict_error while someone edits the page. The
 * service waits as the docs ask (Retry-After, else back-off) and ends with the right result.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notionProvider } from '../../service/src/providers/notion/index.js';
import { ProviderError } from '../../service/src/providers/types.js';
import { FAKE_BASE_URL, FAKE_TOKEN, notionHandlers, PEOPLE, ui } from '../fakes/notion/index.js';
import { createInput, notionEnv, servedNotionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Gaps between one connection's consecutive requests that follow an answer of `status`. */
function waitsAfter(log: { at: number; status: number; token?: string }[], status: number, token = FAKE_TOKEN) {
  const mine = log.filter((r) => r.token === token);
  return mine.flatMap((r, i) => (r.status === status && mine[i + 1] ? [mine[i + 1]!.at - r.at] : []));
}

describe('Notion per-workspace rate limit', () => {
  it('two connections each within their own limit are refused together; each waits Retry-After (over a minute) and finishes', async () => {
    const env = notionEnv({ fake: { workspaceRateLimit: { requests: 120, windowMs: 120_000 } } });
    server.use(...notionHandlers(env.fake));
    env.fake.addConnection('ntn_second_integration');
    const other = notionProvider({
      token: 'ntn_second_integration',
      dataSourceId: env.dataSourceId,
      baseUrl: FAKE_BASE_URL,
      clock: env.clock,
      retry: { maxRetries: 1, initialRetryDelayMs: 1, maxRetryDelayMs: 1 },
    });
    const windowEnds = env.clock.now() + 120_000;
    const { input } = createInput();
    const page = await env.provider.createDocument(input);
    const ref = { planId: 'plan-1', docId: page.docId };
    const readMany = async (provider: typeof other) => {
      for (let i = 0; i < 12; i++) await provider.readDocument(ref);
    };
    await Promise.all([readMany(env.provider), readMany(other)]);

    const refused = env.fake.requests({ status: 429 });
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.reason))).toEqual(new Set(['workspace_rate_limit']));
    // Nothing from either connection between its refusal and the end of the window (Retry-After).
    for (const token of [FAKE_TOKEN, 'ntn_second_integration']) {
      const firstRefusal = refused.find((r) => r.token === token);
      if (!firstRefusal) continue;
      const after = env.fake.log.filter((r) => r.token === token && r.at > firstRefusal.at);
      expect(after.length).toBeGreaterThan(0);
      expect(Math.min(...after.map((r) => r.at))).toBeGreaterThanOrEqual(windowEnds);
    }
    expect(env.clock.now() - (windowEnds - 120_000)).toBeGreaterThan(60_000);
  });
});

describe('Notion 529 service_overload', () => {
  it('reads wait out Retry-After each time, then succeed', async () => {
    const env = servedNotionEnv(server);
    const page = await env.provider.createDocument(createInput().input);
    const overloadFrom = env.clock.now();
    env.fake.overload(10_000, 4);
    const doc = await env.provider.readDocument({ planId: 'plan-1', docId: page.docId });
    expect(doc.blocks.length).toBeGreaterThan(5);
    const overloaded = env.fake.requests({ status: 529 });
    expect(overloaded.length).toBeGreaterThanOrEqual(2);
    for (const gap of waitsAfter(
      env.fake.log.filter((r) => r.at >= overloadFrom),
      529,
    ))
      expect(gap).toBeGreaterThanOrEqual(4000);
  });

  for (const applied of [false, true]) {
    it(`a create whose pages.create is answered 529 (${applied ? 'applied' : 'not applied'}) is not repeated blindly: resumed after Retry-After, it makes one page`, async () => {
      const env = notionEnv();
      let trip = true;
      const provider = notionProvider({
        token: FAKE_TOKEN,
        dataSourceId: env.dataSourceId,
        baseUrl: FAKE_BASE_URL,
        clock: env.clock,
        retry: false,
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (trip && request.method === 'POST' && new URL(request.url).pathname === '/v1/pages') {
            trip = false;
            if (applied) env.fake.randomFaults = { rate: 1, kinds: ['performed-529'], random: () => 0 };
            else env.fake.overload(1, 5);
            const answer = await env.fake.fetch(request);
            env.fake.randomFaults = undefined;
            return answer;
          }
          return env.fake.fetch(request);
        },
      });
      const { input, checkpoints } = createInput();
      const error = await provider.createDocument(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).retryable).toBe(true);
      expect(env.fake.requests({ method: 'POST', path: /^\/v1\/pages$/ })).toHaveLength(1);
      const refusedAt = env.fake.requests({ status: 529 })[0]!.at;

      const resumed = await provider.createDocument({ ...input, checkpoint: checkpoints.at(-1)! });
      expect(env.fake.state.pages.size).toBe(1);
      expect(env.fake.state.pages.has(resumed.docId)).toBe(true);
      const next = env.fake.log[env.fake.log.findIndex((r) => r.status === 529) + 1];
      // Retry-After is 1 s for the random fault, 5 s for the overload.
      expect(next!.at - refusedAt).toBeGreaterThanOrEqual(applied ? 1000 : 5000);
    });
  }
});

describe('Notion 409 conflict_error', () => {
  it('a sharing repair collides with someone editing the page, is sent again after back-off, and lands', async () => {
    const env = servedNotionEnv(server);
    const { input } = createInput();
    const page = await env.provider.createDocument(input);
    ui.setPeople(env.fake.state, page.docId, 'HR', [[...env.fake.state.users.values()].find((u) => u.email === PEOPLE.eve.email)!.id]);
    ui.startEditing(env.fake.state, page.docId, 5000);

    const report = await env.provider.enforceSharing({ planId: 'plan-1', docId: page.docId }, input.parties, async () => {});
    expect(report.state).toBe('repaired');
    expect(env.fake.requests({ status: 409 }).length).toBeGreaterThan(0);
    const hr = env.fake.state.pages.get(page.docId)!.properties['HR']!['people'] as { person: { email: string } }[];
    expect(hr.map((p) => p.person.email)).toEqual([PEOPLE.hr.email]);
  });
});

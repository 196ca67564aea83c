import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../../test/fakes/notion/virtual-clock.js';
import { createNotionClient } from './client.js';
import { isSafeRequest, pacedFetch, TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('lets a burst through, then one request every 1/rate seconds', async () => {
    const clock = new VirtualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 3, burst: 3, clock });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await bucket.take();
      times.push(Math.round(clock.now()));
    }
    expect(times).toEqual([0, 0, 0, 333, 667, 1000]);
  });

  it('keeps its queue bounded: a caller beyond maxQueue is refused at once (retryable), not queued for minutes', async () => {
    const clock = new VirtualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 3, burst: 3, clock, maxQueue: 5 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        bucket.take().then(
          () => 'sent',
          (error: { retryable?: boolean }) => (error.retryable ? 'refused' : 'other'),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(8);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(2);
    // Once the queue drained, callers get through again.
    await bucket.take();
  });

  it('after pauseUntil nothing goes out before that time', async () => {
    const clock = new VirtualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 3, burst: 3, clock });
    bucket.pauseUntil(5000);
    await bucket.take();
    expect(clock.now()).toBe(5000);
  });
});

/** A clock whose sleepers wake in time order, when the test moves it on (concurrent callers). */
class StepClock {
  #now = 0;
  #timers: { at: number; wake: () => void }[] = [];
  now = () => this.#now;
  sleep = (ms: number) => new Promise<void>((wake) => this.#timers.push({ at: this.#now + ms, wake }));
  async runUntilIdle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await new Promise((r) => setTimeout(r, 0));
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift();
      if (!next) return;
      this.#now = Math.max(this.#now, next.at);
      next.wake();
    }
  }
}

describe('pacedFetch', () => {
  it('a request already waiting for its slot when a 429 arrives waits out Retry-After too', async () => {
    const clock = new StepClock();
    const sent: { at: number; path: string }[] = [];
    let first = true;
    const fetchStub = (async (url: string) => {
      sent.push({ at: clock.now(), path: new URL(url).pathname });
      if (first) {
        first = false;
        return new Response('{}', { status: 429, headers: { 'retry-after': '2' } });
      }
      return new Response('{}');
    }) as typeof fetch;
    const paced = pacedFetch({ fetch: fetchStub, clock, bucket: new TokenBucket({ ratePerSecond: 3, burst: 1, clock }) });
    const a = paced('https://api.notion.test/v1/users');
    const b = paced('https://api.notion.test/v1/pages/b');
    await clock.runUntilIdle();
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);
    expect(sent[0]).toEqual({ at: 0, path: '/v1/users' });
    // Nothing after the 429 went out before Retry-After (2 s) had passed.
    expect(sent.slice(1).every((r) => r.at >= 2000)).toBe(true);
    expect(sent).toHaveLength(3);
  });

  it('honours Retry-After on 429 for any method, and retries 5xx only for reads', async () => {
    const clock = new VirtualClock(0);
    const answers = [429, 200, 503, 200, 503];
    const seen: { at: number; method: string }[] = [];
    const fetchStub = (async (_url: string, init?: RequestInit) => {
      seen.push({ at: clock.now(), method: init?.method ?? 'GET' });
      const status = answers.shift() ?? 200;
      return new Response('{}', { status, headers: status === 429 ? { 'retry-after': '2' } : {} });
    }) as typeof fetch;
    const paced = pacedFetch({ fetch: fetchStub, clock, bucket: new TokenBucket({ ratePerSecond: 3, burst: 3, clock }), random: () => 0.5 });
    expect((await paced('https://api.notion.test/v1/pages', { method: 'POST' })).status).toBe(200);
    expect(seen[1]!.at).toBeGreaterThanOrEqual(2000);
    expect((await paced('https://api.notion.test/v1/data_sources/x/query', { method: 'POST' })).status).toBe(200);
    expect((await paced('https://api.notion.test/v1/pages/x', { method: 'PATCH' })).status).toBe(503);
    expect(seen).toHaveLength(5);
  });

  it('a write answered 529 is not repeated, by us or by the SDK (it may have been applied)', async () => {
    const clock = new VirtualClock(0);
    const calls: string[] = [];
    const overloaded = (async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method} ${new URL(url).pathname}`);
      return new Response(JSON.stringify({ object: 'error', status: 529, code: 'service_overload', message: 'Overloaded.' }), { status: 529 });
    }) as typeof fetch;
    const client = createNotionClient({
      token: 't',
      baseUrl: 'https://api.notion.test',
      fetch: overloaded,
      clock,
      rateLimit: false,
      retry: { maxRetries: 2, initialRetryDelayMs: 1, maxRetryDelayMs: 1 },
    });
    const error = await client.pages.create({ parent: { type: 'data_source_id', data_source_id: 'ds' }, properties: {} }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(503);
    expect((error as Error).message).toContain('not repeated');
    expect(calls).toEqual(['POST /v1/pages']);
    // A read answered 529 is asked again.
    calls.length = 0;
    await client.users.list({}).catch(() => undefined);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('sends any request answered 409 conflict_error again after back-off (Notion applied nothing)', async () => {
    const clock = new VirtualClock(0);
    const answers = [409, 409, 200];
    const seen: number[] = [];
    const fetchStub = (async () => {
      seen.push(clock.now());
      return new Response('{}', { status: answers.shift() ?? 200 });
    }) as typeof fetch;
    const paced = pacedFetch({ fetch: fetchStub, clock, bucket: null, random: () => 1 });
    expect((await paced('https://api.notion.test/v1/blocks/x/children', { method: 'PATCH' })).status).toBe(200);
    // Back-off doubles from 1 s: the first retry after 1 s, the second 2 s later.
    expect(seen).toEqual([0, 1000, 3000]);
  });

  it('on 529, nothing goes out before Retry-After; a read is then asked again, a write handed back unrepeated', async () => {
    const clock = new VirtualClock(0);
    const seen: { at: number; method: string; path: string }[] = [];
    let overloaded = 1;
    const fetchStub = (async (url: string, init?: RequestInit) => {
      seen.push({ at: clock.now(), method: init?.method ?? 'GET', path: new URL(url).pathname });
      if (overloaded-- > 0)
        return new Response('{"object":"error","status":529,"code":"service_overload","message":"Overloaded."}', { status: 529, headers: { 'retry-after': '7' } });
      return new Response('{}');
    }) as typeof fetch;
    const bucket = new TokenBucket({ ratePerSecond: 3, burst: 3, clock });
    const paced = pacedFetch({ fetch: fetchStub, clock, bucket });
    expect((await paced('https://api.notion.test/v1/users', { method: 'GET' })).status).toBe(200);
    expect(seen.map((s) => s.at)).toEqual([0, 7000]);

    overloaded = 1;
    seen.length = 0;
    const write = await paced('https://api.notion.test/v1/pages', { method: 'POST' });
    expect(write.status).toBe(503);
    expect(seen).toHaveLength(1);
    // The next request (the caller resuming, or anyone else) waits out the 7 s too.
    const from = clock.now();
    await paced('https://api.notion.test/v1/users', { method: 'GET' });
    expect(seen[1]!.at - from).toBeGreaterThanOrEqual(7000 - 1);
  });

  it('retries a read whose connection failed, never a write', async () => {
    const clock = new VirtualClock(0);
    let calls = 0;
    const failing = (async () => {
      if (calls++ === 0) throw new TypeError('fetch failed');
      return new Response('{}');
    }) as typeof fetch;
    const paced = pacedFetch({ fetch: failing, clock, bucket: null });
    expect((await paced('https://api.notion.test/v1/users', { method: 'GET' })).status).toBe(200);
    calls = 0;
    await expect(paced('https://api.notion.test/v1/pages', { method: 'POST' })).rejects.toThrow('fetch failed');
  });

  it('knows the reads', () => {
    expect(isSafeRequest('GET', 'https://x/v1/users')).toBe(true);
    expect(isSafeRequest('POST', 'https://x/v1/data_sources/abc/query')).toBe(true);
    expect(isSafeRequest('POST', 'https://x/v1/pages')).toBe(false);
  });
});

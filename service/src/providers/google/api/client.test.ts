import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../types.js';
import { DEFAULT_RETRY, GoogleApiError, pacedFetch, SlidingWindow, withRetry, type RetryContext } from './client.js';

function context(overrides: Partial<RetryContext> = {}) {
  const waits: number[] = [];
  let clock = 0;
  const ctx: RetryContext = {
    policy: DEFAULT_RETRY,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    ...overrides,
  };
  return { ctx, waits };
}
const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`status ${status}`), { response: { status, data, headers: new Headers(headers) } });

describe('withRetry', () => {
  it('waits what Retry-After says, then succeeds', async () => {
    const { ctx, waits } = context();
    let calls = 0;
    const result = await withRetry(
      'files.get',
      async () => {
        if (calls++ === 0) throw httpError(429, '<html>Sorry...</html>', { 'retry-after': '7' });
        return 'ok';
      },
      ctx,
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([7000]);
  });

  it("retries Drive's 403 userRateLimitExceeded (no Retry-After) with Google's documented backoff, but not a plain 403", async () => {
    const { ctx, waits } = context();
    let calls = 0;
    await withRetry(
      'permissions.create',
      async () => {
        if (calls++ < 2) throw httpError(403, { error: { errors: [{ reason: 'userRateLimitExceeded' }], message: 'slow down' } });
        return 'ok';
      },
      ctx,
    );
    // 2^n seconds plus up to a second at random (random pinned to 0.5).
    expect(waits).toEqual([1500, 2500]);
    await expect(
      withRetry(
        'files.get',
        async () => {
          throw httpError(403, { error: { errors: [{ reason: 'insufficientFilePermissions' }], message: 'no' } });
        },
        ctx,
      ),
    ).rejects.toMatchObject({ status: 403, reason: 'insufficientFilePermissions', retryable: false });
  });

  it('gives up after the bounded number of attempts with a prefixed message', async () => {
    const { ctx, waits } = context();
    const error = await withRetry(
      'documents.get',
      async () => {
        throw httpError(503, { error: { status: 'UNAVAILABLE', message: 'backend' } });
      },
      ctx,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect((error as Error).message).toBe('[google] documents.get: 503 UNAVAILABLE backend (after 6 attempts)');
    expect(waits).toHaveLength(5);
  });

  it('stops early when the next wait would pass the time budget', async () => {
    const { ctx, waits } = context({ policy: { ...DEFAULT_RETRY, maxElapsedMs: 10_000 } });
    await expect(
      withRetry(
        'files.copy',
        async () => {
          throw httpError(429, '', { 'retry-after': '30' });
        },
        ctx,
      ),
    ).rejects.toMatchObject({ status: 429 });
    expect(waits).toEqual([]);
  });

  it('never retries before Retry-After, even when it is longer than the usual longest wait', async () => {
    const { ctx, waits } = context();
    let calls = 0;
    await withRetry(
      'permissions.create',
      async () => {
        if (calls++ === 0) throw httpError(429, '', { 'retry-after': '45' });
        return 'ok';
      },
      ctx,
    );
    expect(waits).toEqual([45_000]);
  });

  it('passes on a non-retryable provider error untouched', async () => {
    const { ctx } = context();
    const original = new ProviderError('[google] token: revoked');
    await expect(
      withRetry(
        'files.get',
        async () => {
          throw original;
        },
        ctx,
      ),
    ).rejects.toBe(original);
  });

  it("reads Google's recorded error bodies: Drive's 404 (errors[].reason) is final, the new-style 429 (status, details[]) is waited out", async () => {
    const recorded = (name: string) => JSON.parse(readFileSync(new URL(`../../../../../test/fixtures/google/${name}`, import.meta.url), 'utf8')) as unknown;
    const { ctx, waits } = context();
    const missing = await withRetry(
      'files.get',
      async () => {
        throw httpError(404, recorded('drive-error-404-files-get-notFound.gargle.json'));
      },
      ctx,
    ).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, reason: 'notFound', retryable: false, message: '[google] files.get: 404 notFound File not found: NOPE_NOT_A_GOOD_ID.' });
    expect(waits).toEqual([]);
    let calls = 0;
    await withRetry(
      'documents.get',
      async () => {
        if (calls++ === 0) throw httpError(429, recorded('sheets-error-429-RESOURCE_EXHAUSTED.gargle.json'));
        return 'ok';
      },
      ctx,
    );
    expect(waits).toHaveLength(1);
  });
});

function virtualClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => void (now += ms) };
}

describe('the Google client-side limiter', () => {
  it('never lets more than its limit into any 60 seconds', async () => {
    const clock = virtualClock();
    const window = new SlidingWindow(5, clock.now, clock.sleep);
    const sent: number[] = [];
    for (let i = 0; i < 12; i++) {
      await window.take();
      sent.push(clock.now());
      clock.advance(1000);
    }
    for (const at of sent) expect(sent.filter((t) => t > at - 60_000 && t <= at).length).toBeLessThanOrEqual(5);
    expect(sent.slice(5, 7)).toEqual([60_000, 61_000]);
  });

  it('queues callers at once in order, each to its own slot', async () => {
    const waitsUntil: number[] = [];
    const window = new SlidingWindow(
      5,
      () => 0,
      async (ms) => void waitsUntil.push(ms),
    );
    await Promise.all(Array.from({ length: 12 }, () => window.take()));
    expect(waitsUntil).toEqual([60_000, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
  });

  it('paces Docs reads, Docs writes and Drive apart, and leaves the token endpoint alone', async () => {
    const clock = virtualClock();
    const urls: string[] = [];
    const fetch = pacedFetch(
      async (input) => {
        urls.push(`${clock.now()} ${String(input)}`);
        return new Response('{}');
      },
      { drive: 'https://drive.test/', docs: 'https://docs.test/' },
      { drivePerMinute: 100, docsReadsPerMinute: 2, docsWritesPerMinute: 1 },
      clock,
    );
    for (let i = 0; i < 3; i++) await fetch('https://docs.test/v1/documents/a');
    await fetch('https://docs.test/v1/documents/a:batchUpdate', { method: 'POST' });
    await fetch('https://drive.test/drive/v3/files/a');
    await fetch('https://oauth.test/token', { method: 'POST' });
    expect(urls).toEqual([
      '0 https://docs.test/v1/documents/a',
      '0 https://docs.test/v1/documents/a',
      '60000 https://docs.test/v1/documents/a',
      '60000 https://docs.test/v1/documents/a:batchUpdate',
      '60000 https://drive.test/drive/v3/files/a',
      '60000 https://oauth.test/token',
    ]);
  });
});

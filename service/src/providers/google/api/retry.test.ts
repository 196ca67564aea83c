import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../types.js';
import { DEFAULT_RETRY, GoogleApiError, withRetry, type RetryContext } from './retry.js';

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

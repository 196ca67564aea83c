import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './retry-timing.js';

describe('retry timing', () => {
  it('reads Retry-After in seconds or as an HTTP date, never as a wait into the past', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(new Date(1000).toUTCString(), 4000)).toBe(0);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('backs off exponentially up to the cap, jittered by the random share', () => {
    const backoff = { baseDelayMs: 500, maxDelayMs: 4000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(n, backoff, () => 1))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(backoffMs(2, backoff, () => 0.5)).toBe(1000);
    expect(backoffMs(2, backoff, () => 0)).toBe(0);
  });
});

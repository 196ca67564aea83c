import type { Clock } from '../../../service/src/providers/notion/rate-limit.js';

export interface FakeRateLimit {
  /** Average requests per second the fake accepts. */
  requestsPerSecond: number;
  /** Requests accepted back to back after a quiet spell. */
  burst: number;
}

/**
 * Notion's limiter as the docs describe it: an average of about 3 requests/s with some bursts;
 * beyond that, 429 rate_limited with Retry-After in whole seconds. `storm` makes it refuse
 * everything for a while (what a busy workspace sometimes sees).
 */
export class FakeRateLimiter {
  #tokens: number;
  #updatedAt: number;
  #stormUntil = 0;

  constructor(private readonly clock: Clock, readonly limit: FakeRateLimit | false) {
    this.#tokens = limit ? limit.burst : 0;
    this.#updatedAt = clock.now();
  }

  storm(ms: number): void {
    this.#stormUntil = this.clock.now() + ms;
  }

  /** undefined when admitted, else the Retry-After seconds to answer with. */
  admit(): number | undefined {
    const now = this.clock.now();
    if (now < this.#stormUntil) return Math.max(1, Math.ceil((this.#stormUntil - now) / 1000));
    if (!this.limit) return undefined;
    this.#tokens = Math.min(this.limit.burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.limit.requestsPerSecond);
    this.#updatedAt = now;
    // (a small tolerance: a client pacing at exactly the rate arrives at 333.33... ms)
    if (this.#tokens >= 1 - 1e-6) {
      this.#tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.limit.requestsPerSecond));
  }
}

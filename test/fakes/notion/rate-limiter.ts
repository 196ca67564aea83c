import type { Clock } from '../../../service/src/providers/notion/api/rate-limit.js';

export interface FakeRateLimit {
  /** Average requests per second the fake accepts. */
  requestsPerSecond: number;
  /** Requests accepted back to back after a quiet spell. */
  burst: number;
}

/**
 * Notion's per-connection limiter: "The rate limit for incoming requests per connection is an
 * average of three requests per second. Some bursts beyond the average rate are allowed"; beyond
 * that, 429 rate_limited with Retry-After in whole seconds (https://developers.notion.com/reference/request-limits).
 * A newer copy of the same page describes it as "a fixed budget of requests per 60-second window,
 * based on the workspace's plan" whose Retry-After "is at most 60 seconds"; its figures per plan are
 * not in the copy we have, so the fake keeps the 3 requests/s average. Either way the answer is a 429
 * with Retry-After, which the service waits out whatever its length. `storm` makes it refuse
 * everything for a while (what a busy workspace sometimes sees).
 */
export class FakeRateLimiter {
  #tokens: number;
  #updatedAt: number;
  #stormUntil = 0;

  constructor(
    private readonly clock: Clock,
    readonly limit: FakeRateLimit | false,
  ) {
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

export interface FakeWorkspaceLimit {
  /** Requests all of the workspace's connections may make together in one window. */
  requests: number;
  windowMs: number;
}

/**
 * Notion's per-workspace limit (https://developers.notion.com/reference/request-limits): "a separate
 * limit is shared across all of the workspace's connections and scaled to the workspace's plan.
 * Because it's shared, requests can be rate limited even when each individual connection is within its
 * per-connection limit. Retry-After for this limit can be longer than a minute." The page gives no
 * figures or window the stored copy kept: the fake uses a fixed window (Retry-After = time to its end),
 * by default 1,000 requests in 5 minutes, which one connection at 3 requests/s never reaches and two do.
 * `elsewhere` spends the budget as the workspace's other connections would.
 */
export class FakeWorkspaceLimiter {
  #windowStart: number;
  #used = 0;

  constructor(
    private readonly clock: Clock,
    readonly limit: FakeWorkspaceLimit | false,
  ) {
    this.#windowStart = clock.now();
  }

  /** Requests other connections of the workspace made just now. */
  elsewhere(requests: number): void {
    this.#roll();
    this.#used += requests;
  }

  /** undefined when admitted, else the Retry-After seconds (to the end of the window). */
  admit(): number | undefined {
    if (!this.limit) return undefined;
    this.#roll();
    if (this.#used < this.limit.requests) {
      this.#used += 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.#windowStart + this.limit.windowMs - this.clock.now()) / 1000));
  }

  #roll(): void {
    if (!this.limit) return;
    const now = this.clock.now();
    if (now < this.#windowStart + this.limit.windowMs) return;
    this.#windowStart += Math.floor((now - this.#windowStart) / this.limit.windowMs) * this.limit.windowMs;
    this.#used = 0;
  }
}

/**
 * Client-side pacing for the Notion API: "an average of three requests per second; some bursts
 * beyond the average rate are allowed", 429 answers carry `Retry-After` in seconds
 * (https://developers.notion.com/reference/request-limits). A token bucket keeps us under the
 * average so the server rarely has to say no; when it does, every request waits out `Retry-After`.
 * The same page adds a per-workspace limit shared with the workspace's other connections, whose
 * Retry-After "can be longer than a minute": a 429 is a 429 whichever limit it comes from.
 */

import { backoffMs, retryAfterMs } from '../../retry-timing.js';
import { ProviderError } from '../../types.js';

/** Time as the limiter sees it; tests pass a virtual clock so nothing waits in real time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenBucketOptions {
  /** Average rate the bucket refills at. */
  ratePerSecond: number;
  /** Requests that may go out back to back after a quiet spell. */
  burst: number;
  clock: Clock;
  /**
   * The most callers that may wait for a slot; one more is refused at once (retryable) instead of
   * waiting behind them. Default 300: 100 s of requests at 3/s.
   */
  maxQueue?: number;
}

/**
 * A token bucket that hands out slots in order: a caller reserves a slot synchronously (so
 * concurrent callers queue fairly) and then sleeps until its slot comes up.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;

  constructor(private readonly options: TokenBucketOptions) {
    this.#tokens = options.burst;
    this.#updatedAt = options.clock.now();
  }

  /** Resolves when one more request may be sent. */
  async take(): Promise<void> {
    const now = this.options.clock.now();
    this.#refill(now);
    const waiting = Math.max(0, Math.ceil(-this.#tokens));
    if (waiting >= (this.options.maxQueue ?? 300)) {
      // Unbounded, a burst of work (or of requests from outside) would queue for ever and hold memory.
      throw new ProviderError(`[notion] too many requests waiting for Notion's rate limit (${waiting}); try again shortly`, { retryable: true });
    }
    this.#tokens -= 1;
    const readyAt = this.#updatedAt + (Math.max(0, -this.#tokens) / this.options.ratePerSecond) * 1000;
    if (readyAt > now) await this.options.clock.sleep(readyAt - now);
    // A 429 arrived while this caller waited for a slot reserved before it: queue again behind the pause.
    if (this.options.clock.now() < this.#pausedUntil) return this.take();
  }

  /** The server asked us to stop until `until` (Retry-After): nothing goes out before, then one at a time. */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    this.#refill(this.options.clock.now());
    if (until > this.#updatedAt) {
      this.#tokens = Math.min(this.#tokens, 1);
      this.#updatedAt = until;
    }
  }

  #refill(now: number): void {
    if (now <= this.#updatedAt) return;
    const earned = ((now - this.#updatedAt) / 1000) * this.options.ratePerSecond;
    this.#tokens = Math.min(this.options.burst, this.#tokens + earned);
    this.#updatedAt = now;
  }
}

/** The subset of `fetch` the Notion SDK calls (it passes the URL as a string and the body as text). */
export type NotionFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | FormData }) => Promise<Response>;

export interface PacedFetchOptions {
  fetch: typeof fetch;
  clock: Clock;
  /** null: no client-side pacing (still honours Retry-After). */
  bucket: TokenBucket | null;
  /** Retries of one request on 429 / 5xx before the answer is handed to the SDK (which may retry too). */
  maxRetries?: number;
  /** Base of the exponential back-off when no Retry-After is given. */
  initialDelayMs?: number;
  /** Network timeout of one attempt (the SDK's own timeout would also count our waits). Default 30 s. */
  attemptTimeoutMs?: number;
  random?: () => number;
}

const RETRYABLE_FOR_READS = new Set([500, 502, 503, 504, 529]);

/** Reads that are safe to repeat: GETs and the POST endpoints that only query. */
export function isSafeRequest(method: string, url: string): boolean {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD') return true;
  const path = new URL(url).pathname;
  return upper === 'POST' && (/\/v1\/data_sources\/[^/]+\/query$/.test(path) || /\/v1\/search$/.test(path));
}

/**
 * The SDK repeats a 529 (service_overload) for every method; a write may have been applied before
 * the overload answer, and repeating a pages.create would make a second page. Handed to the SDK as
 * the 503 it does not repeat for writes; the caller's checkpoint resumes the step instead.
 */
async function notRepeated(response: Response): Promise<Response> {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(await response.text()) as Record<string, unknown>;
  } catch {
    // Not JSON: keep the status only.
  }
  const message = `${typeof body.message === 'string' ? body.message : 'Notion is overloaded.'} (529 service_overload on a write: not repeated)`;
  return new Response(JSON.stringify({ object: 'error', ...body, status: 503, code: 'service_unavailable', message }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Wrap `fetch` so every request waits for a slot and Notion's answers are followed as its docs ask:
 * - 429 rate_limited (per connection or per workspace, whose Retry-After "can be longer than a
 *   minute", https://developers.notion.com/reference/request-limits): everything pauses for
 *   Retry-After, then the request is sent again (the server did not act on it).
 * - 529 service_overload: "Connections should handle HTTP 429 and 529 responses and respect the
 *   Retry-After response header" (same page): everything pauses for Retry-After (else back-off). A
 *   read is then asked again; a write is handed back unrepeated (the docs do not say whether an
 *   overloaded write was applied), for the caller's checkpoint to resume once the pause is over.
 * - 409 conflict_error: "The transaction could not be completed ... try again"
 *   (https://developers.notion.com/reference/status-codes): nothing was applied, so any request is
 *   sent again after back-off (our writes carry whole values, never increments, so they stay right).
 * - 5xx and network failures: reads are retried with jittered back-off; writes are handed back,
 *   since repeating them could apply them twice.
 */
export function pacedFetch(options: PacedFetchOptions): NotionFetch {
  const { clock, bucket } = options;
  const maxRetries = options.maxRetries ?? 6;
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const random = options.random ?? Math.random;
  const backoff = (attempt: number) => backoffMs(attempt, { baseDelayMs: initialDelayMs, maxDelayMs: 60_000 }, random);
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  return async (url, init = {}) => {
    const safe = isSafeRequest(init.method ?? 'GET', url);
    for (let attempt = 0; ; attempt++) {
      await bucket?.take();
      let response: Response;
      try {
        response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(attemptTimeoutMs) });
      } catch (error) {
        // A read that timed out or lost its connection can be asked again; a write may have been applied.
        if (!safe || attempt >= maxRetries) throw error;
        await clock.sleep(backoff(attempt));
        continue;
      }
      const { status } = response;
      // Notion asks everyone to hold off: nothing more goes out before then, from any caller.
      const holdOff = status === 429 || status === 529;
      const wait = () => retryAfterMs(response.headers.get('retry-after'), clock.now()) ?? backoff(attempt);
      if (!safe && status === 529) {
        bucket?.pauseUntil(clock.now() + wait());
        return await notRepeated(response);
      }
      const retryable = holdOff || status === 409 || (safe && RETRYABLE_FOR_READS.has(status));
      if (!retryable || attempt >= maxRetries) return response;
      await response.text();
      const delay = wait();
      if (holdOff && bucket) bucket.pauseUntil(clock.now() + delay);
      else await clock.sleep(delay);
    }
  };
}

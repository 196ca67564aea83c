import { retryAfterMs } from '../../retry-timing.js';
import { ProviderError } from '../../types.js';
import { TokenError } from './auth.js';
import type { RetryPolicy, Sleep } from '../options.js';
import { errorMessage } from '../../../errors.js';

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxElapsedMs: 90_000, baseDelayMs: 1000, maxDelayMs: 32_000 };

/**
 * Google's documented backoff, for an answer without Retry-After (Drive's rate-limit 403s carry
 * none): wait min(2^n seconds + up to 1,000 random milliseconds, maximum_backoff), maximum_backoff
 * being 32 or 64 s (https://developers.google.com/workspace/drive/api/guides/limits#exponential-backoff).
 */
export function googleBackoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt + Math.round(random() * 1000));
}

/** A Google API call failed; `status` and `reason` say how (Drive's `errors[].reason` or the new `status`). */
export class GoogleApiError extends ProviderError {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly reason: string | undefined,
    options: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.name = 'GoogleApiError';
  }
}

/**
 * Google's rate-limit answers: 429, and Drive's 403 with these reasons, the sharing limit included
 * (https://developers.google.com/workspace/drive/api/guides/handle-errors): worth waiting for, never
 * a reason to give up on a plan.
 */
const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'sharingRateLimitExceeded', 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED']);

export interface Failure {
  status: number | undefined;
  reason: string | undefined;
  message: string;
  retryable: boolean;
  retryAfterMs: number | undefined;
}

/** What went wrong in a gaxios error (or a network/timeout error), without trusting its shape. */
export function describeFailure(error: unknown, now: number): Failure {
  if (error instanceof ProviderError) {
    return { status: undefined, reason: undefined, message: error.message, retryable: error.retryable, retryAfterMs: undefined };
  }
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const response = (record['response'] ?? undefined) as { status?: number; headers?: unknown; data?: unknown } | undefined;
  const status = typeof response?.status === 'number' ? response.status : typeof record['status'] === 'number' ? (record['status'] as number) : undefined;
  if (status === undefined) {
    const message = errorMessage(error);
    // No answer at all: a timeout or a dropped connection. The caller checks state before repeating a POST.
    return { status, reason: 'network', message, retryable: true, retryAfterMs: undefined };
  }
  const { reason, message } = readErrorBody(response?.data);
  const retryable = status === 429 || status >= 500 || (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason));
  return { status, reason, message, retryable, retryAfterMs: retryAfterMs(header(response?.headers, 'retry-after'), now) };
}

function readErrorBody(data: unknown): { reason: string | undefined; message: string } {
  if (typeof data === 'string') {
    // Drive sometimes answers 429 with an HTML "automated queries" page.
    return { reason: undefined, message: data.trim().startsWith('<') ? 'an HTML error page' : data.slice(0, 200) };
  }
  const error = (data as { error?: { message?: string; status?: string; errors?: { reason?: string }[]; details?: { reason?: string }[] } } | undefined)?.error;
  if (!error) return { reason: undefined, message: '' };
  const reason = error.errors?.[0]?.reason ?? error.details?.find((d) => d.reason)?.reason ?? error.status;
  return { reason, message: error.message ?? '' };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  /** Called before retrying after a 401 (drop the cached token). */
  onUnauthorized?: () => void;
}

/**
 * Run `attempt` until it succeeds, honouring Retry-After, else exponential backoff with full jitter,
 * bounded in attempts and elapsed time. `attempt` gets the attempt number so a non-idempotent call
 * can first check whether an earlier, unanswered attempt already took effect.
 */
export async function withRetry<T>(label: string, attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  const started = ctx.now();
  let unauthorizedRetried = false;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      // A rejected key or missing delegation will not pass by retrying now; the plan resumes once fixed.
      if (error instanceof TokenError) throw error;
      const failure = describeFailure(error, ctx.now());
      let retryable = failure.retryable;
      if (failure.status === 401 && !unauthorizedRetried) {
        unauthorizedRetried = true;
        ctx.onUnauthorized?.();
        retryable = true;
      }
      const backoff = googleBackoffMs(n, ctx.policy, ctx.random);
      // Retry-After is a floor, not a hint: asking sooner only earns another 429. The time budget
      // (maxElapsedMs) still bounds it: past that the caller gets a retryable error instead.
      const delay = failure.retryAfterMs ?? backoff;
      const outOfTime = ctx.now() - started + delay > ctx.policy.maxElapsedMs;
      if (!retryable || n + 1 >= ctx.policy.maxAttempts || outOfTime) {
        if (error instanceof ProviderError && failure.status === undefined && !failure.retryable) throw error;
        const what = [failure.status ?? 'no answer', failure.reason, failure.message].filter(Boolean).join(' ');
        const tries = n + 1 > 1 ? ` (after ${n + 1} attempts)` : '';
        throw new GoogleApiError(`[google] ${label}: ${what}${tries}`, failure.status, failure.reason, { cause: error, retryable: failure.retryable });
      }
      await ctx.sleep(delay);
    }
  }
}

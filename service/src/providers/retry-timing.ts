/**
 * When to ask a remote API again, shared by the Google and Notion clients: the server's
 * `Retry-After` when it gives one, else exponential backoff with full jitter
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface Backoff {
  /** The wait before the second attempt, doubled for each one after, before jitter. */
  baseDelayMs: number;
  /** The longest wait, before jitter. */
  maxDelayMs: number;
}

/** The wait after failed attempt `attempt` (0-based): a random share of the doubled, capped delay. */
export function backoffMs(attempt: number, backoff: Backoff, random: () => number): number {
  return Math.round(random() * Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** attempt));
}

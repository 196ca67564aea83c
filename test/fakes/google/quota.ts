import { FakeHttpError, docsError, driveError } from './errors.js';

/** Requests a user may make in any 60 seconds, per bucket. */
export interface GoogleQuotas {
  drive: number;
  docsRead: number;
  docsWrite: number;
}

/**
 * Google's default per-user quotas: Drive 12,000 queries a minute
 * (https://developers.google.com/workspace/drive/api/guides/limits), Docs 300 reads and 60 writes a
 * minute (https://developers.google.com/workspace/docs/api/limits).
 */
export const GOOGLE_QUOTAS: GoogleQuotas = { drive: 12_000, docsRead: 300, docsWrite: 60 };

type Bucket = keyof GoogleQuotas;
const WINDOW_MS = 60_000;

/**
 * The fake's own rate limiting, on by default like Google's: a sliding minute per user and bucket.
 * Past it Drive answers 403 userRateLimitExceeded and Docs 429 RESOURCE_EXHAUSTED, as the real
 * services do; a refused request is not counted.
 */
export class QuotaLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    public quotas: GoogleQuotas | false,
    private readonly now: () => number,
  ) {}

  /** Throws the service's rate-limit error when `user` has used up `method`'s bucket. */
  admit(method: string, user: string): void {
    if (!this.quotas) return;
    const bucket: Bucket = !method.startsWith('docs.') ? 'drive' : method === 'docs.documents.get' ? 'docsRead' : 'docsWrite';
    const key = `${bucket}:${user}`;
    const now = this.now();
    const recent = (this.seen.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
    this.seen.set(key, recent);
    if (recent.length >= this.quotas[bucket]) throw limitError(bucket, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    recent.push(now);
  }
}

function limitError(bucket: Bucket, retryAfter: number): FakeHttpError {
  if (bucket === 'drive') return driveError(403, 'userRateLimitExceeded', 'User rate limit exceeded.');
  const metric = bucket === 'docsRead' ? 'Read requests' : 'Write requests';
  const error = docsError(429, `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service 'docs.googleapis.com'.`);
  return new FakeHttpError(error.status, error.body, { 'retry-after': String(Math.max(1, retryAfter)) });
}

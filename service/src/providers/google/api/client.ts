import { docs as docsClient, type docs_v1 } from '@googleapis/docs';
import { drive as driveClient, type drive_v3 } from '@googleapis/drive';
import { errorMessage } from '../../../errors.js';
import { retryAfterMs } from '../../retry-timing.js';
import { DocumentMissingError, ProviderError } from '../../types.js';
import { createTokenSource, type ServiceAccountKey, TokenError } from './auth.js';

/*
 * How one Google call is made, in the order a request meets each step: `call` puts a token on it
 * (auth.ts), pacedFetch holds it below Google's per-user quotas before it leaves, and withRetry tries
 * it again, with Google's documented backoff, when Google still answers 429, a rate-limit 403, a 5xx
 * or nothing at all.
 */

/** What the calls need: who acts, where the APIs are, and the limits. GoogleProviderOptions adds what plans need. */
export interface GoogleApiOptions {
  key: ServiceAccountKey;
  /** The Workspace user the service acts as (domain-wide delegation); owns every plan document. */
  subject: string;
  apiRootUrl: string;
  docsRootUrl: string;
  tokenUrl: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests a minute the service allows itself (Google's per-user quotas unless given); `false` for none. */
  limits?: GoogleLimits | false;
  /** Waits between attempts and for the limiter; tests pass a virtual clock's. */
  sleep?: Sleep;
  /** Random in [0, 1) for jitter; tests pin it. */
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Per-call options handed to the generated clients: our bearer token (no google-auth-library). */
export interface CallOptions {
  headers: Record<string, string>;
}

/**
 * The Drive v3 and Docs v1 clients, pointed at the configured roots, with their own retries off
 * (ours honour Retry-After, cover POSTs and 403 rate limits, and can be made not to wait in tests).
 */
export function createGoogleApi(options: GoogleApiOptions) {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tokens = createTokenSource({ key: options.key, subject: options.subject, tokenUrl: options.tokenUrl, fetch: fetchImpl, now, timeoutMs });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Under Google's per-user quotas by construction, so a first cycle of many reads never meets a 429.
  const paced =
    options.limits === false ? fetchImpl : pacedFetch(fetchImpl, { drive: options.apiRootUrl, docs: options.docsRootUrl }, options.limits ?? GOOGLE_LIMITS, { now, sleep });
  const common = { retry: false, timeout: timeoutMs, fetchImplementation: paced };
  const drive: drive_v3.Drive = driveClient({ version: 'v3', rootUrl: options.apiRootUrl, ...common });
  const docs: docs_v1.Docs = docsClient({ version: 'v1', rootUrl: options.docsRootUrl, ...common });
  const retry: RetryContext = {
    policy: { ...DEFAULT_RETRY, ...options.retry },
    sleep,
    random: options.random ?? Math.random,
    now,
    onUnauthorized: () => tokens.invalidate(),
  };

  /**
   * One API call with auth and retries. `run` receives the attempt number: a POST that is not
   * idempotent checks, on attempts after the first, whether the unanswered attempt took effect.
   */
  async function call<T>(label: string, run: (callOptions: CallOptions, attempt: number) => Promise<{ data: T }>): Promise<T> {
    return withRetry(
      label,
      async (attempt) => {
        const token = await tokens.getToken();
        const response = await run({ headers: { authorization: `Bearer ${token}` } }, attempt);
        return response.data;
      },
      retry,
    );
  }

  // Drive applies only the last of concurrent permission writes on one file: one at a time, per file.
  const writing = new Map<string, Promise<unknown>>();
  /** Run a permission write on `fileId` after every earlier one on that file has settled. */
  function permissionWrite<T>(fileId: string, write: () => Promise<T>): Promise<T> {
    const previous = writing.get(fileId) ?? Promise.resolve();
    const next = previous.then(write, write);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    writing.set(fileId, settled);
    void settled.then(() => {
      if (writing.get(fileId) === settled) writing.delete(fileId);
    });
    return next;
  }

  return { drive, docs, call, tokens, permissionWrite };
}
export type GoogleApi = ReturnType<typeof createGoogleApi>;

/** The call failed with this HTTP status (after retries). */
export function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof GoogleApiError && error.status !== undefined && statuses.includes(error.status);
}

/** The file's metadata; DocumentMissingError when it is gone or in the trash. */
export async function getLiveFile(api: GoogleApi, fileId: string, fields: string, params: { includePermissionsForView?: string } = {}): Promise<drive_v3.Schema$File> {
  let file: drive_v3.Schema$File;
  try {
    file = await api.call('files.get', (o) => api.drive.files.get({ fileId, fields: `${fields},trashed`, ...params }, o));
  } catch (error) {
    if (isStatus(error, 404)) throw new DocumentMissingError(`[google] files.get: document ${fileId} no longer exists (deleted, or access lost)`, { cause: error });
    throw error;
  }
  if (file.trashed) throw new DocumentMissingError(`[google] files.get: document ${fileId} is in the trash`);
  return file;
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

/** How long to wait between attempts; injectable so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>;

// Pacing: below Google's quotas before a request leaves.

/** Requests a minute the service allows itself, per Google bucket (the acting user's quotas). */
export interface GoogleLimits {
  drivePerMinute: number;
  docsReadsPerMinute: number;
  docsWritesPerMinute: number;
}

/**
 * Google's default per-user quotas: Drive 12,000 queries a minute
 * (https://developers.google.com/workspace/drive/api/guides/limits), Docs 300 reads and 60 writes a
 * minute per user (https://developers.google.com/workspace/docs/api/limits). The service acts as one
 * user, so these are its whole budget.
 */
const GOOGLE_LIMITS: GoogleLimits = { drivePerMinute: 12_000, docsReadsPerMinute: 300, docsWritesPerMinute: 60 };

/**
 * A fetch that paces Drive and Docs requests under the limits before they leave (token requests
 * are not counted: they go to the OAuth endpoint). Which bucket: Docs `GET` is a read, any other
 * Docs method a write, everything else under the Drive root is Drive.
 */
export function pacedFetch(base: typeof fetch, roots: { drive: string; docs: string }, limits: GoogleLimits, clock: { now: () => number; sleep: Sleep }): typeof fetch {
  const drive = new SlidingWindow(limits.drivePerMinute, clock.now, clock.sleep);
  const docsRead = new SlidingWindow(limits.docsReadsPerMinute, clock.now, clock.sleep);
  const docsWrite = new SlidingWindow(limits.docsWritesPerMinute, clock.now, clock.sleep);
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.startsWith(roots.docs)) await (method === 'GET' ? docsRead : docsWrite).take();
    else if (url.startsWith(roots.drive)) await drive.take();
    return base(input, init);
  };
}

const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests in any 60 seconds, by construction: each caller reserves its send
 * time synchronously (so concurrent callers queue in order) and sleeps until then. Stricter than a
 * per-minute counter, so Google's own count never reaches its quota.
 */
export class SlidingWindow {
  /** Send times handed out, ascending; some may lie ahead (callers still waiting). */
  private readonly sent: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  async take(): Promise<void> {
    const now = this.now();
    while (this.sent.length > 0 && (this.sent[0] as number) <= now - WINDOW_MS) this.sent.shift();
    // The next request may go once the one `perMinute` places back has left the window.
    const at = this.sent.length < this.perMinute ? now : Math.max(now, (this.sent[this.sent.length - this.perMinute] as number) + WINDOW_MS);
    this.sent.push(at);
    if (at > now) await this.sleep(at - now);
  }
}

// Retrying: when Google answers 429, a rate-limit 403 or a 5xx anyway, or does not answer.

/** How often and how long a failed call is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Give up when the next wait would end after this many ms since the first attempt. */
  maxElapsedMs: number;
  /** First backoff step; doubles each attempt, plus up to a second at random (Google's documented backoff). */
  baseDelayMs: number;
  /** No backoff step is longer than this (a longer Retry-After is waited in full, within maxElapsedMs). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxElapsedMs: 90_000, baseDelayMs: 1000, maxDelayMs: 32_000 };

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  /** Called before retrying after a 401 (drop the cached token). */
  onUnauthorized?: () => void;
}

/**
 * Run `attempt` until it succeeds, honouring Retry-After, else Google's backoff, bounded in attempts
 * and elapsed time. `attempt` gets the attempt number so a non-idempotent call can first check
 * whether an earlier, unanswered attempt already took effect.
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
      // Retry-After is a floor, not a hint: asking sooner only earns another 429. The time budget
      // (maxElapsedMs) still bounds it: past that the caller gets a retryable error instead.
      const delay = failure.retryAfterMs ?? googleBackoffMs(n, ctx.policy, ctx.random);
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

/**
 * Google's documented backoff, for an answer without Retry-After (Drive's rate-limit 403s carry
 * none): wait min(2^n seconds + up to 1,000 random milliseconds, maximum_backoff), maximum_backoff
 * being 32 or 64 s (https://developers.google.com/workspace/drive/api/guides/limits#exponential-backoff).
 */
function googleBackoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt + Math.round(random() * 1000));
}

/**
 * Google's rate-limit answers: 429, and Drive's 403 with these reasons, the sharing limit included
 * (https://developers.google.com/workspace/drive/api/guides/handle-errors): worth waiting for, never
 * a reason to give up on a plan.
 */
const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'sharingRateLimitExceeded', 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED']);

interface Failure {
  status: number | undefined;
  reason: string | undefined;
  message: string;
  retryable: boolean;
  retryAfterMs: number | undefined;
}

/** What went wrong in a gaxios error (or a network/timeout error), without trusting its shape. */
function describeFailure(error: unknown, now: number): Failure {
  if (error instanceof ProviderError) {
    return { status: undefined, reason: undefined, message: error.message, retryable: error.retryable, retryAfterMs: undefined };
  }
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const response = (record['response'] ?? undefined) as { status?: number; headers?: unknown; data?: unknown } | undefined;
  const status = typeof response?.status === 'number' ? response.status : typeof record['status'] === 'number' ? (record['status'] as number) : undefined;
  if (status === undefined) {
    // No answer at all: a timeout or a dropped connection. The caller checks state before repeating a POST.
    return { status, reason: 'network', message: errorMessage(error), retryable: true, retryAfterMs: undefined };
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

import { docs as docsClient, type docs_v1 } from '@googleapis/docs';
import { drive as driveClient, type drive_v3 } from '@googleapis/drive';
import { DocumentMissingError } from '../../types.js';
import { createTokenSource } from './auth.js';
import type { GoogleProviderOptions } from '../options.js';
import { DEFAULT_RETRY, GOOGLE_LIMITS, GoogleApiError, pacedFetch, withRetry, type RetryContext } from './retry.js';

/** Per-call options handed to the generated clients: our bearer token (no google-auth-library). */
export interface CallOptions {
  headers: Record<string, string>;
}

/**
 * The Drive v3 and Docs v1 clients, pointed at the configured roots, with their own retries off
 * (ours honour Retry-After, cover POSTs and 403 rate limits, and can be made not to wait in tests).
 */
export function createGoogleApi(options: GoogleProviderOptions) {
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

  return { drive, docs, call, tokens, retry, permissionWrite };
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

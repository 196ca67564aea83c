/** The one way pages talk to the service: same-origin fetch, JSON, and errors people can act on. */
import type { ErrorResponse } from './types.js';

/** One problem with a request, named by its field path (`teamMember.email`); the form's own checks use the same shape. */
export type ApiIssue = ErrorResponse['error']['issues'][number];

/** A failed call. `status` 0 means the service could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthenticated(): boolean {
    return this.status === 401;
  }

  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; onResponse?: () => void } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      // Revalidate what the browser kept: the dashboard's answers carry an ETag and `private, no-cache`,
      // so the browser sends If-None-Match and an unchanged page comes back as an empty 304 (every
      // other answer is `no-store`, never kept).
      cache: 'no-cache',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The Coaching Plans service cannot be reached. Check that it is running and your network is up, then try again.');
  }
  init.onResponse?.();
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // An error answer is an ErrorResponse; anything else in front of the service (a proxy's 502) may send less.
    const error = (body as Partial<ErrorResponse> | null)?.error;
    const fallback = response.status >= 500 ? `The service answered with an error (${response.status}). Try again in a moment.` : `The request failed (${response.status}).`;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? fallback, error?.issues ?? []);
  }
  if (body === null) throw new ApiError(response.status, 'bad_response', 'The service sent an answer the dashboard cannot read. Try again in a moment.');
  return body as T;
}

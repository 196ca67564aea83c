/** An answer the fake gives instead of a result, in Google's error shapes. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`fake google ${status}`);
  }
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Drive v3's error body: legacy `errors[]` with a reason (as recorded in drive-error-404-files-get-notFound). */
export function driveError(status: number, reason: string, message: string, location?: string): FakeHttpError {
  const detail = {
    domain: reason === 'userRateLimitExceeded' || reason === 'rateLimitExceeded' ? 'usageLimits' : 'global',
    reason,
    message,
    ...(location ? { locationType: 'parameter', location } : {}),
  };
  return new FakeHttpError(status, { error: { errors: [detail], code: status, message } });
}

/** Docs v1's error body: `status` and no `errors[]` (the newer API generation). */
export function docsError(status: number, message: string): FakeHttpError {
  return new FakeHttpError(status, { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } });
}

export const fileNotFound = (fileId: string) => driveError(404, 'notFound', `File not found: ${fileId}.`, 'fileId');

import { FakeApiError } from './errors.js';

/**
 * The answers of a busy or contended Notion, each from its documentation. The messages are the
 * fake's own where the docs show none.
 */

/**
 * 429 rate_limited (https://developers.notion.com/reference/request-limits): "Requests that exceed
 * a limit return a "rate_limited" error code and an HTTP 429 response. additional_data.rate_limit_reason
 * says which limit was exceeded", with Retry-After "an integer number of seconds". The page's table of
 * reasons did not survive in the copy we have: `connection_rate_limit` and `workspace_rate_limit` are
 * the fake's names; the page adds "Other rate_limit_reason values can appear. Handle them like any
 * other 429 and wait for Retry-After", which is all the service does (it never reads the reason).
 */
export function rateLimited(retryAfterSeconds: number, reason: 'connection_rate_limit' | 'workspace_rate_limit'): FakeApiError {
  return new FakeApiError(
    429,
    'rate_limited',
    'You have been rate limited. Please try again in a few minutes.',
    { 'retry-after': String(retryAfterSeconds) },
    { rate_limit_reason: reason },
  );
}

/**
 * 529 service_overload: "Connections should handle HTTP 429 and 529 responses and respect the
 * Retry-After response header ... A 529 response carries the "service_overload" code" (request limits
 * page; the SDK's APIErrorCode.ServiceOverload). Whether a write answered 529 was applied the docs do
 * not say: `overload` refuses before applying, the random fault `performed-529` applies first, and the
 * service must be right after either.
 */
export function overloaded(retryAfterSeconds?: number): FakeApiError {
  return new FakeApiError(529, 'service_overload', 'Notion is overloaded. Please try again later.', retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {});
}

/**
 * 409 conflict_error (https://developers.notion.com/reference/status-codes): "The transaction could
 * not be completed, potentially due to a data collision. Make sure the parameters are up to date and
 * try again." Nothing is applied. When Notion answers it the docs do not say beyond "a data
 * collision": the fake answers it to writes on a page someone is editing in the app (ui.startEditing).
 */
export function conflict(): FakeApiError {
  return new FakeApiError(409, 'conflict_error', 'Conflict occurred while saving. Please try again.');
}

/** Faults on a share of all requests, for measuring (npm run bench). `performed-*` applies the request, then answers the error. */
export interface RandomFaults {
  rate: number;
  kinds: ('429' | '409' | '500' | '503' | '529' | 'performed-500' | 'performed-529')[];
  /** Seeded, so a run can be repeated. */
  random: () => number;
}

export function randomFaultAnswer(kind: RandomFaults['kinds'][number]): FakeApiError {
  switch (kind) {
    case '429':
      return rateLimited(1, 'connection_rate_limit');
    case '409':
      return conflict();
    case '529':
    case 'performed-529':
      return overloaded(1);
    case '503':
      return new FakeApiError(503, 'service_unavailable', 'Notion is unavailable, please try again later.');
    default:
      return new FakeApiError(500, 'internal_server_error', 'Notion encountered an unexpected error.');
  }
}

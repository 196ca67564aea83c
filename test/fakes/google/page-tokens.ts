import { driveError } from './errors.js';

/**
 * Drive's list page tokens are opaque and bound to the listing that issued them: a made-up or
 * mangled token is a 400, never "start from the beginning". (Change-feed tokens are plain numbers,
 * as Drive's are; drive-api.ts checks those.)
 */
export function issuePageToken(listing: string, offset: number): string {
  return btoa(JSON.stringify({ listing, offset })).replace(/=+$/, '');
}

/** The offset a token stands for (0 without one); a token from elsewhere is Drive's 400. */
export function readPageToken(listing: string, token: string | null): number {
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(atob(token)) as { listing?: unknown; offset?: unknown };
    if (parsed.listing === listing && typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // falls through to the refusal
  }
  throw driveError(400, 'invalid', 'Invalid Value', 'pageToken');
}

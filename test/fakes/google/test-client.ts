import { GOOGLE_SCOPES } from '../../../service/src/providers/google/api/auth.js';
import { GoogleFake, type FakeRequest } from './fake.js';
import { makeServiceAccount } from './keys.js';

/** Helpers for the fake's own tests: raw requests as any user, without the provider in between. */
export const OWNER = 'plans@acme.test';

export async function world(delegatedScopes = GOOGLE_SCOPES) {
  const fake = new GoogleFake();
  const { account } = await makeServiceAccount(delegatedScopes);
  fake.addServiceAccount(account);
  fake.addUser(OWNER);
  return fake;
}

/** A token issued by the fake for `subject`, minted without the provider (the fake's own contract). */
export function authed(fake: GoogleFake, subject = OWNER, scopes = GOOGLE_SCOPES): Headers {
  const token = `ya29.test-${subject}-${scopes.join(',')}`;
  (fake as unknown as { tokens: Map<string, unknown> }).tokens.set(token, { token, subject, scopes, expiresAt: Date.now() + 3600_000 });
  return new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
}

export interface CallOptions {
  root?: string;
  as?: string;
}

export async function call(fake: GoogleFake, method: string, path: string, body?: unknown, options: CallOptions | string = {}) {
  const { root = 'https://www.googleapis.com/', as = OWNER } = typeof options === 'string' ? { root: options } : options;
  const request: FakeRequest = { method, url: new URL(path, root).href, headers: authed(fake, as), body: body === undefined ? '' : JSON.stringify(body) };
  const response = await fake.handle(request);
  if (response.hang) throw new Error('hang');
  return { status: response.status, body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {} };
}

/** The `reason` of a Drive error body (or the message of a Docs one). */
export function reason(body: Record<string, unknown>): string | undefined {
  const error = body['error'] as { errors?: { reason: string }[]; message?: string } | undefined;
  return error?.errors?.[0]?.reason ?? error?.message;
}

import { AppError } from '../errors.js';
import type { SignInFailures } from '../store/types.js';

/**
 * Failed sign-ins are counted per client address and per email in the store (so every process and
 * Workers isolate sees the same counts). Past the limit, further attempts are refused before any
 * credential is even compared, until the window has passed.
 */
export const THROTTLE_WINDOW_MINUTES = 15;
/** An office behind one NAT shares an address, so the address limit is the looser one. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_EMAIL = 5;

export interface Attempt {
  /** The client's address (http/client-address.ts); unknown when the runtime cannot tell. */
  address: string | undefined;
  email?: string;
  /**
   * Which door: a typed credential (a token, or an email and the trial code) or an OIDC callback.
   * Each counts its own failures per address, so guessing tokens cannot lock out company sign-in.
   */
  via: 'credential' | 'oidc';
}

function keysOf(attempt: Attempt): { key: string; max: number }[] {
  const door = attempt.via === 'oidc' ? 'oidc-address' : 'address';
  const keys = [{ key: `${door}:${attempt.address ?? 'unknown'}`, max: MAX_FAILURES_PER_ADDRESS }];
  if (attempt.email) keys.push({ key: `email:${attempt.email.trim().toLowerCase()}`, max: MAX_FAILURES_PER_EMAIL });
  return keys;
}

/** Throws 429 when this address (at this door) or this email has failed too often lately. */
export async function refuseIfThrottled(failures: SignInFailures, attempt: Attempt, now: Date): Promise<void> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  for (const { key, max } of keysOf(attempt)) {
    if ((await failures.countSignInFailures(key, since)) >= max) {
      throw new AppError('too_many_attempts', `Too many failed sign-ins. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again.`);
    }
  }
}

export function recordFailure(failures: SignInFailures, attempt: Attempt, now: Date): Promise<void> {
  return failures.recordSignInFailure(
    keysOf(attempt).map((k) => k.key),
    now.toISOString(),
  );
}

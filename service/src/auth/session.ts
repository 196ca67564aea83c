/**
 * Browser sessions: a cookie holding a session id, who signed in, how, and until when, signed with
 * HMAC-SHA256 (crypto.subtle, so it runs on Workers too). The signature alone cannot end a session
 * early, so each session is also a row in the store: signing out closes the row, and a replayed
 * cookie finds it closed. The cookie is re-checked on every request against the current
 * configuration too, so removing a token from API_TOKENS ends its sessions.
 */
import { fromBase64, toBase64Url } from '../domain/base64.js';

export const SESSION_COOKIE = 'coaching_session';
export const SESSION_HOURS = 12;

/** On https the `__Host-` prefix makes the browser refuse the cookie unless Secure, path /, no Domain: no subdomain can plant or widen it. */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

import type { SignInMethod } from '../store/types.js';

export type { SignInMethod };

export interface SessionClaims {
  /** The session's row in the store (random, 128 bits). */
  sid: string;
  email: string;
  via: SignInMethod;
  /** Seconds since the epoch. */
  exp: number;
  /** `token` and `dev` sessions: credentialId of what was signed in with, so replacing it ends them. */
  tid?: string;
  /** `oidc` sessions: the ID token's groups held OIDC_HR_GROUP when signing in (the row keeps which group). */
  hr?: boolean;
}

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(text)));
}

/**
 * A credential's fingerprint for the cookie: an HMAC under SESSION_SECRET, so the cookie never carries
 * the token, and a bare hash that could be checked against guesses offline is never exposed either.
 */
export async function credentialId(credential: string, secret: string): Promise<string> {
  return toBase64Url(await hmac(secret, `credential:${credential}`)).slice(0, 22);
}

/** 128 random bits, base64url: session ids, trial codes' entropy. */
export function randomId(bytes = 16): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** `payload.signature`: JSON that only this service can have written (HMAC-SHA256 under SESSION_SECRET). */
export async function signValue(value: object, secret: string): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(value)));
  return `${payload}.${toBase64Url(await hmac(secret, payload))}`;
}

/** The value of a validly signed text; null for anything else. */
export async function verifySignedValue<T>(text: string, secret: string): Promise<Partial<T> | null> {
  const [payload, signature, ...rest] = text.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  try {
    const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), fromBase64(signature), encoder.encode(payload));
    if (!valid) return null;
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64(payload)));
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : null;
  } catch {
    return null;
  }
}

export const signSession = (claims: SessionClaims, secret: string): Promise<string> => signValue(claims, secret);

/** The claims of a validly signed, unexpired cookie; null for anything else. */
export async function verifySession(cookie: string, secret: string, nowSeconds: number): Promise<SessionClaims | null> {
  const claims = await verifySignedValue<SessionClaims>(cookie, secret);
  if (!claims || typeof claims.sid !== 'string' || typeof claims.email !== 'string' || typeof claims.exp !== 'number' || claims.exp < nowSeconds) return null;
  return claims as SessionClaims;
}

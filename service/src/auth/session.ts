/**
 * Browser sessions: a cookie holding who signed in, how, and until when, signed with HMAC-SHA256
 * (crypto.subtle, so it runs on Workers too). The cookie is re-checked on every request against the
 * current configuration, so removing a token from API_TOKENS ends its sessions.
 */
import { fromBase64, toBase64Url } from '../domain/base64.js';

export const SESSION_COOKIE = 'coaching_session';
export const SESSION_HOURS = 12;

export interface SessionClaims {
  email: string;
  /** `token`: signed in with an API token; `dev`: the loopback trial sign-in. */
  via: 'token' | 'dev';
  /** Seconds since the epoch. */
  exp: number;
  /** `token` sessions: the fingerprint (tokenId) of the token signed in with, so replacing it ends them. */
  tid?: string;
}

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** A token's fingerprint for the cookie: SHA-256, so the cookie never carries the token itself. */
export async function tokenId(token: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token)))).slice(0, 22);
}

export async function signSession(claims: SessionClaims, secret: string): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The claims of a valid, unexpired cookie; null for anything else. */
export async function verifySession(cookie: string, secret: string, nowSeconds: number): Promise<SessionClaims | null> {
  const [payload, signature, ...rest] = cookie.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  try {
    const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), fromBase64(signature), encoder.encode(payload));
    if (!valid) return null;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64(payload))) as SessionClaims;
    if (typeof claims.email !== 'string' || typeof claims.exp !== 'number' || claims.exp < nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}

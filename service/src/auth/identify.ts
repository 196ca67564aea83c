import type { SessionRecords } from '../store/types.js';
import type { Identity } from './access.js';
import type { Oidc } from './oidc.js';
import { type SessionClaims, credentialId, verifySession } from './session.js';

export interface IdentityOptions {
  /** token -> email, from API_TOKENS. */
  tokens: Map<string, string>;
  hrEmails: string[];
  /** The loopback trial sign-in is on (no tokens configured, listening on loopback). */
  devSignIn: boolean;
  /** The one-time code printed at start-up: the trial sign-in needs it, and a new code ends older trial sessions. */
  trialCode: string;
  sessionSecret: string;
  /** `__Host-coaching_session` on https, `coaching_session` otherwise. */
  cookieName: string;
  sessions: SessionRecords;
  /** OIDC sign-in is on; its sessions last while the email's domain is still allowed. */
  oidc?: Oidc;
  /** Behind Cloudflare Access: the email of a verified Cf-Access-Jwt-Assertion, or null. */
  access?: (assertion: string) => Promise<string | null>;
}

export function identityFor(email: string, hrEmails: string[], hrByGroup = false): Identity {
  const normalised = email.trim().toLowerCase();
  return { email: normalised, isHr: hrByGroup || hrEmails.includes(normalised) };
}

/** Compare in constant time so a token cannot be guessed byte by byte from response times. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function emailForToken(token: string, tokens: Map<string, string>): string | null {
  let found: string | null = null;
  for (const [known, email] of tokens) if (sameText(known, token)) found = email;
  return found;
}

export function domainAllowed(email: string, allowedDomains: string[]): boolean {
  return allowedDomains.length === 0 || allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1).toLowerCase());
}

/**
 * A session lasts while its row is open in the store and the way it was opened still grants access:
 * the very token still configured for that email, the same trial code, an OIDC domain still allowed.
 */
async function sessionStillValid(claims: SessionClaims, options: IdentityOptions, now: Date): Promise<boolean> {
  let granted = false;
  if (claims.via === 'dev') granted = options.devSignIn && claims.tid === (await credentialId(options.trialCode, options.sessionSecret));
  else if (claims.via === 'oidc') granted = options.oidc !== undefined && domainAllowed(claims.email, options.oidc.allowedDomains);
  else if (claims.via === 'token' && claims.tid) {
    for (const [token, email] of options.tokens) {
      if (email === claims.email && (await credentialId(token, options.sessionSecret)) === claims.tid) granted = true;
    }
  }
  return granted && (await options.sessions.isSessionOpen(claims.sid, now.toISOString()));
}

export interface IdentifyRequest {
  authorization: string | undefined;
  /** Cf-Access-Jwt-Assertion (never Cf-Access-Authenticated-User-Email, which anyone can send). */
  accessAssertion?: string | undefined;
  sessionCookie: string | undefined;
}

/** Who is calling, in API.md's order: Bearer token, Access assertion, session cookie; null when none is valid. */
export async function identify(request: IdentifyRequest, options: IdentityOptions, now = new Date()): Promise<Identity | null> {
  const bearer = request.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) {
    const email = emailForToken(bearer, options.tokens);
    return email ? identityFor(email, options.hrEmails) : null;
  }
  if (options.access && request.accessAssertion) {
    const email = await options.access(request.accessAssertion);
    return email ? identityFor(email, options.hrEmails) : null;
  }
  if (request.sessionCookie) {
    const claims = await verifySession(request.sessionCookie, options.sessionSecret, Math.floor(now.getTime() / 1000));
    if (claims && (await sessionStillValid(claims, options, now))) return identityFor(claims.email, options.hrEmails, claims.hr === true);
  }
  return null;
}

export const isLoopbackName = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * The trial sign-in (type an email and the start-up code) is only for a laptop: loopback, no tokens, no
 * company sign-in, and links pointing at this machine (a PUBLIC_URL under another name means people
 * reach it through a proxy).
 */
export function devSignInAllowed(options: { host: string; tokens: Map<string, string>; setting: 'auto' | 'off'; publicUrl?: string; companySignIn?: boolean }): boolean {
  const published = options.publicUrl !== undefined && !(URL.canParse(options.publicUrl) && isLoopbackName(new URL(options.publicUrl).hostname));
  return options.setting === 'auto' && options.tokens.size === 0 && !options.companySignIn && isLoopbackName(options.host) && !published;
}

/** The trial code: 12 characters that are easy to read and type (no 0/o, 1/l/i). */
export function newTrialCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => alphabet[byte % alphabet.length]).join('');
}

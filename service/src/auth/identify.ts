import type { SessionRecords } from '../store/types.js';
import { isLoopback, isLoopbackUrl } from '../domain/loopback.js';
import type { Identity } from './access.js';
import { domainAllowed } from './email-domain.js';
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

/** Whether the credential a session was opened with still grants access: the very token still configured for that email, the same trial code, an OIDC domain still allowed. */
async function credentialStillGranted(claims: SessionClaims, options: IdentityOptions): Promise<boolean> {
  if (claims.via === 'dev') return options.devSignIn && claims.tid === (await credentialId(options.trialCode, options.sessionSecret));
  if (claims.via === 'oidc') return options.oidc !== undefined && domainAllowed(claims.email, options.oidc.allowedDomains);
  if (claims.via === 'token' && claims.tid) {
    for (const [token, email] of options.tokens) {
      if (email === claims.email && (await credentialId(token, options.sessionSecret)) === claims.tid) return true;
    }
  }
  return false;
}

/**
 * A session lasts while its row is open in the store, the row says what the cookie says (email, method,
 * HR by group), and what opened it still grants access. HR is decided again on every request from the
 * current settings: HR_EMAILS as it is now, and for OIDC the group that made the person HR at sign-in
 * only while it is still OIDC_HR_GROUP. Membership itself is known only from the ID token at sign-in
 * (nothing asks the provider again), so leaving the group takes effect at the next sign-in, within
 * SESSION_HOURS; removing or changing OIDC_HR_GROUP takes effect at once.
 */
async function sessionIdentity(claims: SessionClaims, options: IdentityOptions, now: Date): Promise<Identity | null> {
  const row = await options.sessions.findOpenSession(claims.sid, now.toISOString());
  if (!row || row.email.toLowerCase() !== claims.email.toLowerCase() || row.via !== claims.via || (row.hrGroup !== null) !== (claims.hr === true)) return null;
  if (!(await credentialStillGranted(claims, options))) return null;
  const hrByGroup = claims.via === 'oidc' && row.hrGroup !== null && options.oidc?.hrGroup === row.hrGroup;
  return identityFor(claims.email, options.hrEmails, hrByGroup);
}

/**
 * Whether this email could sign in now, by any way configured: a token of theirs in API_TOKENS, an
 * OIDC domain still allowed, Cloudflare Access (whose policies the service cannot see), the trial
 * sign-in. A calendar feed, which works without signing in, is served only while its owner could.
 */
export function maySignIn(email: string, options: IdentityOptions): boolean {
  const normalised = email.trim().toLowerCase();
  if ([...options.tokens.values()].includes(normalised)) return true;
  if (options.oidc && domainAllowed(normalised, options.oidc.allowedDomains)) return true;
  return options.access !== undefined || options.devSignIn;
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
    if (claims) return sessionIdentity(claims, options, now);
  }
  return null;
}

/**
 * The trial sign-in (type an email and the start-up code) is only for a laptop: loopback, no tokens, no
 * company sign-in, and links pointing at this machine (a PUBLIC_URL under another name means people
 * reach it through a proxy).
 */
export function devSignInAllowed(options: { host: string; tokens: Map<string, string>; setting: 'auto' | 'off'; publicUrl?: string; companySignIn?: boolean }): boolean {
  const published = options.publicUrl !== undefined && !isLoopbackUrl(options.publicUrl);
  return options.setting === 'auto' && options.tokens.size === 0 && !options.companySignIn && isLoopback(options.host) && !published;
}

/** The trial code: 12 characters that are easy to read and type (no 0/o, 1/l/i). */
export function newTrialCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => alphabet[byte % alphabet.length]).join('');
}

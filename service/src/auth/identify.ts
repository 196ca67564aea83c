import type { Identity } from './access.js';
import { type SessionClaims, tokenId, verifySession } from './session.js';

export interface IdentityOptions {
  /** token -> email, from API_TOKENS. */
  tokens: Map<string, string>;
  hrEmails: string[];
  /** The loopback trial sign-in is on (no tokens configured, listening on loopback). */
  devSignIn: boolean;
  sessionSecret: string;
}

export function identityFor(email: string, hrEmails: string[]): Identity {
  const normalised = email.trim().toLowerCase();
  return { email: normalised, isHr: hrEmails.includes(normalised) };
}

/** Compare in constant time so a token cannot be guessed byte by byte from response times. */
function sameText(a: string, b: string): boolean {
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

/** A session lasts while the very token it was opened with is still configured for that email. */
async function sessionStillValid(claims: SessionClaims, options: IdentityOptions): Promise<boolean> {
  if (claims.via === 'dev') return options.devSignIn;
  if (claims.via !== 'token' || !claims.tid) return false;
  for (const [token, email] of options.tokens) {
    if (email === claims.email && (await tokenId(token)) === claims.tid) return true;
  }
  return false;
}

/** Who is calling: a Bearer token first, then the session cookie; null when neither is valid. */
export async function identify(
  request: { authorization: string | undefined; sessionCookie: string | undefined },
  options: IdentityOptions,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Identity | null> {
  const bearer = request.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) {
    const email = emailForToken(bearer, options.tokens);
    return email ? identityFor(email, options.hrEmails) : null;
  }
  if (request.sessionCookie) {
    const claims = await verifySession(request.sessionCookie, options.sessionSecret, nowSeconds);
    if (claims && (await sessionStillValid(claims, options))) return identityFor(claims.email, options.hrEmails);
  }
  return null;
}

const isLoopbackName = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * The trial sign-in (type an email, no password) is only safe on a laptop: loopback, no tokens, and
 * links pointing at this machine (a PUBLIC_URL under another name means people reach it through a proxy).
 */
export function devSignInAllowed(options: { host: string; tokens: Map<string, string>; setting: 'auto' | 'off'; publicUrl?: string }): boolean {
  const published = options.publicUrl !== undefined && !(URL.canParse(options.publicUrl) && isLoopbackName(new URL(options.publicUrl).hostname));
  return options.setting === 'auto' && options.tokens.size === 0 && isLoopbackName(options.host) && !published;
}

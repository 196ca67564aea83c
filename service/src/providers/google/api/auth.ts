import { importPKCS8, SignJWT } from 'jose';
import { ProviderError } from '../../types.js';

/** The service account's JSON key, as the Cloud console downloads it (only the fields we use). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  client_id?: string;
}

/** Drive (files, permissions, changes) and Docs. Both must be listed in the domain-wide delegation. */
export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/documents'];

/** Sending reminders as REMINDER_SENDER (reminders/gmail.ts): its own token, so it never carries Drive access. */
export const GMAIL_SEND_SCOPE = 'https://www.googleapis.com/auth/gmail.send';

export interface TokenSourceOptions {
  key: ServiceAccountKey;
  subject: string;
  /** The scopes to ask for; GOOGLE_SCOPES unless given. Each must be delegated to the client id. */
  scopes?: string[];
  tokenUrl: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

/**
 * The token endpoint refused the key or the delegation: not worth retrying within this call, but
 * `retryable` for the plan, which resumes once an admin fixes the setup.
 */
export class TokenError extends ProviderError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: true });
    this.name = 'TokenError';
  }
}

/**
 * OAuth access tokens for the service account acting as the subject: a JWT assertion signed with
 * RS256 (jose, on Web Crypto) and posted to the configured token URL, so a fake or proxy can stand in for
 * Google's (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 * The token is cached until a minute before it expires.
 */
export function createTokenSource(options: TokenSourceOptions) {
  let cached: { token: string; expiresAt: number } | undefined;
  let signingKey: Promise<CryptoKey> | undefined;

  async function fetchToken(): Promise<{ token: string; expiresAt: number }> {
    signingKey ??= importPrivateKey(options.key.private_key);
    const issuedAt = Math.floor(options.now() / 1000);
    // The claims Google asks for: iss, scope, aud (the token URL), exp at most an hour after iat, and sub for delegation.
    const assertion = await new SignJWT({ scope: (options.scopes ?? GOOGLE_SCOPES).join(' ') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(options.key.private_key_id ? { kid: options.key.private_key_id } : {}) })
      .setIssuer(options.key.client_email)
      .setSubject(options.subject)
      .setAudience(options.tokenUrl)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(await signingKey);
    const response = await options.fetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) throw tokenFailure(response.status, body, text, options);
    const token = body['access_token'];
    const expiresIn = Number(body['expires_in'] ?? 3600);
    if (typeof token !== 'string') throw new TokenError('[google] token: the token endpoint answered without an access_token');
    return { token, expiresAt: options.now() + expiresIn * 1000 };
  }

  return {
    /** A valid access token, from the cache when it has more than a minute left. */
    async getToken(): Promise<string> {
      if (cached && cached.expiresAt - 60_000 > options.now()) return cached.token;
      cached = await fetchToken();
      return cached.token;
    },
    /** Forget the cached token (the API answered 401). */
    invalidate(): void {
      cached = undefined;
    },
  };
}

/**
 * Tokens to send mail as `sender` through Gmail (reminders/gmail.ts): the same service account and
 * delegation, but only the gmail.send scope, so a reminder's token never carries Drive access.
 */
export function gmailTokenSource(options: Omit<TokenSourceOptions, 'scopes' | 'subject'> & { sender: string }) {
  const { sender, ...rest } = options;
  return createTokenSource({ ...rest, subject: sender, scopes: [GMAIL_SEND_SCOPE] });
}

function tokenFailure(status: number, body: Record<string, unknown>, text: string, options: TokenSourceOptions): Error {
  const code = typeof body['error'] === 'string' ? body['error'] : '';
  const detail = typeof body['error_description'] === 'string' ? body['error_description'] : text.slice(0, 200);
  const clientId = options.key.client_id ?? options.key.client_email;
  if (code === 'unauthorized_client' || code === 'access_denied') {
    return new TokenError(
      `[google] token: domain-wide delegation is missing or lacks scopes (${code}: ${detail}). In the Admin console, ` +
        `Security > Access and data control > API controls > Domain-wide delegation, allow client ${clientId} the scopes ${(options.scopes ?? GOOGLE_SCOPES).join(',')}, ` +
        `and check that GOOGLE_SUBJECT (${options.subject}) is an active user of the domain.`,
    );
  }
  if (code === 'invalid_grant' || code === 'invalid_client') {
    return new TokenError(
      `[google] token: the service account key was rejected (${code}: ${detail}). The key may be deleted or revoked, or the ` +
        `subject ${options.subject} does not exist: create a new key for ${options.key.client_email} and set GOOGLE_SERVICE_ACCOUNT_KEY.`,
    );
  }
  const retryable = status === 429 || status >= 500;
  return new ProviderError(`[google] token: the token endpoint answered ${status} ${code || detail}`, { retryable, cause: { status } });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  try {
    return await importPKCS8(pem.trim(), 'RS256');
  } catch (cause) {
    throw new TokenError('[google] token: GOOGLE_SERVICE_ACCOUNT_KEY has a private_key that is not a PKCS#8 RSA key', { cause });
  }
}

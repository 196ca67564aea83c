import { FakeHttpError } from './errors.js';

/** A service account the fake's token endpoint knows, with what the domain admin delegated to it. */
export interface FakeServiceAccount {
  clientEmail: string;
  clientId: string;
  publicKey: CryptoKey;
  /** Scopes granted to the client id under domain-wide delegation; empty = no delegation. */
  delegatedScopes: string[];
  /** The key was deleted or disabled in the Cloud console. */
  revoked?: boolean;
}

export interface IssuedToken {
  token: string;
  subject: string;
  scopes: string[];
  expiresAt: number;
}

const oauthError = (status: number, error: string, description: string) => new FakeHttpError(status, { error, error_description: description });

function decodePart(part: string): Uint8Array<ArrayBuffer> {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Google's OAuth token endpoint for the JWT bearer grant
 * (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
 * checks the assertion's RS256 signature against the account's public key, `aud` (this URL), `exp`,
 * `sub` (a user of the domain) and that every requested scope was delegated.
 */
export async function exchangeAssertion(
  form: URLSearchParams,
  ctx: { tokenUrl: string; accounts: FakeServiceAccount[]; users: Set<string>; now: number; issue: (t: Omit<IssuedToken, 'token'>) => string },
): Promise<Record<string, unknown>> {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
    throw oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
  const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
  if (!header || !payload || !signature) throw oauthError(400, 'invalid_request', 'Invalid JWT: malformed assertion');
  let claims: Record<string, unknown>;
  let alg: unknown;
  try {
    alg = (JSON.parse(new TextDecoder().decode(decodePart(header))) as { alg?: string }).alg;
    claims = JSON.parse(new TextDecoder().decode(decodePart(payload))) as Record<string, unknown>;
  } catch {
    throw oauthError(400, 'invalid_request', 'Invalid JWT: cannot decode');
  }
  if (alg !== 'RS256') throw oauthError(400, 'invalid_grant', 'Invalid JWT: unsupported algorithm');
  const account = ctx.accounts.find((a) => a.clientEmail === claims['iss']);
  if (!account) throw oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', account.publicKey, decodePart(signature), new TextEncoder().encode(`${header}.${payload}`));
  if (!valid || account.revoked) throw oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  if (claims['aud'] !== ctx.tokenUrl) throw oauthError(400, 'invalid_grant', `Invalid JWT: audience must be ${ctx.tokenUrl}`);
  const now = Math.floor(ctx.now / 1000);
  const iat = Number(claims['iat']);
  const exp = Number(claims['exp']);
  if (!(iat <= now + 300 && exp > now && exp - iat <= 3600))
    throw oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  const subject = typeof claims['sub'] === 'string' ? claims['sub'].toLowerCase() : '';
  if (!ctx.users.has(subject)) throw oauthError(400, 'invalid_grant', 'Invalid email or User ID');
  const scopes = String(claims['scope'] ?? '')
    .split(' ')
    .filter(Boolean);
  if (scopes.length === 0 || !scopes.every((scope) => account.delegatedScopes.includes(scope))) {
    throw oauthError(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
  }
  const token = ctx.issue({ subject, scopes, expiresAt: ctx.now + 3600_000 });
  return { access_token: token, expires_in: 3599, token_type: 'Bearer' };
}

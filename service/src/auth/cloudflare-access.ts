/**
 * Behind Cloudflare Access, every request that reaches the service carries Cf-Access-Jwt-Assertion:
 * a JWT Cloudflare signed for this application. The identity is its email, and only after jose has
 * verified the signature against the team's published keys, the issuer (the team domain), the
 * audience (the application's AUD tag) and the expiry. Cf-Access-Authenticated-User-Email is never
 * read: any client that reaches the origin directly can send it.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface AccessSettings {
  /** e.g. https://acme.cloudflareaccess.com */
  teamDomain: string;
  /** The application's Application Audience (AUD) tag. */
  audience: string;
}

/** A verifier: the email of a valid assertion, or null. Keys are cached and fetched again for an unknown `kid`. */
export function createAccessVerifier(settings: AccessSettings, options: { refetchCooldownMs?: number } = {}): (assertion: string) => Promise<string | null> {
  const issuer = settings.teamDomain.replace(/\/+$/, '');
  // jose keeps the keys for 10 minutes and fetches again (at most every 30 s) for a kid it does not know:
  // Cloudflare publishes a new key before signing with it.
  const keys = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`), { cooldownDuration: options.refetchCooldownMs ?? 30_000 });
  return async (assertion) => {
    try {
      const { payload } = await jwtVerify(assertion, keys, { issuer, audience: settings.audience, algorithms: ['RS256'] });
      return typeof payload.email === 'string' && payload.email.includes('@') ? payload.email.trim().toLowerCase() : null;
    } catch {
      return null;
    }
  };
}

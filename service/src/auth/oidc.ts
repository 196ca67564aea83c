/**
 * Sign-in with the company's OpenID Connect provider (Google Workspace, Okta, Entra ID, ...):
 * authorization code flow with PKCE, `state` and `nonce`, through openid-client (Web APIs only, so it
 * runs on Workers too). No token is verified by hand here: openid-client checks the ID token's
 * issuer, audience, expiry, nonce and algorithm, and, with enableNonRepudiationChecks, its signature
 * against the provider's published keys (jwks_uri), although it came straight from the token endpoint.
 */
import * as client from 'openid-client';
import { errorMessage } from '../errors.js';
import { domainAllowed } from './email-domain.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Email domains that may sign in; empty: any. */
  allowedDomains: string[];
  /** Members of this group (the ID token's `groups` claim) have the HR role. */
  hrGroup?: string;
  /** PUBLIC_URL/auth/callback: the redirect URI registered with the provider. */
  redirectUri: string;
}

/** What the browser keeps between leaving for the provider and coming back (the state cookie). */
export interface OidcAttempt {
  state: string;
  nonce: string;
  verifier: string;
}

/** A refusal that the person can act on; `reason` is safe to show. */
export class OidcRefusal extends Error {
  /** `email`: who the provider said it was, when it got that far (the refusal counts against that email too). */
  constructor(
    readonly reason: string,
    readonly email?: string,
  ) {
    super(reason);
    this.name = 'OidcRefusal';
  }
}

export interface Oidc {
  /** For "Sign in with …". */
  name: string;
  allowedDomains: string[];
  /** OIDC_HR_GROUP: sessions it made HR stay HR only while it is still the setting. */
  hrGroup?: string;
  begin(): Promise<{ url: URL; attempt: OidcAttempt }>;
  /** The verified person, from the provider's redirect back; throws OidcRefusal otherwise. */
  finish(callbackUrl: URL, attempt: OidcAttempt): Promise<{ email: string; hr: boolean }>;
}

/** "Sign in with Google" reads better than "Sign in with accounts.google.com". */
export function providerName(issuer: string): string {
  const host = new URL(issuer).hostname;
  if (host === 'accounts.google.com') return 'Google';
  if (host.endsWith('.okta.com') || host.endsWith('.oktapreview.com')) return 'Okta';
  if (host === 'login.microsoftonline.com') return 'Microsoft';
  return host;
}

/** The most precise message in openid-client's chain of causes (e.g. `unexpected JWT "aud" (audience) claim value`), so an admin can fix the setup. */
function describeError(error: unknown): string {
  let message = errorMessage(error);
  for (let cause = error instanceof Error ? error.cause : undefined; cause instanceof Error; cause = cause.cause) message = cause.message;
  return message;
}

export function createOidc(settings: OidcSettings): Oidc {
  let discovered: Promise<client.Configuration> | null = null;

  /** Discovery once, and again after a failure (the provider may have been down at start-up). */
  function configuration(): Promise<client.Configuration> {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      // Config validation allows http: only for a loopback issuer (tests run a provider locally).
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
      const config = await client.discovery(issuer, settings.clientId, undefined, auth, { execute });
      client.enableNonRepudiationChecks(config);
      return config;
    })().catch((error: unknown) => {
      discovered = null;
      throw error;
    });
    return discovered;
  }

  return {
    name: providerName(settings.issuer),
    allowedDomains: settings.allowedDomains,
    ...(settings.hrGroup ? { hrGroup: settings.hrGroup } : {}),

    async begin() {
      const config = await configuration();
      const attempt: OidcAttempt = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
        code_challenge_method: 'S256',
        state: attempt.state,
        nonce: attempt.nonce,
      });
      return { url, attempt };
    },

    async finish(callbackUrl, attempt) {
      const config = await configuration();
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: attempt.verifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        throw new OidcRefusal(`The identity provider's answer was not accepted (${describeError(error)}).`);
      }
      const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email.includes('@')) throw new OidcRefusal('The identity provider sent no email address: allow the "email" scope for this app.');
      // Entra ID sends no email_verified at all; a provider that says false is refused.
      if (claims?.email_verified === false) throw new OidcRefusal(`The identity provider has not verified ${email}.`, email);
      if (!domainAllowed(email, settings.allowedDomains)) throw new OidcRefusal(`${email} is not in a domain allowed to sign in here.`, email);
      const groups = Array.isArray(claims?.groups) ? claims.groups : [];
      return { email, hr: settings.hrGroup !== undefined && groups.includes(settings.hrGroup) };
    },
  };
}

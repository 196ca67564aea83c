import { z } from 'zod';
import { type ConfigIssues, secureUrl } from '../config-fields.js';

/**
 * Secrets copied from the examples (.dev.vars.example, .env.example, the README) instead of generated:
 * anyone who has read the repository knows them. Start-up refuses them.
 */
export const EXAMPLE_SESSION_SECRETS: readonly string[] = ['change-me-to-32-or-more-random-characters'];
/** A placeholder left in a token or secret (`change-me-hr-token-0123`, `replace-me...`). */
const PLACEHOLDER = /change-?me|replace-?me|your-?(token|secret)/i;

const tokenPairs = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const tokens = new Map<string, string>();
    const pairs = value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    for (const [index, pair] of pairs.entries()) {
      const at = pair.indexOf('=');
      const email = pair.slice(0, at).trim().toLowerCase();
      const token = pair.slice(at + 1).trim();
      if (at < 1 || !z.email().safeParse(email).success || token.length < 16) {
        // Start-up errors end up in logs and terminals: name the pair, never repeat its text (a token).
        const named = at >= 1 && z.email().safeParse(email).success ? ` (${email})` : '';
        ctx.addIssue({ code: 'custom', message: `pair ${index + 1}${named} is not email=token with a token of 16+ characters` });
        continue;
      }
      tokens.set(token, email);
    }
    return tokens;
  });

const domainList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'each entry must be a domain such as acme.com')));

/** Who may call the service, and how (README: Sign-in; docs/sign-in.md). */
export const signInSchema = z.object({
  /** email=token pairs; `Authorization: Bearer <token>` acts as that email. */
  API_TOKENS: tokenPairs,
  /** Signs browser session cookies; on Node a random one per process is used when unset (sessions end at restart). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Behind a reverse proxy: the header in which it passes on the client's address (`X-Forwarded-For`,
   * `X-Real-IP`, `Forwarded`, ...), so the sign-in throttle counts each client apart instead of the
   * proxy's one address. Set it only when nothing but the proxy can reach the service (anyone else
   * could write the header). Unset: the socket's address (CF-Connecting-IP on Workers).
   */
  TRUSTED_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name such as X-Forwarded-For')
    .transform((name) => name.toLowerCase())
    .optional(),
  /** How many trusted proxies append to TRUSTED_PROXY_HEADER: the client is that many entries from the right. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Allow the email-only sign-in page (only honoured on loopback with no tokens configured). */
  DEV_SIGN_IN: z.enum(['auto', 'off']).default('auto'),
  /** OpenID Connect sign-in (discovery at OIDC_ISSUER/.well-known/openid-configuration). */
  OIDC_ISSUER: secureUrl.optional(),
  /** This app's client id at the identity provider; required with OIDC_ISSUER. */
  OIDC_CLIENT_ID: z.string().optional(),
  /** The client secret, when the provider registered this app as a confidential client. */
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Email domains allowed to sign in with OIDC; empty: any the provider vouches for. */
  OIDC_ALLOWED_DOMAINS: domainList,
  /** Members of this group (the ID token's `groups` claim) have the HR role. */
  OIDC_HR_GROUP: z.string().optional(),
  /** Behind Cloudflare Access: the team domain (issuer) and the application's audience tag. */
  CF_ACCESS_TEAM_DOMAIN: secureUrl.optional(),
  /** The Access application's audience (AUD) tag; goes with CF_ACCESS_TEAM_DOMAIN. */
  CF_ACCESS_AUD: z.string().optional(),
});

export type SignInSettings = z.output<typeof signInSchema>;

/** The sign-in rules between variables; HR_EMAILS is the core's, but sign-in is what makes it required. */
export function checkSignIn(config: SignInSettings & { HR_EMAILS: string[] }, issues: ConfigIssues): void {
  // Once people sign in with tokens, "HR" must mean specific addresses: otherwise anyone could name
  // themselves (or a friend) the HR party of a plan and become its fifth reader.
  const signIn = config.API_TOKENS.size > 0 ? 'API_TOKENS' : config.OIDC_ISSUER ? 'OIDC_ISSUER' : config.CF_ACCESS_TEAM_DOMAIN ? 'CF_ACCESS_TEAM_DOMAIN' : null;
  if (signIn && config.HR_EMAILS.length === 0) issues.add('HR_EMAILS', `is required when ${signIn} is set: the HR addresses (or group) that see every plan`);
  if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID) issues.add('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set: the client id of this app at the identity provider');
  if (!config.OIDC_ISSUER && (config.OIDC_CLIENT_ID || config.OIDC_CLIENT_SECRET)) issues.add('OIDC_ISSUER', 'is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set');
  if (Boolean(config.CF_ACCESS_TEAM_DOMAIN) !== Boolean(config.CF_ACCESS_AUD)) {
    issues.add(config.CF_ACCESS_TEAM_DOMAIN ? 'CF_ACCESS_AUD' : 'CF_ACCESS_TEAM_DOMAIN', 'CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD go together');
  }
  if (config.SESSION_SECRET && (EXAMPLE_SESSION_SECRETS.includes(config.SESSION_SECRET) || PLACEHOLDER.test(config.SESSION_SECRET))) {
    issues.add('SESSION_SECRET', 'is the example value (or a placeholder): anyone who read the example can sign cookies; generate one, e.g. `openssl rand -hex 32`');
  }
  // Name the pair by its email, never the token (start-up errors end up in logs).
  for (const [token, email] of config.API_TOKENS) {
    if (PLACEHOLDER.test(token)) issues.add('API_TOKENS', `the token of ${email} is a placeholder from the example: generate one, e.g. \`openssl rand -hex 24\``);
  }
}

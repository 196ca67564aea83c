import { z } from 'zod';
import { isLoopbackUrl } from './domain/loopback.js';
import { providerNameSchema } from './domain/plan-schema.js';
import { zodIssueDetails } from './errors.js';
import { googleEnabled } from './providers/google/options.js';
import { notionEnabled } from './providers/notion/options.js';

const emailList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((email) => email.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.email('each entry must be an email address')));

const tokenPairs = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const tokens = new Map<string, string>();
    const pairs = value.split(',').map((p) => p.trim()).filter(Boolean);
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
  .transform((value) => value.split(',').map((domain) => domain.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'each entry must be a domain such as acme.com')));

/** https, or http on this machine only (tests run an identity provider locally). */
const secureUrl = z
  .url()
  .refine((url) => url.startsWith('https://') || (url.startsWith('http://') && isLoopbackUrl(url)), 'must be an https: URL (http: only on loopback, for tests)');

/**
 * Secrets copied from the examples (.dev.vars.example, .env.example, the README) instead of generated:
 * anyone who has read the repository knows them. Start-up refuses them.
 */
export const EXAMPLE_SESSION_SECRETS: readonly string[] = ['change-me-to-32-or-more-random-characters'];
/** A placeholder left in a token or secret (`change-me-hr-token-0123`, `replace-me...`). */
const PLACEHOLDER = /change-?me|replace-?me|your-?(token|secret)/i;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The service's configuration, read once from the environment (a `.env` file on Node, vars and
 * secrets on Workers). Names are a public contract (README: Configuration).
 */
export const configSchema = z.object({
  /** Where the Node server listens. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** The address it binds: loopback by default (the trial sign-in needs it); `0.0.0.0` or `::` to be reachable from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** SQLite database and local documents. */
  DATA_DIR: z.string().default('./data'),
  /** Base URL used in links (document URLs of the local provider, the dashboard); default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional().transform((url) => url?.replace(/\/+$/, '')),
  /**
   * An http: PUBLIC_URL on another machine sends session cookies and tokens across the network in clear,
   * so it is refused unless this says the network is trusted (`true`). Loopback http: is always allowed.
   */
  ALLOW_HTTP_PUBLIC_URL: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Default provider for new plans. */
  PROVIDER: providerNameSchema.default('local'),
  /** IANA zone in which "today" and plan dates are read. */
  TIME_ZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam'),
  /** Node: time between poll cycles (Workers: the Cron Trigger in wrangler.toml). */
  POLL_INTERVAL_SECONDS: positiveInt(300),
  /** After a webhook says a document changed, wait this long (gathering a burst of edits) before reading it. */
  WEBHOOK_POLL_DELAY_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /** Full sharing sweep of every document, slower than the poll. */
  SHARING_SWEEP_SECONDS: positiveInt(3600),
  /** Emails (or a group address) with the HR role; the first is the default HR party. */
  HR_EMAILS: emailList,
  /** email=token pairs; `Authorization: Bearer <token>` acts as that email. */
  API_TOKENS: tokenPairs,
  /** Folder of custom templates; `coaching-plan.md` there replaces the default. */
  TEMPLATES_DIR: z.string().optional(),
  /** How to read an ambiguous date like 03/12/2026. */
  DATE_ORDER: z.enum(['DMY', 'MDY']).default('DMY'),
  /** Status thresholds (README: status rules). */
  CHECKIN_GRACE_DAYS: z.coerce.number().int().min(0).max(14).default(2),
  /** At risk when activity completion trails elapsed time by more than this many percentage points. */
  ACTIVITY_LAG_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  /** Off track at this many missed check-ins. */
  OFF_TRACK_MISSED_CHECKINS: z.coerce.number().int().min(1).max(10).default(2),
  /** Signs browser session cookies; on Node a random one per process is used when unset (sessions end at restart). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Behind a reverse proxy: the header in which it passes on the client's address (`X-Forwarded-For`,
   * `X-Real-IP`, `Forwarded`, ...), so the sign-in throttle counts each client apart instead of the
   * proxy's one address. Set it only when nothing but the proxy can reach the service (anyone else
   * could write the header). Unset: the socket's address (CF-Connecting-IP on Workers).
   */
  TRUSTED_PROXY_HEADER: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name such as X-Forwarded-For').transform((name) => name.toLowerCase()).optional(),
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
  /** Google Docs plans (docs/google-setup.md): the service account's whole JSON key file, as text. */
  GOOGLE_SERVICE_ACCOUNT_KEY: z.string().optional(),
  /** The Workspace user the service account acts as (domain-wide delegation): it owns the plan documents. */
  GOOGLE_SUBJECT: z.email().optional(),
  /** The Drive folder (in the subject's My Drive) that holds the plan documents. */
  GOOGLE_PLANS_FOLDER_ID: z.string().optional(),
  /** Optional: a Google Doc copied for each new plan, its {{placeholders}} filled in. */
  GOOGLE_TEMPLATE_DOC_ID: z.string().optional(),
  /** Drive's API root; tests point it, and the next two, at the fake. */
  GOOGLE_API_ROOT_URL: z.url().default('https://www.googleapis.com/'),
  /** Docs' API root. */
  GOOGLE_DOCS_ROOT_URL: z.url().default('https://docs.googleapis.com/'),
  /** Where the signed assertion is exchanged for an access token (also the assertion's audience). */
  GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  /** Drive role of the manager's manager and of HR on plan documents (team member and manager: writer). */
  GOOGLE_ROLE_MANAGERS_MANAGER: z.enum(['writer', 'commenter', 'reader']).default('commenter'),
  /** Drive role of HR on plan documents. */
  GOOGLE_ROLE_HR: z.enum(['writer', 'commenter', 'reader']).default('commenter'),
  /** What the team member and manager keep on a closed plan's document. */
  GOOGLE_ROLE_ON_CLOSE: z.enum(['writer', 'commenter', 'reader']).default('commenter'),
  /** Party addresses that are Google Groups (e.g. an HR group), granted as type `group`. */
  GOOGLE_GROUP_EMAILS: emailList,
  /** Notion plans (docs/notion-setup.md): the internal integration's secret. */
  NOTION_TOKEN: z.string().optional(),
  /** The data source (of the plans database) that plan pages are created in; goes with NOTION_TOKEN. */
  NOTION_DATA_SOURCE_ID: z.string().optional(),
  /** Notion's API root; tests point it at the fake. */
  NOTION_BASE_URL: z.url().default('https://api.notion.com'),
  /** Only for renamed database properties: `Key=Your name` pairs, comma-separated (`HR=People team,Start=Begins`). */
  NOTION_PROPERTIES: z.string().optional(),
  /** Optional: the token Notion sends once when the webhook subscription is created (the service logs it); until it is set, only that request is accepted. */
  NOTION_WEBHOOK_VERIFICATION_TOKEN: z.string().optional(),
  /** Workers: the most provider requests one invocation sends (token requests count); the rest waits for the next. */
  WORKER_SUBREQUEST_BUDGET: z.coerce.number().int().min(5).max(10_000).default(40),
  /** Reminders (README: Reminders): remind this many days before a check-in is due (0: on the day). */
  REMINDER_LEAD_DAYS: z.coerce.number().int().min(0).max(14).default(1),
  /** Reminders as a Slack-compatible JSON POST `{"text": ...}`; off when unset. */
  NOTIFY_WEBHOOK_URL: secureUrl.optional(),
  /**
   * What the webhook's room is told. Everyone in the channel reads it: `full` names the plan and who it
   * is for; `minimal` names no one and links to the dashboard.
   */
  NOTIFY_WEBHOOK_MESSAGE: z.enum(['full', 'minimal']).default('full'),
  /** Reminders by email over SMTP (Node only): smtp://user:pass@host:587 or smtps://...:465. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465' }).optional(),
  /** The From address of SMTP reminders. */
  MAIL_FROM: z.email().optional(),
  /** Reminders by email through the Gmail API, sent as this Workspace user (domain-wide delegation). */
  REMINDER_SENDER: z.email().optional(),
  /** Gmail's API root, for REMINDER_SENDER; tests point it at the fake. */
  GOOGLE_GMAIL_ROOT_URL: z.url().default('https://gmail.googleapis.com/'),
  /** Optional: create Notion plan pages from this template of the database (its id, or `default`) and fill its {{placeholders}}. */
  NOTION_TEMPLATE_ID: z.string().optional(),
}).superRefine((config, ctx) => {
  // Once people sign in with tokens, "HR" must mean specific addresses: otherwise anyone could name
  // themselves (or a friend) the HR party of a plan and become its fifth reader.
  const signIn = config.API_TOKENS.size > 0 ? 'API_TOKENS' : config.OIDC_ISSUER ? 'OIDC_ISSUER' : config.CF_ACCESS_TEAM_DOMAIN ? 'CF_ACCESS_TEAM_DOMAIN' : null;
  if (signIn && config.HR_EMAILS.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['HR_EMAILS'], message: `is required when ${signIn} is set: the HR addresses (or group) that see every plan` });
  }
  if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'is required when OIDC_ISSUER is set: the client id of this app at the identity provider' });
  }
  if (!config.OIDC_ISSUER && (config.OIDC_CLIENT_ID || config.OIDC_CLIENT_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set' });
  }
  if (Boolean(config.CF_ACCESS_TEAM_DOMAIN) !== Boolean(config.CF_ACCESS_AUD)) {
    ctx.addIssue({ code: 'custom', path: [config.CF_ACCESS_TEAM_DOMAIN ? 'CF_ACCESS_AUD' : 'CF_ACCESS_TEAM_DOMAIN'], message: 'CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD go together' });
  }
  if (config.SMTP_URL && !config.MAIL_FROM) {
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set: the From address of reminder emails' });
  }
  if (config.REMINDER_SENDER && !config.GOOGLE_SERVICE_ACCOUNT_KEY) {
    ctx.addIssue({ code: 'custom', path: ['GOOGLE_SERVICE_ACCOUNT_KEY'], message: 'is required when REMINDER_SENDER is set: reminders are sent through Gmail with the service account (README: Reminders)' });
  }
  if (config.SESSION_SECRET && (EXAMPLE_SESSION_SECRETS.includes(config.SESSION_SECRET) || PLACEHOLDER.test(config.SESSION_SECRET))) {
    ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is the example value (or a placeholder): anyone who read the example can sign cookies; generate one, e.g. `openssl rand -hex 32`' });
  }
  // Name the pair by its email, never the token (start-up errors end up in logs).
  for (const [token, email] of config.API_TOKENS) {
    if (PLACEHOLDER.test(token)) ctx.addIssue({ code: 'custom', path: ['API_TOKENS'], message: `the token of ${email} is a placeholder from the example: generate one, e.g. \`openssl rand -hex 24\`` });
  }
  if (config.PUBLIC_URL?.startsWith('http://') && !isLoopbackUrl(config.PUBLIC_URL) && !config.ALLOW_HTTP_PUBLIC_URL) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is http: on another machine: sign-in cookies and tokens would cross the network unencrypted. Use https (behind a proxy that terminates TLS), or set ALLOW_HTTP_PUBLIC_URL=true on a network you trust' });
  }
  // Local documents are always there (each runtime stores them); the others only when configured.
  const configured = { local: true, google: googleEnabled(config), notion: notionEnabled(config) };
  if (!configured[config.PROVIDER]) {
    ctx.addIssue({ code: 'custom', path: ['PROVIDER'], message: `"${config.PROVIDER}" is the default for new plans but is not configured (see the README's ${config.PROVIDER} setup)` });
  }
  if (config.REMINDER_SENDER && config.SMTP_URL) {
    ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'and REMINDER_SENDER are both set: choose one email channel for reminders, or everyone gets each reminder twice' });
  }
}).transform((config) => ({ ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` }));

export type Config = z.infer<typeof configSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment once; one error naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(zodIssueDetails(result.error, '(environment)').map((issue) => `${issue.path}: ${issue.message}`));
  }
  return result.data;
}

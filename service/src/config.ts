import { z } from 'zod';
import { isLoopbackUrl } from './domain/loopback.js';
import { providerNameSchema } from './domain/plan-schema.js';
import { zodIssueDetails } from './errors.js';
import { checkSignIn, signInSchema } from './auth/sign-in-options.js';
import { type ConfigIssues, emailList } from './config-fields.js';
import { checkGoogle, googleEnabled, googleSchema } from './providers/google/options.js';
import { checkNotion, notionEnabled, notionSchema } from './providers/notion/options.js';
import { checkReminders, remindersSchema } from './reminders/options.js';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The service's own variables: where it listens and stores, plan rules, timing, the default provider. */
const coreSchema = z.object({
  /** Where the Node server listens. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** The address it binds: loopback by default (the trial sign-in needs it); `0.0.0.0` or `::` to be reachable from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** SQLite database and local documents. */
  DATA_DIR: z.string().default('./data'),
  /** Base URL used in links (document URLs of the local provider, the dashboard); default http://localhost:PORT. */
  PUBLIC_URL: z
    .url()
    .optional()
    .transform((url) => url?.replace(/\/+$/, '')),
  /**
   * An http: PUBLIC_URL on another machine sends session cookies and tokens across the network in clear,
   * so it is refused unless this says the network is trusted (`true`). Loopback http: is always allowed.
   */
  ALLOW_HTTP_PUBLIC_URL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
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
  /** Workers: the most provider requests one invocation sends (token requests count); the rest waits for the next. */
  WORKER_SUBREQUEST_BUDGET: z.coerce.number().int().min(5).max(10_000).default(40),
});

/** Every variable of every part, as one object: what the environment is parsed against. */
const variablesSchema = z.object({ ...coreSchema.shape, ...signInSchema.shape, ...googleSchema.shape, ...notionSchema.shape, ...remindersSchema.shape });

/** The variables as parsed, before the rules between them have passed. */
export type ConfigVariables = z.output<typeof variablesSchema>;

/** Rules a runtime adds to the shared ones (runtime/worker-config.ts: what Workers cannot do). */
export type RuntimeRules = (config: ConfigVariables, issues: ConfigIssues) => void;

/** The core's own rules between variables. */
function checkCore(config: ConfigVariables, issues: ConfigIssues): void {
  if (config.PUBLIC_URL?.startsWith('http://') && !isLoopbackUrl(config.PUBLIC_URL) && !config.ALLOW_HTTP_PUBLIC_URL) {
    issues.add(
      'PUBLIC_URL',
      'is http: on another machine: sign-in cookies and tokens would cross the network unencrypted. Use https (behind a proxy that terminates TLS), or set ALLOW_HTTP_PUBLIC_URL=true on a network you trust',
    );
  }
  // Local documents are always there (each runtime stores them); the others only when configured.
  // A PROVIDER that is not a provider's name has its own issue already.
  const configured: Record<string, boolean> = { local: true, google: googleEnabled(config), notion: notionEnabled(config) };
  if (configured[config.PROVIDER] === false) {
    issues.add('PROVIDER', `"${config.PROVIDER}" is the default for new plans but is not configured (see docs/${config.PROVIDER}-setup.md)`);
  }
  // The service account key serves Google Docs and Gmail's reminders; only here are both known.
  if (config.GOOGLE_SERVICE_ACCOUNT_KEY && !configured.google && !config.REMINDER_SENDER) {
    issues.add(
      'GOOGLE_SERVICE_ACCOUNT_KEY',
      'is set but nothing uses it: Google Docs also needs GOOGLE_SUBJECT and GOOGLE_PLANS_FOLDER_ID (docs/google-setup.md); reminders through Gmail need REMINDER_SENDER (docs/reminders.md)',
    );
  }
}

/**
 * The service's configuration, read once from the environment (a `.env` file on Node, vars and
 * secrets on Workers). Names are a public contract (README: Configuration). Each part's variables
 * live beside the code that uses them (sign-in, Google, Notion, reminders); their rules run in one
 * refinement, even when some variable failed its own check, so one start-up names every problem.
 */
function configSchemaFor(runtimeRules?: RuntimeRules) {
  return variablesSchema
    .superRefine(
      (config, ctx) => {
        const issues: ConfigIssues = { add: (variable, message) => ctx.addIssue({ code: 'custom', path: [variable], message }) };
        checkCore(config, issues);
        checkSignIn(config, issues);
        checkGoogle(config, issues);
        checkNotion(config, issues);
        checkReminders(config, issues);
        runtimeRules?.(config, issues);
      },
      { when: () => true },
    )
    .transform((config) => ({ ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` }));
}

/** The configuration's schema on Node (no runtime rules of its own). */
export const configSchema = configSchemaFor();

export type Config = z.infer<typeof configSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Start-up stops with one of these: every problem of the configuration, each as `NAME: what is wrong`. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse the environment once; one error naming every bad variable (the only place a ConfigError is
 * thrown). Empty strings count as unset. A runtime passes the rules it adds (Workers).
 */
export function loadConfig(env: Record<string, string | undefined>, runtimeRules?: RuntimeRules): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = (runtimeRules ? configSchemaFor(runtimeRules) : configSchema).safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(zodIssueDetails(result.error, '(environment)').map((issue) => `${issue.path}: ${issue.message}`));
  }
  return result.data;
}

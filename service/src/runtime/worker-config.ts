import { type Config, loadConfig, type RuntimeRules } from '../config.js';

/**
 * What differs on Workers, said in the same parse as every other problem. Sessions must survive
 * isolates, so SESSION_SECRET is required; templates are bundled, so TEMPLATES_DIR cannot apply;
 * Workers open no SMTP connections.
 */
const workersRules: RuntimeRules = (config, issues) => {
  if (!config.SESSION_SECRET) issues.add('SESSION_SECRET', 'is required on Workers (32+ characters; `wrangler secret put SESSION_SECRET`, or a line in .dev.vars)');
  if (config.TEMPLATES_DIR) issues.add('TEMPLATES_DIR', 'is Node-only; on Workers the template is bundled from templates/coaching-plan.md (edit it and deploy again)');
  if (config.SMTP_URL)
    issues.add('SMTP_URL', 'is Node-only (Workers cannot open SMTP connections this way); on Workers send reminders through Gmail (REMINDER_SENDER) or NOTIFY_WEBHOOK_URL');
};

/**
 * The configuration on Workers: the same variables (wrangler.toml vars, secrets, `.dev.vars`), with
 * Workers' rules added to the one parse (a ConfigError names every problem at once). Bindings that are
 * not text (D1, assets) are not configuration. The trial sign-in (anyone as any email, meant for a
 * laptop) is off, whatever DEV_SIGN_IN says.
 */
export function loadWorkerConfig(env: Record<string, unknown>): Config {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { ...loadConfig(strings, workersRules), DEV_SIGN_IN: 'off' };
}

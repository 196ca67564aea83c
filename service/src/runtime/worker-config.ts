import { type Config, ConfigError, loadConfig } from '../config.js';

/**
 * The configuration on Workers: the same variables (wrangler.toml vars, secrets, `.dev.vars`), and
 * what differs from Node said at once. Sessions must survive isolates, so SESSION_SECRET is
 * required; templates are bundled, so TEMPLATES_DIR cannot apply; the trial sign-in (anyone as any
 * email, meant for a laptop) is off, whatever DEV_SIGN_IN says.
 */
export function loadWorkerConfig(env: Record<string, unknown>): Config {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const problems: string[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig(strings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!strings.SESSION_SECRET) problems.push('SESSION_SECRET: is required on Workers (32+ characters; `wrangler secret put SESSION_SECRET`, or a line in .dev.vars)');
  if (strings.TEMPLATES_DIR) problems.push('TEMPLATES_DIR: is Node-only; on Workers the template is bundled from templates/coaching-plan.md (edit it and deploy again)');
  if (strings.SMTP_URL) problems.push('SMTP_URL: is Node-only (Workers cannot open SMTP connections this way); on Workers send reminders through Gmail (REMINDER_SENDER) or NOTIFY_WEBHOOK_URL');
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return { ...config, DEV_SIGN_IN: 'off' };
}

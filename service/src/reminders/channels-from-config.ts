import { type Config, ConfigError } from '../config.js';
import { parseServiceAccountKey } from '../providers/google/index.js';
import { type ReminderChannel, webhookChannel } from './channels.js';
import { gmailChannel } from './gmail.js';

/**
 * The reminder channels the configuration turns on that run everywhere: the webhook and Gmail.
 * SMTP needs a socket, so runtime/node.ts adds it (runtime/smtp-channel.ts). None is on by default.
 */
export function reminderChannelsFromConfig(config: Config, fetchImpl: typeof fetch, now: () => number): ReminderChannel[] {
  const channels: ReminderChannel[] = [];
  if (config.REMINDER_SENDER) {
    const key = parseServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY ?? '');
    if (!key) throw new ConfigError(['GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key (needs client_email and a PEM private_key); REMINDER_SENDER sends with it']);
    channels.push(gmailChannel({ key, sender: config.REMINDER_SENDER.toLowerCase(), tokenUrl: config.GOOGLE_TOKEN_URL, rootUrl: config.GOOGLE_GMAIL_ROOT_URL, fetch: fetchImpl, now }));
  }
  if (config.NOTIFY_WEBHOOK_URL) channels.push(webhookChannel(config.NOTIFY_WEBHOOK_URL, fetchImpl, { mode: config.NOTIFY_WEBHOOK_MESSAGE, dashboardUrl: config.PUBLIC_URL }));
  return channels;
}

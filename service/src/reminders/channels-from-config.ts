import { parseServiceAccountKey } from '../providers/google/index.js';
import { type ReminderChannel, webhookChannel } from './channels.js';
import { gmailChannel } from './gmail.js';
import type { ReminderSettings } from './options.js';

/** What the channels are built from: the reminders' settings, the Google key Gmail sends with, and the dashboard's address. */
type ChannelSettings = ReminderSettings & { GOOGLE_SERVICE_ACCOUNT_KEY?: string | undefined; GOOGLE_TOKEN_URL: string; PUBLIC_URL: string };

/**
 * The reminder channels the configuration turns on that run everywhere: the webhook and Gmail.
 * SMTP needs a socket, so runtime/node.ts adds it (runtime/smtp-channel.ts). None is on by default.
 * loadConfig has refused a REMINDER_SENDER without a usable key (reminders/options.ts), so nothing is thrown here.
 */
export function reminderChannelsFromConfig(config: ChannelSettings, fetchImpl: typeof fetch, now: () => number): ReminderChannel[] {
  const channels: ReminderChannel[] = [];
  const key = config.REMINDER_SENDER ? parseServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY ?? '') : undefined;
  if (config.REMINDER_SENDER && key) {
    channels.push(
      gmailChannel({ key, sender: config.REMINDER_SENDER.toLowerCase(), tokenUrl: config.GOOGLE_TOKEN_URL, rootUrl: config.GOOGLE_GMAIL_ROOT_URL, fetch: fetchImpl, now }),
    );
  }
  if (config.NOTIFY_WEBHOOK_URL) channels.push(webhookChannel(config.NOTIFY_WEBHOOK_URL, fetchImpl, { mode: config.NOTIFY_WEBHOOK_MESSAGE, dashboardUrl: config.PUBLIC_URL }));
  return channels;
}

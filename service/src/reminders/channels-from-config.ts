import type { Config } from '../config.js';
import { type ReminderChannel, webhookChannel } from './channels.js';

/**
 * The reminder channels the configuration turns on that run everywhere: the webhook and Gmail.
 * SMTP needs a socket, so runtime/node.ts adds it (runtime/smtp-channel.ts). None is on by default.
 */
export function reminderChannelsFromConfig(config: Config, fetchImpl: typeof fetch, _now: () => number): ReminderChannel[] {
  const channels: ReminderChannel[] = [];
  if (config.NOTIFY_WEBHOOK_URL) channels.push(webhookChannel(config.NOTIFY_WEBHOOK_URL, fetchImpl));
  return channels;
}

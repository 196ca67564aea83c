/**
 * Reminders by email over SMTP (SMTP_URL, MAIL_FROM), on Node only: nodemailer opens sockets, which
 * Workers cannot, so the core never imports it (core-boundary.test.ts) and runtime/node.ts adds it.
 * The message is the same RFC 5322 text the Gmail channel sends (reminders/mime.ts), handed over raw.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { CHANNEL_TIMEOUT_MS, type ReminderChannel } from '../reminders/channels.js';
import { errorMessage } from '../errors.js';
import { reminderEmail } from '../reminders/mime.js';

export function smtpChannel(options: { url: string; from: string; now?: () => number }): ReminderChannel & { close(): void } {
  // Opportunistic STARTTLS on smtp://, TLS from the start on smtps://; a hanging server is given up on.
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: CHANNEL_TIMEOUT_MS,
    greetingTimeout: CHANNEL_TIMEOUT_MS,
    socketTimeout: CHANNEL_TIMEOUT_MS,
  });
  const now = options.now ?? Date.now;
  return {
    name: 'smtp',
    reaches: 'person',
    requests: 0,
    async send(message) {
      const { to, raw } = reminderEmail('smtp', message, options.from, new Date(now()));
      try {
        await transport.sendMail({ envelope: { from: options.from, to: [to] }, raw });
      } catch (error) {
        // nodemailer's errors carry the server's answer; never the URL (it holds the password).
        throw new Error(`[smtp] ${errorMessage(error).replace(options.url, 'SMTP_URL')}`);
      }
    },
    close: () => transport.close(),
  };
}

/** The reminder channels only Node can open, from the configuration: SMTP when SMTP_URL is set. */
export function nodeReminderChannels(config: Config, now?: () => number): (ReminderChannel & { close(): void })[] {
  if (!config.SMTP_URL || !config.MAIL_FROM) return [];
  return [smtpChannel({ url: config.SMTP_URL, from: config.MAIL_FROM, ...(now ? { now } : {}) })];
}

import { z } from 'zod';
import { type ConfigIssues, secureUrl } from '../config-fields.js';
import { type GoogleSettings, googleEnabled, parseServiceAccountKey } from '../providers/google/options.js';

/** Reminders and notices (docs/reminders.md): their channels and timing, composed into the one configuration by config.ts. */
export const remindersSchema = z.object({
  /** Reminders (docs/reminders.md): remind this many days before a check-in is due (0: on the day). */
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
});

export type ReminderSettings = z.output<typeof remindersSchema>;

/** The channels' rules: each email channel complete, and only one of them. */
export function checkReminders(config: ReminderSettings & GoogleSettings, issues: ConfigIssues): void {
  if (config.SMTP_URL && !config.MAIL_FROM) issues.add('MAIL_FROM', 'is required when SMTP_URL is set: the From address of reminder emails');
  if (config.REMINDER_SENDER && !config.GOOGLE_SERVICE_ACCOUNT_KEY) {
    issues.add('GOOGLE_SERVICE_ACCOUNT_KEY', 'is required when REMINDER_SENDER is set: reminders are sent through Gmail with the service account (docs/reminders.md)');
  }
  // With Google Docs on, checkGoogle already names a key that does not parse.
  if (config.REMINDER_SENDER && config.GOOGLE_SERVICE_ACCOUNT_KEY && !googleEnabled(config) && !parseServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY)) {
    issues.add('GOOGLE_SERVICE_ACCOUNT_KEY', 'not a service account JSON key (needs client_email and a PEM private_key); REMINDER_SENDER sends with it');
  }
  if (config.REMINDER_SENDER && config.SMTP_URL) {
    issues.add('SMTP_URL', 'and REMINDER_SENDER are both set: choose one email channel for reminders, or everyone gets each reminder twice');
  }
}

import type { ReminderMessage } from './message.js';

/**
 * Somewhere reminders go. Email channels (Gmail, SMTP) reach one person a message; a chat webhook
 * reaches a room, once a reminder, naming everyone it is for. `send` throws when the message did not
 * go out; the ledger then tries it again in a later cycle.
 */
export interface ReminderChannel {
  /** Recorded in the ledger and the audit: `gmail`, `smtp`, `webhook`. */
  name: string;
  reaches: 'person' | 'room';
  /** Provider requests one send may cost (Workers' per-invocation budget); 0 when it is not a fetch. */
  requests: number;
  send(message: ReminderMessage): Promise<void>;
}

/** A reminder channel gives up on a request after this long, so a hanging receiver cannot hold the cycle. */
export const CHANNEL_TIMEOUT_MS = 10_000;

/**
 * A Slack-compatible incoming webhook (NOTIFY_WEBHOOK_URL): a JSON POST `{"text": ...}`. The URL is
 * a secret (whoever has it can post), so errors name the status, never the URL.
 */
export function webhookChannel(url: string, fetchImpl: typeof fetch): ReminderChannel {
  return {
    name: 'webhook',
    reaches: 'room',
    requests: 1,
    async send(message) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: message.text }),
        signal: AbortSignal.timeout(CHANNEL_TIMEOUT_MS),
      });
      // Slack answers 200 `ok`; read the body so the connection is released.
      const body = await response.text();
      if (!response.ok) throw new Error(`[webhook] the webhook answered ${response.status} ${body.slice(0, 100)}`);
    },
  };
}

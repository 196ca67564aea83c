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

/** What a chat room is told: `full` names the plan and its people, `minimal` no one (NOTIFY_WEBHOOK_MESSAGE). */
export type RoomMessageMode = 'full' | 'minimal';

/**
 * Text for a chat room, where names come from the people who wrote the plan: Slack's control characters
 * escaped as Slack asks (`&`, `<`, `>`: https://api.slack.com/reference/surfaces/formatting#escaping),
 * which defuses `<!channel>`, `<!here>`, `<@U123>` and `<#C123>`, and a zero-width space after an `@`
 * that starts a word, so `@here`, `@channel`, `@everyone` and `@all` (Mattermost, Discord, Teams)
 * notify no one.
 */
export function chatSafeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\w.+-])@(?=\w)/g, '$1@\u200b');
}

/** The `minimal` room message: that something is waiting, and where; no name, title or date. */
export function minimalRoomText(dashboardUrl: string): string {
  return `Coaching plans: a reminder or notice is waiting for the people on a plan. They see it in the dashboard: ${dashboardUrl}/`;
}

/**
 * A Slack-compatible incoming webhook (NOTIFY_WEBHOOK_URL): a JSON POST `{"text": ...}`. The URL is
 * a secret (whoever has it can post), so errors name the status, never the URL. Everyone in the room
 * reads the message: in `full` mode it names the plan's people (escaped, chatSafeText); `minimal` names
 * no one and links to the dashboard.
 */
export function webhookChannel(url: string, fetchImpl: typeof fetch, room: { mode: RoomMessageMode; dashboardUrl: string } = { mode: 'full', dashboardUrl: '' }): ReminderChannel {
  return {
    name: 'webhook',
    reaches: 'room',
    requests: 1,
    async send(message) {
      const text = room.mode === 'minimal' ? minimalRoomText(room.dashboardUrl) : chatSafeText(message.text);
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(CHANNEL_TIMEOUT_MS),
      });
      // Slack answers 200 `ok`; read the body so the connection is released.
      const body = await response.text();
      if (!response.ok) throw new Error(`[webhook] the webhook answered ${response.status} ${body.slice(0, 100)}`);
    },
  };
}

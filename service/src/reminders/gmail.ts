import { gmailTokenSource, type ServiceAccountKey } from '../providers/google/index.js';
import { toBase64Url } from '../domain/base64.js';
import { CHANNEL_TIMEOUT_MS, type ReminderChannel } from './channels.js';
import { reminderEmail } from './mime.js';

export interface GmailChannelOptions {
  key: ServiceAccountKey;
  /** REMINDER_SENDER: the Workspace user the mail is sent as, through domain-wide delegation. */
  sender: string;
  tokenUrl: string;
  /** GOOGLE_GMAIL_ROOT_URL, e.g. https://gmail.googleapis.com/ */
  rootUrl: string;
  fetch: typeof fetch;
  now: () => number;
}

/**
 * Email through the Gmail API as REMINDER_SENDER (`users.messages.send` with the message in `raw`,
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send), with
 * the service account's key and its own token limited to the gmail.send scope. Plain fetch, so it
 * runs on Workers as on Node. One attempt per cycle: a failure is retried by the ledger later.
 */
export function gmailChannel(options: GmailChannelOptions): ReminderChannel {
  const tokens = gmailTokenSource({
    key: options.key,
    sender: options.sender,
    tokenUrl: options.tokenUrl,
    fetch: options.fetch,
    now: options.now,
    timeoutMs: CHANNEL_TIMEOUT_MS,
  });
  const url = new URL('gmail/v1/users/me/messages/send', options.rootUrl).toString();
  return {
    name: 'gmail',
    reaches: 'person',
    // A token request when the cached one has expired, then the send.
    requests: 2,
    async send(message) {
      const { raw } = reminderEmail('gmail', message, options.sender, new Date(options.now()));
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokens.getToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ raw: toBase64Url(new TextEncoder().encode(raw)) }),
        signal: AbortSignal.timeout(CHANNEL_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status === 401) tokens.invalidate();
      if (!response.ok) throw new Error(`[gmail] users.messages.send answered ${response.status}: ${googleMessage(text)}`);
    },
  };
}

function googleMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON (an HTML error page): its start says enough
  }
  return text.slice(0, 100);
}

/**
 * A plain-text email as RFC 5322 text, for the Gmail API's `raw` and for SMTP alike: headers in
 * ASCII (a non-ASCII subject as RFC 2047 encoded words), CRLF line ends, the UTF-8 body in base64.
 */
import { toBase64 as base64 } from '../domain/base64.js';
import type { ReminderMessage } from './message.js';

export interface Email {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Message-ID without the angle brackets. */
  messageId: string;
  date: Date;
}

const utf8 = new TextEncoder();

/** A header value as is when it is printable ASCII, else as encoded words of at most 75 characters each. */
function headerText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    // 45 bytes encode to 60 characters: with `=?UTF-8?B?` and `?=` a word stays within 75.
    if (utf8.encode(chunk + char).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(utf8.encode(word))}?=`).join('\r\n ');
}

/** RFC 5322 date, e.g. `Thu, 26 Nov 2026 17:40:00 +0000`. */
function mailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * One reminder as the email both mail channels send (Gmail's `raw`, SMTP's message), so they cannot
 * drift apart: the same headers, the same Message-ID. `channel` names the sender in the error.
 */
export function reminderEmail(channel: string, message: ReminderMessage, from: string, date: Date): { to: string; raw: string } {
  if (!message.to) throw new Error(`[${channel}] a reminder email needs a recipient`);
  const to = message.to.email;
  return { to, raw: buildEmail({ from, to, subject: message.subject, text: message.text, messageId: `${message.id}@coaching-plans`, date }) };
}

export function buildEmail(email: Email): string {
  const body = base64(utf8.encode(email.text.replace(/\r?\n/g, '\r\n'))).match(/.{1,76}/g) ?? [];
  const headers = [
    `From: ${email.from}`,
    `To: ${email.to}`,
    `Subject: ${headerText(email.subject)}`,
    `Date: ${mailDate(email.date)}`,
    `Message-ID: <${email.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    // Automated mail: no out-of-office replies to the sender (RFC 3834).
    'Auto-Submitted: auto-generated',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`;
}

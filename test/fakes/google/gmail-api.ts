/**
 * Gmail's `users.messages.send` (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send),
 * strict like the rest of the fake: the token must carry a scope that may send, `userId` must be `me`
 * or the token's subject (anyone else: "Delegation denied"), the body a Message with an RFC 2822
 * message in base64url `raw`, and that message must parse: CRLF line ends, ASCII headers (RFC 2047
 * words for anything else), From the sending user, To addresses, a Date. What was sent is kept,
 * decoded, for tests to read.
 */
import { FakeHttpError } from './errors.js';
import type { IssuedToken } from './token.js';

/** Scopes that allow messages.send. */
const SEND_SCOPES = [
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/gmail.compose',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://mail.google.com/',
];
const MESSAGE_FIELDS = new Set(['id', 'threadId', 'labelIds', 'snippet', 'historyId', 'internalDate', 'payload', 'sizeEstimate', 'raw']);
const STANDARD_PARAMS = new Set(['alt', 'fields', 'prettyPrint', 'quotaUser', 'key', 'access_token', '$.xgafv', 'callback', 'upload_protocol', 'uploadType']);
const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED' };

export interface SentMail {
  id: string;
  /** The user it was sent as (the token's subject). */
  sender: string;
  from: string;
  to: string[];
  /** Decoded (RFC 2047 words undone). */
  subject: string;
  /** The body, decoded from its transfer encoding. */
  text: string;
  messageId: string;
  headers: Record<string, string>;
  raw: string;
}

export const gmailError = (status: number, reason: string, message: string) =>
  new FakeHttpError(status, { error: { code: status, message, errors: [{ message, domain: 'global', reason }], status: STATUS_NAMES[status] ?? 'UNKNOWN' } });

export class GmailFake {
  readonly sent: SentMail[] = [];

  constructor(
    readonly rootUrl: string,
    private readonly tokenFor: (headers: Headers) => IssuedToken | undefined,
  ) {}

  /** The method id of a request under Gmail's path, or null when it is not Gmail's. */
  methodOf(url: URL): string | null {
    const base = new URL(this.rootUrl);
    if (url.origin !== base.origin) return null;
    const path = url.pathname.slice(base.pathname.length - 1);
    if (/^\/gmail\/v1\/users\/[^/]+\/messages\/send$/.test(path)) return 'gmail.users.messages.send';
    return path.startsWith('/gmail/') || path.startsWith('/upload/gmail/') ? 'gmail.unknown' : null;
  }

  handle(method: string, request: { method: string; url: URL; headers: Headers; body: string }): { status: number; body: unknown } {
    if (method !== 'gmail.users.messages.send') throw gmailError(404, 'notFound', `The fake does not implement ${request.url.pathname}`);
    if (request.method !== 'POST') throw gmailError(405, 'methodNotAllowed', `${request.method} is not allowed on users.messages.send; it is a POST`);
    for (const name of request.url.searchParams.keys())
      if (!STANDARD_PARAMS.has(name)) throw gmailError(400, 'invalidParameter', `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter.`);
    const token = this.tokenFor(request.headers);
    if (!token)
      throw gmailError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    if (!token.scopes.some((scope) => SEND_SCOPES.includes(scope))) throw gmailError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    const userId = decodeURIComponent(/\/users\/([^/]+)\//.exec(request.url.pathname)?.[1] ?? '');
    if (userId !== 'me' && userId.toLowerCase() !== token.subject) throw gmailError(403, 'forbidden', `Delegation denied for ${token.subject}`);
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
      throw gmailError(400, 'badContent', 'Media type is not supported on this path; send a JSON Message with raw');
    const message = parseJsonObject(request.body);
    const unknown = Object.keys(message).filter((key) => !MESSAGE_FIELDS.has(key));
    if (unknown.length > 0) throw gmailError(400, 'invalidArgument', `Invalid JSON payload received. Unknown name "${unknown[0]}" at 'message': Cannot find field.`);
    const raw = message['raw'];
    if (typeof raw !== 'string' || raw === '') throw gmailError(400, 'invalidArgument', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    if (!/^[A-Za-z0-9_-]+={0,2}$/.test(raw)) throw gmailError(400, 'invalidArgument', "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed");
    const mail = parseMessage(decodeBase64(raw));
    if (mail.fromAddress !== token.subject) throw gmailError(400, 'invalidArgument', `From must be the sending user ${token.subject}, not ${mail.fromAddress}`);
    const id = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
    this.sent.push({
      id,
      sender: token.subject,
      from: mail.headers['from'] ?? '',
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.headers['message-id'] ?? '',
      headers: mail.headers,
      raw: mail.raw,
    });
    return { status: 200, body: { id, threadId: id, labelIds: ['SENT'] } };
  }
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw gmailError(400, 'parseError', 'Invalid JSON payload received.');
}

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const invalid = (message: string) => gmailError(400, 'invalidArgument', message);
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const addressOf = (value: string) => (/<([^>]+)>\s*$/.exec(value)?.[1] ?? value).trim().toLowerCase();

/** An RFC 2822 message as Gmail would refuse it, or its parts (used by the SMTP tests too). */
export function parseMessage(raw: string): { headers: Record<string, string>; fromAddress: string; to: string[]; subject: string; text: string; raw: string } {
  if (/[^\r]\n|^\n/.test(raw)) throw invalid('Invalid RFC 2822 message: lines must end with CRLF');
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw invalid('Invalid RFC 2822 message: no blank line between headers and body');
  const headerText = raw.slice(0, split);
  if (!/^[\x20-\x7e\r\n\t]*$/.test(headerText)) throw invalid('Invalid RFC 2822 message: header fields must be ASCII (use RFC 2047 encoded words)');
  if (raw.split('\r\n').some((line) => line.length > 998)) throw invalid('Invalid RFC 2822 message: a line is longer than 998 characters');
  const headers: Record<string, string> = {};
  for (const line of headerText.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1 || !/^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon))) throw invalid(`Invalid RFC 2822 header line: ${line.slice(0, 40)}`);
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  for (const name of ['from', 'to', 'date']) if (!headers[name]) throw invalid(name === 'to' ? 'Recipient address required' : `Invalid RFC 2822 message: no ${name} header`);
  if (Number.isNaN(Date.parse(headers['date'] ?? ''))) throw invalid('Invalid RFC 2822 message: Date is not a date');
  const to = (headers['to'] ?? '').split(',').map(addressOf);
  if (!to.every((address) => ADDRESS.test(address))) throw invalid('Invalid To header');
  const fromAddress = addressOf(headers['from'] ?? '');
  const subject = (headers['subject'] ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, word: string) => decodeBase64(word));
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text: string;
  if (encoding === 'base64') text = decodeBase64(body.replace(/\r\n/g, ''));
  else if (encoding === '7bit' || encoding === '8bit') text = body;
  else throw invalid(`The fake does not decode Content-Transfer-Encoding ${encoding}`);
  return { headers, fromAddress, to, subject, text: text.replace(/\r\n/g, '\n'), raw };
}

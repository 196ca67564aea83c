import { describe, expect, it } from 'vitest';
import { GMAIL_SEND_SCOPE } from '../../../service/src/providers/google/api/auth.js';
import { toBase64, toBase64Url } from '../../../service/src/domain/base64.js';
import { buildEmail } from '../../../service/src/reminders/mime.js';
import { OWNER, authed, reason, world } from './test-client.js';

const SEND = 'https://gmail.googleapis.com/gmail/v1/users/me/messages/send';
const utf8 = (text: string) => new TextEncoder().encode(text);
const email = (overrides: Partial<Parameters<typeof buildEmail>[0]> = {}) =>
  buildEmail({
    from: OWNER,
    to: 'ana@acme.test',
    subject: 'Check-in due 2026-12-08',
    text: 'Hello Ana,\n\nA check-in is due.',
    messageId: 'm1@coaching-plans',
    date: new Date('2026-12-07T09:00:00Z'),
    ...overrides,
  });

// One world for the file: generating its RSA key is the slow part.
const shared = world();

async function send(raw: string, options: { method?: string; url?: string; scopes?: string[]; body?: unknown } = {}) {
  const fake = await shared;
  const before = fake.gmail.sent.length;
  const response = await fake.handle({
    method: options.method ?? 'POST',
    url: options.url ?? SEND,
    headers: authed(fake, OWNER, options.scopes ?? [GMAIL_SEND_SCOPE]),
    body: JSON.stringify(options.body ?? { raw }),
  });
  if (response.hang) throw new Error('hang');
  return { fake, sent: fake.gmail.sent.slice(before), status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
}

describe('the fake Gmail users.messages.send', () => {
  it('sends a well-formed message as the token subject and keeps it decoded, a non-ASCII subject included', async () => {
    const subject = 'Plan ends 2026-12-31: please close it with an outcome (Coaching plan: José Núñez-Øster, Dec 2026)';
    const { sent, status, body } = await send(toBase64Url(utf8(email({ subject, text: 'Grüße, José' }))));
    expect(status).toBe(200);
    expect(body).toMatchObject({ labelIds: ['SENT'] });
    expect(sent).toMatchObject([{ sender: OWNER, to: ['ana@acme.test'], subject, text: 'Grüße, José', messageId: '<m1@coaching-plans>' }]);
  });

  it('refuses what Gmail refuses: wrong method, another user, a token without a send scope, bad raw, bad messages', async () => {
    const raw = toBase64Url(utf8(email()));
    expect((await send(raw, { method: 'GET' })).status).toBe(405);
    expect((await send(raw, { method: 'PUT' })).status).toBe(405);
    const other = await send(raw, { url: SEND.replace('/me/', '/ben@acme.test/') });
    expect([other.status, (other.body['error'] as { message: string }).message]).toEqual([403, `Delegation denied for ${OWNER}`]);
    expect(reason((await send(raw, { scopes: ['https://www.googleapis.com/auth/drive'] })).body)).toBe('insufficientPermissions');
    expect((await send(raw, { body: { raw, to: 'x' } })).status).toBe(400);
    expect((await send(raw, { url: `${SEND}?sendAs=x` })).status).toBe(400);
    // Standard base64 (+ and /) is not base64url.
    expect((await send(toBase64(utf8(`${email()}>>>???`)))).status).toBe(400);
    const refused = async (message: string) => {
      const answer = await send(toBase64Url(utf8(message)));
      expect(answer.sent).toEqual([]);
      return [answer.status, (answer.body['error'] as { message: string }).message];
    };
    expect(await refused(email().replace(/\r\n/g, '\n'))).toEqual([400, 'Invalid RFC 2822 message: lines must end with CRLF']);
    expect(await refused(email({ from: 'ben@acme.test' }))).toEqual([400, `From must be the sending user ${OWNER}, not ben@acme.test`]);
    expect(await refused(email().replace('Subject: Check-in', 'Subject: Check-ïn'))).toEqual([
      400,
      'Invalid RFC 2822 message: header fields must be ASCII (use RFC 2047 encoded words)',
    ]);
    expect(await refused(email({ to: 'not an address' }))).toEqual([400, 'Invalid To header']);
    expect(await refused(email().replace(/Date: [^\r]*\r\n/, ''))).toEqual([400, 'Invalid RFC 2822 message: no date header']);
  });
});

/** Feed tokens are sealed and opened with Workers' WebCrypto (HKDF, AES-GCM) as with Node's. */
import { describe, expect, it } from 'vitest';
import { calendarTokenHash, issueCalendarToken, openCalendarToken } from './calendar-token.js';

describe('calendar tokens on Workers', () => {
  it('seal and open under SESSION_SECRET, and not under another', async () => {
    const { token, record } = await issueCalendarToken('ana@acme.test', 'a-session-secret-of-at-least-32-chars', '2026-12-01T00:00:00.000Z');
    expect(record.tokenHash).toBe(await calendarTokenHash(token));
    expect(await openCalendarToken(record, 'a-session-secret-of-at-least-32-chars')).toBe(token);
    expect(await openCalendarToken(record, 'another-session-secret-of-32-chars!!')).toBeNull();
  });
});

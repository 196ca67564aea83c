import { describe, expect, it } from 'vitest';
import { CALENDAR_TOKEN, calendarTokenHash, issueCalendarToken, openCalendarToken } from './calendar-token.js';

const SECRET = 'a-session-secret-of-at-least-32-chars';

describe('calendar tokens', () => {
  it('are 256 random bits, kept only as a hash and a sealed copy that opens under the same secret', async () => {
    const { token, record } = await issueCalendarToken('ana@acme.test', SECRET, '2026-12-01T08:00:00.000Z');
    expect(token).toMatch(CALENDAR_TOKEN);
    expect(record.tokenHash).toBe(await calendarTokenHash(token));
    expect(JSON.stringify(record)).not.toContain(token);
    expect(await openCalendarToken(record, SECRET)).toBe(token);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => issueCalendarToken('ana@acme.test', SECRET, '2026-12-01T08:00:00.000Z')));
    expect(new Set(tokens.map((issued) => issued.token)).size).toBe(50);
  });

  it('do not open under another secret, for another person, or once tampered with', async () => {
    const { record } = await issueCalendarToken('ana@acme.test', SECRET, '2026-12-01T08:00:00.000Z');
    expect(await openCalendarToken(record, `${SECRET}-rotated`)).toBeNull();
    expect(await openCalendarToken({ ...record, email: 'eve@acme.test' }, SECRET)).toBeNull();
    expect(await openCalendarToken({ ...record, tokenHash: await calendarTokenHash('x') }, SECRET)).toBeNull();
    expect(await openCalendarToken({ ...record, sealed: `${record.sealed.slice(0, -2)}AA` }, SECRET)).toBeNull();
    expect(await openCalendarToken({ ...record, sealed: '!!' }, SECRET)).toBeNull();
  });
});

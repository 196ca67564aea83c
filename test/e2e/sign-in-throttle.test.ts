/**
 * Guessing tokens or trial codes is slowed down: failed sign-ins are counted per client address and
 * per email, and past the limit every attempt is refused (429), even with the right credential,
 * until the window has passed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MINUTES } from '../../service/src/auth/throttle.js';
import { PEOPLE, type TestService, makeTestService } from '../support/app.js';

let service: TestService;
afterEach(async () => service?.close());

let address = '198.51.100.7';
let now = new Date('2026-12-01T08:00:00Z');
const adjust = (deps: TestService['deps']) => {
  deps.clock.now = () => now;
  deps.clientAddress = () => address;
};

const signIn = (body: unknown) => service.call('POST', 'http://127.0.0.1:8787/api/session', { body });

describe('failed sign-ins', () => {
  it('are throttled per address: guessing tokens stops working, even for a right one, until the window passes', async () => {
    service = await makeTestService({}, adjust);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await signIn({ token: `guess-${i}-0123456789` })).status).toBe(401);
    const blocked = await signIn({ token: PEOPLE.hr.token });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('too_many_attempts');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // Someone at another address is not affected.
    address = '203.0.113.50';
    expect((await signIn({ token: PEOPLE.hr.token })).status).toBe(200);
    address = '198.51.100.7';
    now = new Date(now.getTime() + (THROTTLE_WINDOW_MINUTES + 1) * 60_000);
    expect((await signIn({ token: PEOPLE.hr.token })).status).toBe(200);
  });

  it('are throttled per email: guessing one person\'s trial code from many addresses stops too', async () => {
    service = await makeTestService({ API_TOKENS: '', HR_EMAILS: '' }, adjust);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      address = `198.51.100.${i + 10}`;
      expect((await signIn({ email: 'hr@acme.test', code: `wrongcode${i}` })).status).toBe(401);
    }
    address = '198.51.100.99';
    const code = service.deps.identity.trialCode;
    expect((await signIn({ email: 'hr@acme.test', code })).status).toBe(429);
    expect((await signIn({ email: 'ana@acme.test', code })).status).toBe(200);
  });
});

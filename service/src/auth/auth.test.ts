import { describe, expect, it } from 'vitest';
import { canManagePlan, canSeePlan } from './access.js';
import { devSignInAllowed, identify } from './identify.js';
import { signSession, tokenId } from './session.js';

const plan = {
  teamMember: { email: 'ana@acme.test', name: 'Ana' },
  manager: { email: 'ben@acme.test', name: 'Ben' },
  managersManager: { email: 'cy@acme.test', name: 'Cy' },
  hr: { email: 'hr@acme.test', name: 'HR' },
};

describe('the access rule', () => {
  it.each([
    ['hr in HR_EMAILS', { email: 'people@acme.test', isHr: true }, true, true],
    ['the plan\'s HR party', { email: 'hr@acme.test', isHr: false }, true, true],
    ['manager', { email: 'ben@acme.test', isHr: false }, true, true],
    ["manager's manager", { email: 'cy@acme.test', isHr: false }, true, true],
    ['team member', { email: 'ana@acme.test', isHr: false }, true, false],
    ['another manager', { email: 'dan@acme.test', isHr: false }, false, false],
  ])('%s: sees %s, manages %s', (_, identity, sees, manages) => {
    expect(canSeePlan(identity, plan)).toBe(sees);
    expect(canManagePlan(identity, plan)).toBe(manages);
  });
});

describe('identify', () => {
  const options = { tokens: new Map([['tok-ben-0123456789ab', 'ben@acme.test']]), hrEmails: ['hr@acme.test'], devSignIn: false, sessionSecret: 's'.repeat(32) };
  const now = 1_800_000_000;

  it('accepts a known Bearer token and nothing else', async () => {
    expect(await identify({ authorization: 'Bearer tok-ben-0123456789ab', sessionCookie: undefined }, options)).toEqual({ email: 'ben@acme.test', isHr: false });
    expect(await identify({ authorization: 'Bearer tok-ben-0123456789aX', sessionCookie: undefined }, options)).toBeNull();
    expect(await identify({ authorization: 'Basic tok-ben-0123456789ab', sessionCookie: undefined }, options)).toBeNull();
  });

  it('accepts a signed, unexpired session whose token still exists', async () => {
    const cookie = await signSession({ email: 'ben@acme.test', via: 'token', exp: now + 60, tid: await tokenId('tok-ben-0123456789ab') }, options.sessionSecret);
    expect(await identify({ authorization: undefined, sessionCookie: cookie }, options, now)).toMatchObject({ email: 'ben@acme.test' });
    expect(await identify({ authorization: undefined, sessionCookie: cookie }, options, now + 61)).toBeNull();
    expect(await identify({ authorization: undefined, sessionCookie: cookie }, { ...options, tokens: new Map() }, now)).toBeNull();
    const [payload, signature] = cookie.split('.');
    const forged = `${btoa(JSON.stringify({ email: 'hr@acme.test', via: 'token', exp: now + 60, tid: await tokenId('tok-ben-0123456789ab') })).replace(/=+$/, '')}.${signature}`;
    expect(await identify({ authorization: undefined, sessionCookie: forged }, options, now)).toBeNull();
    expect(payload).toBeTruthy();
  });

  it('honours trial sessions only while trial sign-in is on', async () => {
    const cookie = await signSession({ email: 'eve@acme.test', via: 'dev', exp: now + 60 }, options.sessionSecret);
    expect(await identify({ authorization: undefined, sessionCookie: cookie }, options, now)).toBeNull();
    expect(await identify({ authorization: undefined, sessionCookie: cookie }, { ...options, devSignIn: true }, now)).toMatchObject({ email: 'eve@acme.test' });
  });

  it('allows the trial sign-in only on loopback with no tokens', () => {
    const none = new Map<string, string>();
    expect(devSignInAllowed({ host: '127.0.0.1', tokens: none, setting: 'auto' })).toBe(true);
    expect(devSignInAllowed({ host: 'localhost', tokens: none, setting: 'auto' })).toBe(true);
    expect(devSignInAllowed({ host: '0.0.0.0', tokens: none, setting: 'auto' })).toBe(false);
    expect(devSignInAllowed({ host: '127.0.0.1', tokens: new Map([['t', 'a@b.c']]), setting: 'auto' })).toBe(false);
    expect(devSignInAllowed({ host: '127.0.0.1', tokens: none, setting: 'off' })).toBe(false);
  });
});

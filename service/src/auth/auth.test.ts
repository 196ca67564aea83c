import { describe, expect, it } from 'vitest';
import { canManagePlan, canSeePlan } from './access.js';
import { devSignInAllowed, identify } from './identify.js';
import { credentialId, signSession } from './session.js';

const plan = {
  teamMember: { email: 'ana@acme.test', name: 'Ana' },
  manager: { email: 'ben@acme.test', name: 'Ben' },
  managersManager: { email: 'cy@acme.test', name: 'Cy' },
  hr: { email: 'hr@acme.test', name: 'HR' },
  stage: 'shared' as const,
};

describe('the access rule', () => {
  it.each([
    ['hr in HR_EMAILS', { email: 'people@acme.test', isHr: true }, true, true],
    ["the plan's HR party", { email: 'hr@acme.test', isHr: false }, true, true],
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
  const open = new Set(['sid-1']);
  /** Each open session's row: who signed in and how (every test session here is Ben's by token, or Eve's trial). */
  const rows: Record<string, { email: string; via: 'token' | 'dev' | 'oidc'; hrGroup: string | null }> = {
    'sid-1': { email: 'ben@acme.test', via: 'token', hrGroup: null },
    'sid-2': { email: 'eve@acme.test', via: 'dev', hrGroup: null },
  };
  const sessions = {
    openSession: async () => {},
    findOpenSession: async (id: string) => (open.has(id) ? (rows[id] ?? null) : null),
    endSession: async (id: string) => void open.delete(id),
  };
  const options = {
    tokens: new Map([['tok-ben-0123456789ab', 'ben@acme.test']]),
    hrEmails: ['hr@acme.test'],
    devSignIn: false,
    trialCode: 'abcdefghjkmn',
    sessionSecret: 's'.repeat(32),
    cookieName: 'coaching_session',
    sessions,
  };
  const nowSeconds = 1_800_000_000;
  const at = (seconds: number) => new Date(seconds * 1000);
  const cookieOnly = (sessionCookie: string) => ({ authorization: undefined, sessionCookie });

  it('accepts a known Bearer token and nothing else', async () => {
    expect(await identify({ authorization: 'Bearer tok-ben-0123456789ab', sessionCookie: undefined }, options)).toEqual({ email: 'ben@acme.test', isHr: false });
    expect(await identify({ authorization: 'Bearer tok-ben-0123456789aX', sessionCookie: undefined }, options)).toBeNull();
    expect(await identify({ authorization: 'Basic tok-ben-0123456789ab', sessionCookie: undefined }, options)).toBeNull();
  });

  it('accepts a signed, unexpired, open session whose token still exists', async () => {
    const tid = await credentialId('tok-ben-0123456789ab', options.sessionSecret);
    const cookie = await signSession({ sid: 'sid-1', email: 'ben@acme.test', via: 'token', exp: nowSeconds + 60, tid }, options.sessionSecret);
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toMatchObject({ email: 'ben@acme.test' });
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds + 61))).toBeNull();
    expect(await identify(cookieOnly(cookie), { ...options, tokens: new Map() }, at(nowSeconds))).toBeNull();
    const [payload, signature] = cookie.split('.');
    const forged = `${btoa(JSON.stringify({ sid: 'sid-1', email: 'hr@acme.test', via: 'token', exp: nowSeconds + 60, tid })).replace(/=+$/, '')}.${signature}`;
    expect(await identify(cookieOnly(forged), options, at(nowSeconds))).toBeNull();
    expect(payload).toBeTruthy();
    // Signed out: the same cookie, replayed, is refused.
    await sessions.endSession('sid-1');
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toBeNull();
  });

  it('refuses a validly signed cookie whose row was opened for someone else, another way, or another HR', async () => {
    open.add('sid-3');
    const tid = await credentialId('tok-ben-0123456789ab', options.sessionSecret);
    rows['sid-3'] = { email: 'ana@acme.test', via: 'token', hrGroup: null };
    const cookie = await signSession({ sid: 'sid-3', email: 'ben@acme.test', via: 'token', exp: nowSeconds + 60, tid }, options.sessionSecret);
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toBeNull();
    rows['sid-3'] = { email: 'ben@acme.test', via: 'dev', hrGroup: null };
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toBeNull();
    rows['sid-3'] = { email: 'ben@acme.test', via: 'token', hrGroup: 'people-team' };
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toBeNull();
    rows['sid-3'] = { email: 'ben@acme.test', via: 'token', hrGroup: null };
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toMatchObject({ email: 'ben@acme.test', isHr: false });
  });

  it('fingerprints a token with the session secret, not a bare hash', async () => {
    const bare = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('tok-ben-0123456789ab'))))).slice(0, 22);
    const keyed = await credentialId('tok-ben-0123456789ab', options.sessionSecret);
    expect(keyed).not.toBe(bare.replace(/\+/g, '-').replace(/\//g, '_'));
    expect(keyed).not.toBe(await credentialId('tok-ben-0123456789ab', 't'.repeat(32)));
    expect(keyed).toBe(await credentialId('tok-ben-0123456789ab', options.sessionSecret));
  });

  it('honours trial sessions only while trial sign-in is on and the code is the one signed in with', async () => {
    open.add('sid-2');
    const tid = await credentialId(options.trialCode, options.sessionSecret);
    const cookie = await signSession({ sid: 'sid-2', email: 'eve@acme.test', via: 'dev', exp: nowSeconds + 60, tid }, options.sessionSecret);
    expect(await identify(cookieOnly(cookie), options, at(nowSeconds))).toBeNull();
    expect(await identify(cookieOnly(cookie), { ...options, devSignIn: true }, at(nowSeconds))).toMatchObject({ email: 'eve@acme.test' });
    expect(await identify(cookieOnly(cookie), { ...options, devSignIn: true, trialCode: 'anothercode2' }, at(nowSeconds))).toBeNull();
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

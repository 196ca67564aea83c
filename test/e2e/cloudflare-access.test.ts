/**
 * Behind Cloudflare Access the identity is the email of a verified Cf-Access-Jwt-Assertion: signed by
 * one of the team's published keys, for this application's audience, from the team domain, unexpired.
 * A forged or stale assertion is anonymous, and the unverified email header counts for nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessVerifier } from '../../service/src/auth/cloudflare-access.js';
import { type AccessTeam, ACCESS_AUD, startAccessTeam } from '../support/access-team.js';
import { type TestService, makeTestService } from '../support/app.js';

let team: AccessTeam;
let service: TestService;

beforeAll(async () => {
  team = await startAccessTeam();
  service = await makeTestService({ ...team.env, API_TOKENS: '' }, (deps) => {
    // No cool-down between key fetches, so the rotation below needs no waiting.
    deps.identity.access = createAccessVerifier({ teamDomain: team.teamDomain, audience: ACCESS_AUD }, { refetchCooldownMs: 0 });
  });
});
afterAll(async () => {
  await service?.close();
  await team?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const sessionWith = async (headers: Record<string, string>) => (await service.call('GET', '/api/session', { headers })).json.session;

describe('Cloudflare Access', () => {
  it('a valid assertion is its email', async () => {
    expect(await sessionWith({ 'cf-access-jwt-assertion': await team.assertion() })).toMatchObject({ email: 'ben@acme.test', isHr: false });
    expect(await sessionWith({ 'cf-access-jwt-assertion': await team.assertion({ email: 'HR@acme.test' }) })).toMatchObject({ email: 'hr@acme.test', isHr: true });
    const plans = await service.call('GET', '/api/plans', { headers: { 'cf-access-jwt-assertion': await team.assertion() } });
    expect(plans.status).toBe(200);
  });

  it('never trusts Cf-Access-Authenticated-User-Email', async () => {
    expect(await sessionWith({ 'cf-access-authenticated-user-email': 'hr@acme.test' })).toBeNull();
    // Not even next to a valid assertion for someone else.
    expect(await sessionWith({ 'cf-access-authenticated-user-email': 'hr@acme.test', 'cf-access-jwt-assertion': await team.assertion() })).toMatchObject({
      email: 'ben@acme.test',
      isHr: false,
    });
    expect((await service.call('GET', '/api/plans', { headers: { 'cf-access-authenticated-user-email': 'hr@acme.test' } })).status).toBe(401);
  });

  it.each([
    ['a wrong audience', () => team.assertion({ aud: 'another-application-audience-tag' })],
    ['a wrong issuer', () => team.assertion({ iss: 'https://evil.cloudflareaccess.com' })],
    ['an expired assertion', () => team.assertion({ exp: now() - 60 })],
    ['no email', () => team.assertion({ email: undefined })],
  ])('refuses %s', async (_, make) => {
    expect(await sessionWith({ 'cf-access-jwt-assertion': await make() })).toBeNull();
  });

  it('refuses an assertion signed with an unknown key (after fetching the keys again)', async () => {
    const outsider = await team.newKey('key-outsider', false);
    const before = team.certRequests();
    expect(await sessionWith({ 'cf-access-jwt-assertion': await team.assertion({}, outsider) })).toBeNull();
    expect(team.certRequests()).toBe(before + 1);
    // A forged signature under a published kid is refused too.
    const forger = await team.newKey('key-1', false);
    expect(await sessionWith({ 'cf-access-jwt-assertion': await team.assertion({}, forger) })).toBeNull();
  });

  it('refuses alg: none', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', kid: 'key-1' })}.${encode({ email: 'hr@acme.test', iss: team.teamDomain, aud: ACCESS_AUD, exp: now() + 600 })}.`;
    expect(await sessionWith({ 'cf-access-jwt-assertion': unsigned })).toBeNull();
  });

  it('keeps the keys, and picks up a rotated key when an assertion names it', async () => {
    const before = team.certRequests();
    await sessionWith({ 'cf-access-jwt-assertion': await team.assertion() });
    await sessionWith({ 'cf-access-jwt-assertion': await team.assertion() });
    expect(team.certRequests()).toBe(before);
    const rotated = await team.newKey('key-2', true);
    expect(await sessionWith({ 'cf-access-jwt-assertion': await team.assertion({}, rotated) })).toMatchObject({ email: 'ben@acme.test', isHr: false });
    expect(team.certRequests()).toBe(before + 1);
  });

  it('switches the trial sign-in off', () => {
    expect(service.deps.identity.devSignIn).toBe(false);
  });
});

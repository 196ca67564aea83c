import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../service/src/config.js';
import { googleOptionsFromConfig, googleProvider } from '../../service/src/providers/google/index.js';
import { buildProviders } from '../../service/src/providers/registry.js';
import { makeServiceAccount } from '../fakes/google/keys.js';
import { googleWorld, OWNER } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Google provider: settings and credentials', () => {
  it('stops start-up with one error naming every missing or malformed Google setting', () => {
    const error = (() => {
      try {
        loadConfig({ GOOGLE_SUBJECT: OWNER, GOOGLE_SERVICE_ACCOUNT_KEY: '{"client_email":"x"}' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key/),
      expect.stringMatching(/^GOOGLE_PLANS_FOLDER_ID: missing/),
    ]);
    expect(() => loadConfig({ GOOGLE_ROLE_HR: 'owner' })).toThrow(/GOOGLE_ROLE_HR/);
    // The folder's or template's URL pasted instead of its ID is named, with what to take from it.
    const urls = { GOOGLE_PLANS_FOLDER_ID: 'https://drive.google.com/drive/folders/1AbCdEf', GOOGLE_TEMPLATE_DOC_ID: 'https://docs.google.com/document/d/1XyZ/edit' };
    expect(() => googleOptionsFromConfig(loadConfig({ GOOGLE_SUBJECT: OWNER, GOOGLE_SERVICE_ACCOUNT_KEY: '{}', ...urls }))).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          'GOOGLE_PLANS_FOLDER_ID: a URL, not an ID; use the last part of the URL (1AbCdEf)',
          'GOOGLE_TEMPLATE_DOC_ID: a URL, not an ID; use the part after /d/ (1XyZ)',
        ]),
      }),
    );
    // A key whose PEM was mangled (e.g. pasted with quotes or stray characters) stops start-up too.
    const mangled = JSON.stringify({ client_email: 'svc@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIE*not base64*\n-----END PRIVATE KEY-----\n' });
    expect(() => googleOptionsFromConfig(loadConfig({ GOOGLE_SUBJECT: OWNER, GOOGLE_PLANS_FOLDER_ID: 'f', GOOGLE_SERVICE_ACCOUNT_KEY: mangled }))).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key/)] }),
    );
  });

  it('enables the provider when configured, and gets one token for many calls (cached until near expiry)', async () => {
    const world = await googleWorld(server);
    const providers = buildProviders(loadConfig(world.env), {});
    expect(providers.google?.name).toBe('google');
    await world.provider.createDocument(world.input());
    expect(world.fake.counts()['oauth.token']).toBe(1);
    expect(await world.provider.checkSetup?.()).toEqual({ ok: true, problems: [] });
  });

  it('says clearly when domain-wide delegation is missing', async () => {
    const world = await googleWorld(server);
    world.fake.accounts[0]!.delegatedScopes = [];
    const error = await world.provider.createDocument(world.input()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TokenError' });
    expect((error as Error).message).toMatch(/domain-wide delegation is missing.*unauthorized_client.*Domain-wide delegation/s);
    expect(await world.provider.checkSetup?.()).toMatchObject({ ok: false, problems: [expect.stringContaining('unauthorized_client')] });
  });

  it('says clearly when the key was revoked (or is another key), without retrying in a loop', async () => {
    const world = await googleWorld(server);
    const other = await makeServiceAccount([]);
    const options = googleOptionsFromConfig(loadConfig({ ...world.env, GOOGLE_SERVICE_ACCOUNT_KEY: other.keyJson }))!;
    const provider = googleProvider({ ...options, sleep: async () => {} });
    const error = await provider.readDocument({ planId: 'p', docId: 'x' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/\[google\] token: the service account key was rejected \(invalid_grant: Invalid JWT Signature\.\)/);
    expect(world.fake.counts()['oauth.token']).toBe(1);
  });

  it('gets a new token shortly before the cached one expires', async () => {
    let clock = Date.now();
    const world = await googleWorld(server, { options: { now: () => clock } });
    world.fake.now = () => clock;
    const { docId } = await world.provider.createDocument(world.input());
    clock += 58 * 60_000; // the token (1 hour) has 2 minutes left: still used
    await world.provider.readDocument({ planId: 'plan-1', docId });
    expect(world.fake.counts()['oauth.token']).toBe(1);
    clock += 90_000; // 30 seconds left: replaced before it can expire mid-request
    await world.provider.readDocument({ planId: 'plan-1', docId });
    expect(world.fake.counts()['oauth.token']).toBe(2);
  });

  it('gets a new token when the API stops accepting the cached one', async () => {
    const world = await googleWorld(server);
    const created = await world.provider.createDocument(world.input());
    world.fake.revokeTokens();
    await world.provider.readDocument({ planId: 'plan-1', docId: created.docId });
    expect(world.fake.counts()['oauth.token']).toBe(2);
  });

  it('reports a plans folder in a shared drive, or one shared with others, at setup', async () => {
    const world = await googleWorld(server);
    world.fake.share(world.folderId, { type: 'user', role: 'reader', emailAddress: 'eve@acme.test' });
    world.fake.state.get(world.folderId).driveId = '0ASharedDrive';
    const report = await world.provider.checkSetup?.();
    expect(report?.ok).toBe(false);
    expect(report?.problems).toEqual([expect.stringContaining('shared drive')]);
    world.fake.state.get(world.folderId).driveId = undefined;
    const later = await googleProvider(world.options).checkSetup?.();
    expect(later?.problems).toEqual([expect.stringMatching(/shared with eve@acme.test.*share it with nobody/)]);
  });
});

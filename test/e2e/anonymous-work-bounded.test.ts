/**
 * Work that anyone can cause is bounded. Starting an OIDC sign-in (anonymous) writes nothing to the
 * store: only a callback with a validly signed attempt marks it used, and the throttle bounds those.
 * "Poll now", open to every party, reads a plan's document at most once in POLL_NOW_REUSE_MS; callers
 * in between get that read's answer, so nobody can spend the provider's quota by asking repeatedly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POLL_NOW_REUSE_MS } from '../../service/src/plans/poll-now.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';
import { type Provider, oidcEnv, startProvider, walkSignIn } from '../support/oidc-provider.js';

let service: TestService;
let dataDir: string;
afterEach(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('starting an OIDC sign-in', () => {
  let provider: Provider;
  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(async () => provider?.stop());

  it('writes no row, however often anyone asks; a finished sign-in still cannot be replayed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bounded-'));
    service = await makeTestService(oidcEnv(provider, { OIDC_ALLOWED_DOMAINS: 'acme.test', HR_EMAILS: 'hr@acme.test' }), undefined, { dataDir });
    for (let i = 0; i < 50; i++) expect((await service.app.request('http://localhost:8787/auth/sign-in')).status).toBe(302);
    const rows = () => {
      const db = new Database(join(dataDir, 'coaching-plans.sqlite'), { readonly: true });
      const count = (db.prepare('SELECT COUNT(*) AS n FROM sign_in_states').get() as { n: number }).n;
      db.close();
      return count;
    };
    expect(rows()).toBe(0);
    provider.claims = { email: 'ben@acme.test', email_verified: true };
    const walk = await walkSignIn(service);
    expect(walk.callback.status).toBe(302);
    expect(rows()).toBe(1);
    expect((await walk.replay()).status).toBe(401);
  });
});

describe('poll now', () => {
  it('reads a plan at most once in a few seconds; callers in between get that answer', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bounded-'));
    let now = new Date(`${isoToday()}T09:00:00Z`);
    let reads = 0;
    service = await makeTestService(
      {},
      (deps) => {
        const local = deps.providers.local;
        if (!local) throw new Error('no local provider');
        const read = local.readDocument.bind(local);
        local.readDocument = async (ref) => {
          reads++;
          return read(ref);
        };
      },
      { now: () => now, dataDir },
    );
    const ids: string[] = [];
    for (const start of [isoToday(-3), isoToday(-2)]) {
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(start) });
      expect(created.status).toBe(201);
      ids.push(created.json.plan.id);
    }
    const [first, second] = ids as [string, string];
    const poll = (id: string, as: 'manager' | 'teamMember' | 'hr') => service.call('POST', `/api/plans/${id}/poll`, { as });
    const before = reads;
    const answers = await Promise.all([poll(first, 'manager'), poll(first, 'teamMember'), poll(first, 'hr')]);
    for (let i = 0; i < 20; i++) answers.push(await poll(first, 'teamMember'));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(reads - before).toBe(1);
    expect(new Set(answers.map((answer) => answer.json.plan.lastPolledAt)).size).toBe(1);
    // Another plan is not held back by the first.
    expect((await poll(second, 'manager')).status).toBe(200);
    expect(reads - before).toBe(2);
    // Once the few seconds have passed, the next call reads again.
    now = new Date(now.getTime() + POLL_NOW_REUSE_MS);
    expect((await poll(first, 'manager')).status).toBe(200);
    expect(reads - before).toBe(3);
  });
});

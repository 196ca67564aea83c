/**
 * On Workers the service is built once per isolate, not per request (runtime/worker-handler.ts, which
 * runtime/worker.ts runs): the Access keys are fetched once, not at every request, and what the app
 * keeps (view cache, index, presence) outlives a request. A wrong configuration shows visitors a
 * generic page and puts the details, which may name emails or folder ids, in the log only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExecutionContext } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../service/src/config.js';
import { createApp } from '../../service/src/http/app.js';
import { fileBlobs } from '../../service/src/providers/local/file-blobs.js';
import { localProvider } from '../../service/src/providers/local/index.js';
import { composeService } from '../../service/src/runtime/compose.js';
import { CONFIG_PROBLEM_PAGE, type WorkerParts, createWorkerHandler } from '../../service/src/runtime/worker-handler.js';
import type { Store } from '../../service/src/store/types.js';
import { openSqliteStore } from '../../service/src/store/sqlite.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { type AccessTeam, startAccessTeam } from '../support/access-team.js';
import { PEOPLE } from '../support/app.js';

let team: AccessTeam;
let store: Store;
let dataDir: string;
beforeAll(async () => {
  team = await startAccessTeam();
  store = await openSqliteStore({ file: ':memory:' });
  dataDir = mkdtempSync(join(tmpdir(), 'worker-isolate-'));
});
afterAll(async () => {
  await store?.close();
  await team?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const template = loadTemplate('default', readFileSync(resolve(import.meta.dirname, '../../templates/coaching-plan.md'), 'utf8'));

/** As worker.ts builds an isolate's service, on SQLite instead of D1. */
function build(env: Record<string, string>, providerFetch?: typeof fetch): WorkerParts {
  const config = loadConfig({ ...env, DATA_DIR: dataDir, SESSION_SECRET: 'a-session-secret-of-32-characters!!' });
  const deps = composeService({
    config,
    store,
    template,
    runtime: { local: localProvider({ blobs: fileBlobs(join(dataDir, 'documents')), publicUrl: config.PUBLIC_URL }), ...(providerFetch ? { fetch: providerFetch } : {}) },
    sessionSecret: config.SESSION_SECRET as string,
    requestBudget: config.WORKER_SUBREQUEST_BUDGET,
    log: () => {},
  });
  return { deps, app: createApp(deps) };
}

/** An invocation's context that keeps what was handed to waitUntil. */
function invocation() {
  const waited: Promise<unknown>[] = [];
  const context: ExecutionContext = { waitUntil: (work) => void waited.push(work), passThroughOnException: () => {}, props: {} };
  return { context, settled: () => Promise.allSettled(waited) };
}

describe('the Workers entry', () => {
  it('builds the service once per isolate: the Access keys are fetched once for many requests', async () => {
    let builds = 0;
    const handler = createWorkerHandler((env: Record<string, string>) => {
      builds++;
      return build(env);
    });
    const env = { ...team.env, HR_EMAILS: PEOPLE.hr.email };
    const certsBefore = team.certRequests();
    for (const email of [PEOPLE.manager.email, PEOPLE.hr.email, PEOPLE.teamMember.email]) {
      const { context, settled } = invocation();
      const res = await handler.fetch(new Request('http://localhost:8787/api/session', { headers: { 'cf-access-jwt-assertion': await team.assertion({ email }) } }), env, context);
      expect((await res.json()).session).toMatchObject({ email });
      await settled();
    }
    expect(builds).toBe(1);
    expect(team.certRequests() - certsBefore).toBe(1);
  });

  it('keeps each invocation within the budget, counted afresh for the next, and held while its after-the-answer work runs', async () => {
    let release = () => {};
    const afterAnswer = new Promise<void>((done) => (release = done));
    /** An app whose every request sends as many provider requests as the budget allows, one more refused. */
    const spending = (env: Record<string, string>): WorkerParts => {
      const { deps } = build(env, async () => new Response('{}'));
      return {
        deps,
        app: {
          async fetch(request, _env, context) {
            let sent = 0;
            while (
              await deps.meter.fetch('https://www.googleapis.com/drive/v3/about').then(
                () => true,
                () => false,
              )
            )
              sent++;
            if (new URL(request.url).pathname === '/webhook') context.waitUntil(afterAnswer);
            return new Response(String(sent));
          },
        },
      };
    };
    const handler = createWorkerHandler(spending);
    const env = { API_TOKENS: `${PEOPLE.hr.email}=${PEOPLE.hr.token}`, HR_EMAILS: PEOPLE.hr.email, WORKER_SUBREQUEST_BUDGET: '5' };
    const call = async (path: string) => (await handler.fetch(new Request(`http://localhost:8787${path}`), env, invocation().context)).text();
    expect(await call('/')).toBe('5');
    expect(await call('/')).toBe('5');
    // An invocation whose work goes on after its answer keeps the budget it shares with any that overlap.
    expect(await call('/webhook')).toBe('5');
    expect(await call('/')).toBe('0');
    release();
    await afterAnswer;
    await new Promise((next) => setTimeout(next, 0));
    expect(await call('/')).toBe('5');
  });

  it('shows visitors a generic page for a wrong configuration, and the details only in the log', async () => {
    const logged: string[] = [];
    const handler = createWorkerHandler(
      () => {
        throw new ConfigError(['GOOGLE_PLANS_FOLDER_ID: folder 1AbCdEf is shared with everyone@acme.test']);
      },
      (message) => logged.push(message),
    );
    for (let run = 0; run < 2; run++) {
      const res = await handler.fetch(new Request('http://localhost:8787/'), {}, invocation().context);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toBe(CONFIG_PROBLEM_PAGE);
      expect(text).not.toContain('everyone@acme.test');
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('GOOGLE_PLANS_FOLDER_ID: folder 1AbCdEf is shared with everyone@acme.test');
  });
});

/**
 * Crashes: the real Node service (as `npm start` runs it) against the fakes served over HTTP. A
 * clean create is counted first, in remote requests; then, for each request N of a create, a fresh
 * service is SIGKILLed the moment the fake has performed request N (its answer never arrives), is
 * started again on the same data folder, and the client sends its request again with the same
 * Idempotency-Key. The start-up cycle and the retried request both resume the create.
 * Each kill is checked: the server is `node` itself in a process group of its own (server.ts), and
 * `kill()` fails unless that group is gone, so no old server finishes the create beside the new one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanRecord } from '../../service/src/domain/plan.js';
import { openSqliteStore } from '../../service/src/store/sqlite.js';
import { startGoogleFakeServer } from '../fakes/google/http-server.js';
import { setUpWorkspace } from '../fakes/google/workspace.js';
import { FAKE_TOKEN, seedWorkspace } from '../fakes/notion/index.js';
import { startNotionFakeServer } from '../fakes/notion/http-server.js';
import { API_TOKENS, PEOPLE, planBody } from '../support/app.js';
import { type RunningServer, startServer } from '../support/server.js';
import { googleOutcome, notionOutcome, type Outcome, OUTCOME_HEADER, outcomeRow } from './reliability-counts.js';

const OWNER = 'plans@acme.test';

/** A fake over HTTP, with a hook on every request it performs. */
interface FakeWorld {
  env: Record<string, string>;
  /** Called after the fake performed each request (in arrival order). */
  onRequest: (listener: (() => void) | null) => void;
  outcome(plans: PlanRecord[]): Outcome;
  close(): Promise<void>;
}

async function googleWorldOverHttp(): Promise<FakeWorld> {
  const running = await startGoogleFakeServer();
  const { fake } = running;
  fake.limiter.quotas = false;
  const workspace = await setUpWorkspace(fake, { owner: OWNER, users: Object.values(PEOPLE).map((p) => p.email) });
  let listener: (() => void) | null = null;
  const handle = fake.handle.bind(fake);
  fake.handle = async (request) => {
    const response = await handle(request);
    listener?.();
    return response;
  };
  return {
    env: { ...workspace.env, PROVIDER: 'google' },
    onRequest: (next) => void (listener = next),
    outcome: (plans) => googleOutcome(fake, plans, OWNER),
    close: running.close,
  };
}

async function notionWorldOverHttp(): Promise<FakeWorld> {
  // The fake's quotas on, as Notion's would be (a real clock here): the service paces itself under them.
  const running = await startNotionFakeServer();
  const { fake } = running;
  const { dataSourceId } = seedWorkspace(fake.state);
  let listener: (() => void) | null = null;
  const forward = fake.fetch.bind(fake);
  fake.fetch = async (request) => {
    const response = await forward(request);
    listener?.();
    return response;
  };
  return {
    env: { PROVIDER: 'notion', NOTION_TOKEN: FAKE_TOKEN, NOTION_DATA_SOURCE_ID: dataSourceId, NOTION_BASE_URL: running.origin },
    onRequest: (next) => void (listener = next),
    outcome: (plans) => notionOutcome(fake, plans),
    close: running.close,
  };
}

const REQUEST = { method: 'POST', body: JSON.stringify(planBody('2026-12-01')) };
const headers = { authorization: `Bearer ${PEOPLE.manager.token}`, 'content-type': 'application/json', 'idempotency-key': 'crash-run' };

async function plansIn(dataDir: string): Promise<PlanRecord[]> {
  const store = await openSqliteStore({ file: join(dataDir, 'coaching-plans.sqlite') });
  try {
    return await store.listPlans({ all: true });
  } finally {
    await store.close();
  }
}

/** Wait until no plan is creating (the start-up cycle resumes it), at most `ms`. */
async function settled(server: RunningServer, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.baseUrl}/api/plans`, { headers: { authorization: `Bearer ${PEOPLE.hr.token}` } });
    const { plans } = (await res.json()) as { plans: { state: string }[] };
    if (plans.length > 0 && plans.every((p) => p.state !== 'creating')) return;
    await fetch(`${server.baseUrl}/api/poll`, { method: 'POST', headers: { authorization: `Bearer ${PEOPLE.hr.token}` } });
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** One create, killed after the fake performed request `killAt` (none: a clean create). Returns the outcome and the requests the create made. */
async function run(make: () => Promise<FakeWorld>, killAt: number | null): Promise<{ outcome: Outcome; requests: number; killed: boolean }> {
  const world = await make();
  const dataDir = mkdtempSync(join(tmpdir(), 'coaching-plans-crash-'));
  const env = { ...world.env, DATA_DIR: dataDir, API_TOKENS, HR_EMAILS: PEOPLE.hr.email, POLL_INTERVAL_SECONDS: '3600' };
  try {
    let server = await startServer(env);
    let requests = 0;
    let killed: Promise<void> | null = null;
    world.onRequest(() => {
      requests++;
      if (requests === killAt) killed = server.kill();
    });
    await fetch(`${server.baseUrl}/api/plans`, { ...REQUEST, headers }).catch(() => undefined);
    world.onRequest(null);
    if (killed) {
      await killed;
      server = await startServer(env);
      // The client saw its connection drop: it sends the same request again.
      await fetch(`${server.baseUrl}/api/plans`, { ...REQUEST, headers }).catch(() => undefined);
    }
    await settled(server);
    await server.stop();
    return { outcome: world.outcome(await plansIn(dataDir)), requests, killed: killed !== null };
  } finally {
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sum of the runs' outcomes. */
function total(outcomes: Outcome[]): Outcome {
  const sum = { plans: 0, ready: 0, failed: 0, creating: 0, documents: 0, duplicates: 0, exposed: 0, unexplained: 0 };
  for (const o of outcomes) for (const key of Object.keys(sum) as (keyof Outcome)[]) sum[key] += o[key];
  return sum;
}

export async function crashRuns(): Promise<void> {
  console.log(OUTCOME_HEADER);
  for (const [name, make] of [
    ['Google', googleWorldOverHttp],
    ['Notion', notionWorldOverHttp],
  ] as const) {
    const clean = await run(make, null);
    const outcomes: Outcome[] = [];
    let kills = 0;
    for (let step = 1; step <= clean.requests; step++) {
      const { outcome, killed } = await run(make, step);
      outcomes.push(outcome);
      if (killed) kills++;
      if (outcome.ready !== 1 || outcome.duplicates > 0 || outcome.exposed > 0 || outcome.unexplained > 0)
        console.log(outcomeRow(`${name}: killed after request ${step}`, outcome));
    }
    console.log(outcomeRow(`${name}: clean create (${clean.requests} requests)`, clean.outcome));
    console.log(outcomeRow(`${name}: killed after each of the ${clean.requests} requests (${kills} kills, each server's process group gone after it), in total`, total(outcomes)));
  }
}

/**
 * The flow a new user follows, against the real Node server (`npm start`'s entry point): create a
 * plan with a token, edit its local document through the served editor and on disk, poll, and see
 * progress entries, activities done and health change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_ADDRESS } from '../../service/src/auth/throttle.js';
import { type Answer, type AnswerBody, readAnswer } from '../support/answer.js';
import { API_TOKENS, PEOPLE, type Person, isoToday, planBody } from '../support/app.js';
import { DRAIN_MAX_BYTES, MAX_BODY_BYTES } from '../../service/src/http/valid-input.js';
import { refusedThenNext } from '../support/keep-alive.js';
import { type RunningServer, runUntilExit, startServer, trialCodeOf } from '../support/server.js';
import { RUN_TAG, serviceProcesses } from '../support/service-processes.js';

let server: RunningServer;

/** One request to the real server as `as`; `json` is typed as the route's answer (test/support/answer.ts). */
async function api<Method extends string, Path extends string>(method: Method, path: Path, as: Person, body?: unknown): Promise<Answer<AnswerBody<Method, Path>>> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${PEOPLE[as].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return readAnswer(response);
}

beforeAll(async () => {
  server = await startServer({ API_TOKENS, HR_EMAILS: PEOPLE.hr.email });
});
afterAll(async () => server?.stop());

describe('a plan from creation to progress, on the real server', () => {
  // Started 20 days ago with a weekly cadence: two check-ins are already past their grace.
  const start = isoToday(-20);
  let planId: string;
  let docUrl: string;

  it('serves health without identity', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('creates the plan and its local document', async () => {
    const res = await api('POST', '/api/plans', 'manager', planBody(start));
    expect(res.status).toBe(201);
    planId = res.json.plan.id;
    docUrl = res.json.plan.docUrl ?? '';
    expect(docUrl).toBe(`${server.baseUrl}/docs/${planId}`);
    expect(res.json.plan.state).toBe('ready');
    expect(res.json.plan.status.activities).toEqual({ done: 0, total: 2 });
    expect(res.json.plan.status.missedCheckIns).toBe(2);
    expect(res.json.plan.status.health).toBe('off_track');
    const markdown = readFileSync(join(server.dataDir, 'documents', `${planId}.md`), 'utf8');
    expect(markdown).toContain('# Coaching plan: Ana');
    expect(markdown).toContain('| Shadow two customer calls | Ana |');
  });

  it('takes an edit through the served editor and shows it', async () => {
    const page = await fetch(docUrl, { headers: { authorization: `Bearer ${PEOPLE.teamMember.token}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<textarea id="markdown"');

    const doc = await api('GET', `/api/plans/${planId}/document`, 'teamMember');
    const edited = (doc.json.markdown as string)
      .replace('| Shadow two customer calls | Ana |', '| Shadow two customer calls (with Cy) | Ana |')
      .replace(/(\| Shadow two customer calls \(with Cy\) \| Ana \| [^|]* \| )Not started \|/, '$1Done |')
      .concat(`| ${isoToday(-17)} | Shadowed the first call; took notes on how Cy frames risks | Ana |\n`);
    const saved = await api('PUT', `/api/plans/${planId}/document`, 'teamMember', { markdown: edited, baseVersion: doc.json.version });
    expect(saved.status).toBe(200);

    const plan = await api('GET', `/api/plans/${planId}`, 'hr');
    expect(plan.json.plan.status.activities).toEqual({ done: 1, total: 2 });
    expect(plan.json.plan.status.progressEntries).toBe(1);
    expect(plan.json.plan.progressEntries[0]).toMatchObject({ date: isoToday(-17), by: 'Ana' });
    expect(plan.json.plan.status.missedCheckIns).toBe(1);
    expect(plan.json.plan.status.health).toBe('at_risk');

    const stale = await api('PUT', `/api/plans/${planId}/document`, 'manager', { markdown: 'overwrite', baseVersion: doc.json.version });
    expect(stale.status).toBe(409);
    expect(stale.extra.current?.markdown).toContain('Shadowed the first call');
  });

  it('takes an edit made to the file on disk, at the next poll', async () => {
    const file = join(server.dataDir, 'documents', `${planId}.md`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}| ${isoToday(-10)} | Sent the first weekly update | Ana |\n`);
    const polled = await api('POST', `/api/plans/${planId}/poll`, 'manager');
    expect(polled.status).toBe(200);
    expect(polled.json.plan.status.progressEntries).toBe(2);
    expect(polled.json.plan.status.missedCheckIns).toBe(0);
    expect(polled.json.plan.status.health).toBe('on_track');
    expect(polled.json.plan.status.lastEntryDate).toBe(isoToday(-10));
    expect(polled.json.plan.audit.map((e: { kind: string }) => e.kind)).toContain('status.changed');
  });

  it('runs a full cycle for HR and counts the plan on the dashboard', async () => {
    const cycle = await api('POST', '/api/poll', 'hr');
    expect(cycle.json).toMatchObject({ errors: 0 });
    const dashboard = await api('GET', '/api/dashboard', 'hr');
    expect(dashboard.json.counts).toMatchObject({ total: 1, active: 1 });
  });

  it('hides the plan from a stranger', async () => {
    expect((await api('GET', `/api/plans/${planId}`, 'stranger')).status).toBe(404);
    const page = await fetch(docUrl, { headers: { authorization: `Bearer ${PEOPLE.stranger.token}` } });
    expect(page.status).toBe(404);
  });
});

/** A failed start-up's exit may take most of a minute on a loaded machine: the test waits for it. */
const EXIT_WAIT_MS = 120_000;

describe('start-up', () => {
  it(
    "stops with one message naming every bad variable, the providers' and reminders' included",
    async () => {
      // PORT is not a number, a failure that once kept the rules between variables (Google's, Notion's) for a later start-up.
      const { code, output } = await runUntilExit({
        PORT: 'eighty',
        TIME_ZONE: 'Mars/Olympus',
        API_TOKENS: 'not-a-pair',
        GOOGLE_SUBJECT: 'owner@acme.test',
        NOTION_TOKEN: 'ntn_x',
        REMINDER_LEAD_DAYS: '-1',
      });
      expect(code).toBe(1);
      expect(output).toContain('Invalid configuration');
      expect(output).toMatch(/PORT/);
      expect(output).toMatch(/TIME_ZONE/);
      expect(output).toMatch(/API_TOKENS/);
      expect(output).toContain('GOOGLE_SERVICE_ACCOUNT_KEY: missing');
      expect(output).toContain('NOTION_DATA_SOURCE_ID: required when NOTION_TOKEN is set');
      expect(output).toMatch(/REMINDER_LEAD_DAYS/);
    },
    EXIT_WAIT_MS,
  );

  it(
    'refuses a default provider that is not configured',
    async () => {
      const { code, output } = await runUntilExit({ PROVIDER: 'notion' });
      expect(code).toBe(1);
      expect(output).toContain('PROVIDER: "notion" is the default for new plans but is not configured');
    },
    EXIT_WAIT_MS,
  );
});

describe('a crash', () => {
  // The crash benchmark's kills must be real: the server itself dies, not a wrapper around it.
  it(
    'SIGKILL ends the server itself: nothing of it is left running and its port refuses connections',
    async () => {
      const doomed = await startServer({ API_TOKENS, HR_EMAILS: PEOPLE.hr.email });
      const ofIt = () => serviceProcesses(process.env[RUN_TAG] ?? '').filter((p) => p.pid === doomed.pid || p.group === doomed.pid);
      expect(ofIt().map((p) => p.command)).toEqual([expect.stringMatching(/runtime\/node\.ts$/)]);
      await doomed.kill();
      expect(ofIt()).toEqual([]);
      await expect(fetch(`${doomed.baseUrl}/api/health`)).rejects.toThrow();
      await doomed.stop();
    },
    EXIT_WAIT_MS,
  );
});

describe('start-up without tokens on loopback', () => {
  // Started in a hook (hookTimeout), not inside the test: a start under load is not the test's time.
  let trial: RunningServer;
  beforeAll(async () => {
    trial = await startServer({});
  });
  afterAll(async () => trial?.stop());

  it('warns loudly about the trial sign-in', async () => {
    expect(trial.output()).toContain('TRIAL MODE');
    const code = trialCodeOf(trial);
    expect(trial.output()).toContain(`sign in: ${trial.baseUrl}/sign-in/?code=${code}`);
    const signIn = (body: unknown) => fetch(`${trial.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await signIn({ email: 'ben@acme.test' })).status).toBe(401);
    const session = await signIn({ email: 'ben@acme.test', code });
    expect(session.status).toBe(200);
    expect(session.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  });

  it('does not warn when tokens are set', () => {
    expect(server.output()).not.toContain('TRIAL MODE');
  });
});

// Last in the file: it locks this server's sign-in for the loopback address.
describe('the sign-in throttle on Node', () => {
  it('counts failures per socket address: a forged CF-Connecting-IP or X-Forwarded-For does not escape it', async () => {
    const signIn = (token: string, forged: string) =>
      fetch(`${server.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': forged, 'x-forwarded-for': forged },
        body: JSON.stringify({ token }),
      });
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await signIn(`guess-${i}-0123456789`, `198.51.100.${i + 1}`)).status).toBe(401);
    // Were the header trusted, this would be a fresh address; it is the same socket address.
    const blocked = await signIn(PEOPLE.hr.token, '203.0.113.50');
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
  });
});

describe('a refused body on Node', () => {
  for (const declared of [true, false]) {
    it(`leaves the keep-alive connection usable (${declared ? 'Content-Length' : 'chunked'}): the rest is read and dropped, the next request answered on it`, async () => {
      const result = await refusedThenNext(server.baseUrl, PEOPLE.manager.token, { bytes: 300 * 1024, declared });
      expect(result).toEqual({ refused: { status: 400, issue: 'is too large' }, next: { status: 200 }, connections: 1 });
    });
  }

  it('past the drain bound: refused, the connection closed, the next request answered on a new one', async () => {
    const result = await refusedThenNext(server.baseUrl, PEOPLE.manager.token, { bytes: MAX_BODY_BYTES + DRAIN_MAX_BYTES + 256 * 1024, declared: false });
    // The client may see the 400, or the connection reset while it is still sending.
    expect([{ status: 400, issue: 'is too large' }, { reset: true }]).toContainEqual(result.refused);
    expect(result).toMatchObject({ next: { status: 200 }, connections: 2 });
  });
});

/**
 * The service on workerd through `wrangler dev`, as `npm run worker:dev` runs it: the bundled
 * worker, a local D1, the dashboard assets, cron invocations through GET /__scheduled, and the
 * Notion fake as a local HTTP server. Slow to start on a busy machine: generous timeouts, no timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotionFakeServer } from '../fakes/notion/http-server.js';
import { FAKE_TOKEN, seedWorkspace, ui } from '../fakes/notion/index.js';
import { API_TOKENS, PEOPLE, isoToday, planBody } from '../support/app.js';
import { type WorkerDev, startWorkerDev } from '../support/wrangler.js';

const BUDGET = 20;
let notion: Awaited<ReturnType<typeof startNotionFakeServer>>;
let worker: WorkerDev;

beforeAll(async () => {
  notion = await startNotionFakeServer();
  const { dataSourceId } = seedWorkspace(notion.fake.state);
  worker = await startWorkerDev({
    SESSION_SECRET: 'worker-test-secret-worker-test-secret!',
    API_TOKENS,
    HR_EMAILS: PEOPLE.hr.email,
    NOTION_TOKEN: FAKE_TOKEN,
    NOTION_DATA_SOURCE_ID: dataSourceId,
    NOTION_BASE_URL: notion.origin,
    WORKER_SUBREQUEST_BUDGET: String(BUDGET),
  });
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await notion?.close();
}, 60_000);

async function call(method: string, path: string, as?: keyof typeof PEOPLE, body?: unknown) {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${PEOPLE[as].token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${worker.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text.startsWith('{') ? JSON.parse(text) : null };
}

describe('the service on workerd (wrangler dev)', () => {
  it('serves the dashboard with the same security headers as on Node', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await call('GET', '/api/health')).json).toMatchObject({ ok: true });
  });

  it('keeps local documents in D1: create, edit in the editor, read back through the API', async () => {
    const created = await call('POST', '/api/plans', 'manager', planBody(isoToday(-3), { provider: 'local' }));
    expect(created.status).toBe(201);
    const id = created.json.plan.id as string;
    expect(created.json.plan.state).toBe('ready');
    const doc = await call('GET', `/api/plans/${id}/document`, 'teamMember');
    expect(doc.status).toBe(200);
    const edited = `${doc.json.markdown}| ${isoToday(-2)} | Wrote the first update | Ana |\n`;
    const saved = await call('PUT', `/api/plans/${id}/document`, 'teamMember', { markdown: edited, baseVersion: doc.json.version });
    expect(saved.status).toBe(200);
    expect((await call('GET', '/__scheduled')).status).toBe(200);
    const plan = await call('GET', `/api/plans/${id}`, 'hr');
    expect(plan.json.plan.progressEntries.map((e: { text: string }) => e.text)).toEqual(['Wrote the first update']);
    expect((await call('GET', `/api/plans/${id}`, 'stranger')).status).toBe(404);
  });

  it('reads Notion edits in cron invocations, each within the request budget, until every changed plan is read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const created = await call('POST', '/api/plans', 'manager', planBody(isoToday(-3), { provider: 'notion' }));
      expect(created.status).toBe(201);
      ids.push(created.json.plan.id);
    }
    // A first invocation reads them all once (the new cursor); finish it before people edit.
    for (let i = 0; i < 10 && (await call('GET', '/__scheduled')) && (await unread(ids)) > 0; i++);
    for (const pageId of notion.fake.state.pages.keys()) ui.addTableRow(notion.fake.state, pageId, 'Date', [isoToday(-1), 'Progress on workerd', 'Ana']);

    const perInvocation: number[] = [];
    while (perInvocation.length < 15) {
      const before = notion.fake.log.length;
      expect((await call('GET', '/__scheduled')).status).toBe(200);
      perInvocation.push(notion.fake.log.length - before);
      if ((await withEntry(ids)) === ids.length) break;
    }
    expect(await withEntry(ids)).toBe(ids.length);
    expect(perInvocation.length).toBeGreaterThan(1);
    for (const requests of perInvocation) expect(requests).toBeLessThanOrEqual(BUDGET);
  }, 600_000);
});

/** Plans not read yet. */
async function unread(ids: string[]) {
  let count = 0;
  for (const id of ids) if ((await call('GET', `/api/plans/${id}`, 'hr')).json.plan.lastPolledAt === null) count++;
  return count;
}

/** Plans whose progress log shows the edit. */
async function withEntry(ids: string[]) {
  let count = 0;
  for (const id of ids) {
    const plan = (await call('GET', `/api/plans/${id}`, 'hr')).json.plan;
    if (plan.progressEntries.some((entry: { text: string }) => entry.text === 'Progress on workerd')) count++;
  }
  return count;
}

/**
 * The service on workerd through `wrangler dev`, as `npm run worker:dev` runs it: the bundled
 * worker, a local D1, the dashboard assets, cron invocations through GET /__scheduled, and the
 * Google and Notion fakes as local HTTP servers. One worker serves every case (starting it is the
 * slow part); slow to start on a busy machine: generous timeouts, no timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../fakes/notion/index.js';
import { isoToday, planBody } from '../support/app.js';
import { bodiesOnWorkerCases } from './bodies-on-worker.js';
import { googleOnWorkerCases } from './google-on-worker.js';
import { orderOnWorkerCases } from './order-on-worker.js';
import { throttleOnWorkerCases } from './throttle-on-worker.js';
import { notionWebhookOnWorkerCases } from './webhook-on-worker.js';
import { BUDGET, type WorkerWorld, call, startWorkerWorld } from './worker-world.js';

let world: WorkerWorld;

beforeAll(async () => {
  world = await startWorkerWorld();
}, 300_000);

afterAll(async () => {
  await world?.stop();
}, 60_000);

describe('the service on workerd (wrangler dev)', () => {
  it('serves the dashboard with the same security headers as on Node', async () => {
    const page = await call(world, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await call(world, 'GET', '/api/health')).json).toMatchObject({ ok: true });
  }, 120_000);

  it("serves a person's calendar feed (the bundled ics package, tokens in D1), and rotation revokes it", async () => {
    expect((await call(world, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'local' }) })).status).toBe(201);
    const address = await call(world, 'GET', '/api/calendar', { as: 'teamMember' });
    expect(address.status).toBe(200);
    const feedPath = new URL(address.json.url as string).pathname;
    const feed = await call(world, 'GET', feedPath);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(feed.text).toContain('DTSTART;VALUE=DATE:');
    expect(feed.text).toContain('SUMMARY:Plan ends: Coaching plan: Ana\\, ');
    expect((await call(world, 'POST', '/api/calendar/rotate', { as: 'teamMember' })).status).toBe(200);
    expect((await call(world, 'GET', feedPath)).status).toBe(404);
  }, 120_000);

  it('keeps local documents in D1: create, edit in the editor, read back through the API', async () => {
    const created = await call(world, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'local' }) });
    expect(created.status).toBe(201);
    const id = created.json.plan.id as string;
    expect(created.json.plan.state).toBe('ready');
    const doc = await call(world, 'GET', `/api/plans/${id}/document`, { as: 'teamMember' });
    expect(doc.status).toBe(200);
    const edited = `${doc.json.markdown}| ${isoToday(-2)} | Wrote the first update | Ana |\n`;
    const saved = await call(world, 'PUT', `/api/plans/${id}/document`, { as: 'teamMember', body: { markdown: edited, baseVersion: doc.json.version } });
    expect(saved.status).toBe(200);
    expect((await call(world, 'GET', '/__scheduled')).status).toBe(200);
    const plan = await call(world, 'GET', `/api/plans/${id}`, { as: 'hr' });
    expect(plan.json.plan.progressEntries.map((e: { text: string }) => e.text)).toEqual(['Wrote the first update']);
    expect((await call(world, 'GET', `/api/plans/${id}`, { as: 'stranger' })).status).toBe(404);
  }, 120_000);

  describe('Google', () => googleOnWorkerCases(() => world));
  describe("the handbook's order", () => orderOnWorkerCases(() => world));
  describe('Notion webhooks', () => notionWebhookOnWorkerCases(() => world));
  describe('sign-in throttle', () => throttleOnWorkerCases(() => world));
  describe('request bodies', () => bodiesOnWorkerCases(() => world));

  it('reads Notion edits in cron invocations, each within the request budget, until every changed plan is read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const created = await call(world, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'notion' }) });
      expect(created.status).toBe(201);
      ids.push(created.json.plan.id);
    }
    // A first invocation reads them all once (the new cursor); finish it before people edit.
    for (let i = 0; i < 10 && (await call(world, 'GET', '/__scheduled')) && (await unread(ids)) > 0; i++);
    for (const pageId of world.notion.fake.state.pages.keys()) ui.addTableRow(world.notion.fake.state, pageId, 'Date', [isoToday(-1), 'Progress on workerd', 'Ana']);

    const perInvocation: number[] = [];
    while (perInvocation.length < 15) {
      const before = world.notion.fake.log.length + world.google.fake.log.length;
      expect((await call(world, 'GET', '/__scheduled')).status).toBe(200);
      perInvocation.push(world.notion.fake.log.length + world.google.fake.log.length - before);
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
  for (const id of ids) if ((await call(world, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.lastPolledAt === null) count++;
  return count;
}

/** Plans whose progress log shows the edit. */
async function withEntry(ids: string[]) {
  let count = 0;
  for (const id of ids) {
    const plan = (await call(world, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan;
    if (plan.progressEntries.some((entry: { text: string }) => entry.text === 'Progress on workerd')) count++;
  }
  return count;
}

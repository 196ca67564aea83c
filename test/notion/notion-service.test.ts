/**
 * The Notion provider inside the service: a manager creates a plan through the HTTP API, people
 * edit the page in Notion, and a signed webhook delivery makes the service read it again.
 */
import { signWebhookPayload } from '@notionhq/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notionHandlers, ui } from '../fakes/notion/index.js';
import { type TestService, planBody } from '../support/app.js';
import { notionEnv, serviceOnNotion } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const WEBHOOK_TOKEN = 'secret_webhook_verification_token';

async function notionService(): Promise<{ service: TestService; env: ReturnType<typeof notionEnv> }> {
  const env = notionEnv();
  server.use(...notionHandlers(env.fake));
  const service = await serviceOnNotion(env, { NOTION_WEBHOOK_VERIFICATION_TOKEN: WEBHOOK_TOKEN, WEBHOOK_POLL_DELAY_SECONDS: '60' });
  return { service, env };
}

async function deliver(service: TestService, event: Record<string, unknown>, token = WEBHOOK_TOKEN) {
  // Notion's deliveries carry the event's time; the service ignores undated or day-old ones as replays.
  const body = JSON.stringify({ timestamp: new Date().toISOString(), ...event });
  const signature = await signWebhookPayload({ body, verificationToken: token });
  return service.app.request('/webhooks/notion', { method: 'POST', headers: { 'content-type': 'application/json', 'x-notion-signature': signature }, body });
}

describe('Notion plans through the service', () => {
  it('creates the page with the four people, then a webhook delivery reads the new progress', async () => {
    const { service, env } = await notionService();
    try {
      const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      expect(res.status).toBe(201);
      expect(res.json.plan.provider).toBe('notion');
      expect(res.json.plan.docUrl).toMatch(/^https:\/\/www\.notion\.so\//);
      expect(res.json.plan.status.activities.total).toBe(2);
      const pageId: string = (await service.store.getPlan(res.json.plan.id))!.docId!;

      ui.addTableRow(env.fake.state, pageId, 'Date', [{ date: '2026-12-03' }, 'Shadowed the first call', 'Ana']);
      const refused = await deliver(service, { id: 'evt-0', type: 'page.content_updated', entity: { id: pageId, type: 'page' } }, 'wrong');
      expect(refused.status).toBe(401);
      const accepted = await deliver(service, { id: 'evt-1', type: 'page.content_updated', entity: { id: pageId, type: 'page' } });
      expect(accepted.status).toBe(200);
      await service.deps.settleWebhookPolls();

      const plan = await service.call('GET', `/api/plans/${res.json.plan.id}`, { as: 'hr' });
      expect(plan.json.plan.progressEntries).toEqual([{ date: '2026-12-03', text: 'Shadowed the first call', by: 'Ana' }]);
      expect(plan.json.plan.sharing.state).toBe('ok');
    } finally {
      await service.close();
    }
  });

  it('a webhook for a page that is not a plan reads nothing; one for a plan page reads it', async () => {
    const { service, env } = await notionService();
    try {
      const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const pageId: string = (await service.store.getPlan(res.json.plan.id))!.docId!;
      const before = env.fake.requests().length;
      expect((await deliver(service, { id: 'evt-2', type: 'page.content_updated', entity: { id: 'not-a-plan-page', type: 'page' } })).status).toBe(200);
      await service.deps.settleWebhookPolls();
      expect(env.fake.requests().length).toBe(before);
      expect((await deliver(service, { id: 'evt-3', type: 'page.properties_updated', entity: { id: pageId, type: 'page' } })).status).toBe(200);
      await service.deps.settleWebhookPolls();
      expect(env.fake.requests().length).toBeGreaterThan(before);
    } finally {
      await service.close();
    }
  });
  it('a database published to the web: the create fails closed before any page exists, the plan says what to switch off, and health says it', async () => {
    const { service, env } = await notionService();
    try {
      env.fake.state.dataSources.get(env.dataSourceId)!.published = true;
      const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      expect(res.status).toBe(502);
      expect(res.json.plan.state).toBe('failed');
      expect(res.error?.message).toMatch(/not written: the Coaching plans database is published to the web.*Unpublish/);
      expect(env.fake.state.pages.size).toBe(0);
      const audit = (await service.store.listAudit(res.json.plan.id)).map((e) => e.kind);
      expect(audit).toEqual(expect.arrayContaining(['sharing.violation', 'plan.create_failed']));
      // Not retried on the next cycle: the plan stays failed, no page.
      await service.call('POST', '/api/poll', { as: 'hr' });
      expect(env.fake.state.pages.size).toBe(0);
      const health = await service.call('GET', '/api/health', { as: 'hr' });
      expect(JSON.stringify(health.json)).toMatch(/Coaching plans database is published to the web/);
    } finally {
      await service.close();
    }
  });
});

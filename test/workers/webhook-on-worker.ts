/**
 * Notion's webhook deliveries on workerd: the worker checks X-Notion-Signature, answers at once, and
 * reads the plan's page after answering (ctx.waitUntil), with no cron invocation in between.
 */
import { expect, it } from 'vitest';
import { ui } from '../fakes/notion/index.js';
import { isoToday, planBody } from '../support/app.js';
import { type WorkerWorld, call, deliverNotionEvent, eventually, webhookCyclesDone } from './worker-world.js';

export function notionWebhookOnWorkerCases(world: () => WorkerWorld) {
  it('a signed Notion delivery marks the plan due and reads it after answering; a forged one changes nothing', async () => {
    const w = world();
    const pages = w.notion.fake.state.pages;
    const known = new Set(pages.keys());
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3), { provider: 'notion' }) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.plan.id as string;
    const pageId = [...pages.keys()].find((key) => !known.has(key)) as string;
    expect(pageId).toBeTruthy();
    const entries = async () => (await call(w, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.progressEntries as { text: string }[];

    ui.addTableRow(w.notion.fake.state, pageId, 'Date', [isoToday(-1), 'Told the worker through a webhook', 'Ana']);
    const event = { type: 'page.content_updated', entity: { id: pageId, type: 'page' } };
    const forged = await deliverNotionEvent(w, { ...event, id: 'evt-forged' }, 'not-the-verification-token');
    expect(forged.status).toBe(401);
    expect(forged.error?.code).toBe('unauthenticated');
    // Once a token is set, a new "verification request" is not taken (anyone could send one).
    const verification = await call(w, 'POST', '/webhooks/notion', { body: { verification_token: 'attacker-chosen' } });
    expect(verification.json).toMatchObject({ ok: true, ignored: expect.any(String) });
    expect(await entries()).toEqual([]);

    const readsBefore = w.notion.fake.log.length;
    const accepted = await deliverNotionEvent(w, { ...event, id: 'evt-signed' });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toEqual({ ok: true });
    // No GET /__scheduled here: the read happens under waitUntil, after the answer.
    const read = await eventually(entries, (list) => list.length > 0);
    expect(read.map((entry) => entry.text)).toEqual(['Told the worker through a webhook']);
    expect(w.notion.fake.log.length).toBeGreaterThan(readsBefore);
    // The cycle the delivery started may still be reading other plans after this one is visible.
    await webhookCyclesDone(w, 1);
  }, 120_000);
}
